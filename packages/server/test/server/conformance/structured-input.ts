import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidRequestError, NotFoundError } from '../../../src/index.js';
import type { StructuredInputItem, UserMessageItem } from '../../../src/protocol/index.js';
import { assistantItem, done, structuredInputItem } from './fixtures.js';
import { eventOf, typesOf, type Harness, type HarnessAccessor } from './harness.js';

/** A thread whose first turn asks the structured questions; resumed turns answer with a message. */
async function askedThread(t: Harness, options: { multiple?: boolean } = {}) {
  const inputs: (UserMessageItem | null)[] = [];
  let item: StructuredInputItem | undefined;
  const server = t.server({
    async *respond(thread, input) {
      inputs.push(input);
      if (input) {
        item = structuredInputItem(thread.id, options);
        yield done(item);
      } else {
        yield done(assistantItem(thread.id, 'Thanks for answering'));
      }
    },
  });
  const { threadId, user } = await t.createThread(server);
  return { server, threadId, user, item: item!, inputs };
}

const submit = (threadId: string, itemId: string, input: object) => ({
  type: 'threads.add_structured_input',
  params: { thread_id: threadId, item_id: itemId, input },
});

export function structuredInputSuite(h: HarnessAccessor): void {
  describe('threads.add_structured_input (§6.6)', () => {
    // §11.1 #17
    it('replaces the item with the answers, free text included, then resumes respond', async () => {
      const t = h();
      const { server, threadId, item, inputs, user } = await askedThread(t);
      const { events } = await t.stream(
        server,
        submit(threadId, item.id, {
          answers: { q: { values: ['A', 'Something else'] }, f: { values: ['More'] } },
        }),
      );
      expect(typesOf(events)).toEqual([
        'stream_options',
        'thread.item.replaced',
        'thread.item.done',
      ]);
      const answered = eventOf(events[1], 'thread.item.replaced').item as StructuredInputItem;
      expect(answered).toEqual({
        ...item,
        status: 'answered',
        inputs: [
          { ...item.inputs[0], answer: { values: ['A', 'Something else'], skipped: false } },
          { ...item.inputs[1], answer: { values: ['More'], skipped: false } },
        ],
      });
      expect(await t.storedItem(threadId, item.id)).toEqual(answered);
      expect(inputs).toEqual([user, null]);
      expect(eventOf(events[2], 'thread.item.done').item.type).toBe('assistant_message');
    });

    // §11.1 #18
    it('marks questions without an answer as skipped', async () => {
      const t = h();
      const { server, threadId, item } = await askedThread(t);
      const { events } = await t.stream(
        server,
        submit(threadId, item.id, { answers: { q: { values: ['B'] } } }),
      );
      const answered = eventOf(events[1], 'thread.item.replaced').item as StructuredInputItem;
      expect(answered.inputs.map((input) => input.answer)).toEqual([
        { values: ['B'], skipped: false },
        { values: [], skipped: true },
      ]);
    });

    // §11.1 #19
    it('ignores answers for unknown question ids', async () => {
      const t = h();
      const { server, threadId, item } = await askedThread(t);
      const { events } = await t.stream(
        server,
        submit(threadId, item.id, {
          answers: { nope: { values: ['x'] }, f: { values: ['kept'] } },
        }),
      );
      const answered = eventOf(events[1], 'thread.item.replaced').item as StructuredInputItem;
      expect(answered.inputs.map((input) => [input.id, input.answer])).toEqual([
        ['q', { values: [], skipped: true }],
        ['f', { values: ['kept'], skipped: false }],
      ]);
    });

    // §11.1 #20
    it('keeps only the first value of a single-choice question', async () => {
      const t = h();
      const { server, threadId, item } = await askedThread(t, { multiple: false });
      await t.stream(server, submit(threadId, item.id, { answers: { q: { values: ['B', 'A'] } } }));
      const stored = (await t.storedItem(threadId, item.id)) as StructuredInputItem;
      expect(stored.status).toBe('answered');
      expect(stored.inputs[0]?.answer).toEqual({ values: ['B'], skipped: false });
    });

    it('skips every question when the submission is skipped', async () => {
      const t = h();
      const { server, threadId, item } = await askedThread(t);
      await t.stream(
        server,
        submit(threadId, item.id, { status: 'skipped', answers: { q: { values: ['A'] } } }),
      );
      const stored = (await t.storedItem(threadId, item.id)) as StructuredInputItem;
      expect(stored.status).toBe('skipped');
      expect(stored.inputs.map((input) => input.answer)).toEqual([
        { values: [], skipped: true },
        { values: [], skipped: true },
      ]);
    });

    it('keeps status answered even when every answer is skipped or empty (§12.2 #8)', async () => {
      const t = h();
      const { server, threadId, item } = await askedThread(t);
      await t.stream(
        server,
        submit(threadId, item.id, {
          answers: { q: { values: [] }, f: { values: ['x'], skipped: true } },
        }),
      );
      const stored = (await t.storedItem(threadId, item.id)) as StructuredInputItem;
      expect(stored.status).toBe('answered');
      expect(stored.inputs.every((input) => input.answer?.skipped === true)).toBe(true);
    });

    it('rejects an item that is no longer pending with ConflictError (reference: aborted stream)', async () => {
      const t = h();
      const { server, threadId, item } = await askedThread(t);
      await t.stream(server, submit(threadId, item.id, {}));
      t.resetCalls();
      await expect(
        server.process(JSON.stringify(submit(threadId, item.id, {})), t.ctx),
      ).rejects.toThrow(ConflictError);
      expect(t.recording.writes()).toEqual([]);
    });

    it('rejects an item that is not structured input with InvalidRequestError', async () => {
      const t = h();
      const { server, threadId, user } = await askedThread(t);
      const error = await server
        .process(JSON.stringify(submit(threadId, user.id, {})), t.ctx)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as InvalidRequestError).issues.map((issue) => issue.path)).toEqual([
        'params.item_id',
      ]);
    });

    it('rejects an unknown item with NotFoundError', async () => {
      const t = h();
      const { server, threadId } = await askedThread(t);
      await expect(
        server.process(JSON.stringify(submit(threadId, 'si_missing', {})), t.ctx),
      ).rejects.toThrow(NotFoundError);
    });
  });
}
