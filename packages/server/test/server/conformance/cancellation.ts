import { describe, expect, it, vi } from 'vitest';
import { isStreamingResult, NotFoundError } from '../../../src/index.js';
import type {
  AssistantMessageItem,
  Page,
  ThreadItem,
  ThreadStreamEvent,
} from '../../../src/protocol/index.js';
import type { ScriptedServer } from '../../helpers/make-server.js';
import {
  CANCEL_NOTE,
  added,
  assistantItem,
  card,
  customTask,
  deferred,
  done,
  idPattern,
  outputText,
  partAdded,
  textDelta,
  textInput,
  untilAborted,
  updated,
  urlAnnotation,
  widgetItem,
  workflowItem,
} from './fixtures.js';
import { decodeFrame, eventOf, typesOf, type Harness, type HarnessAccessor } from './harness.js';

/** Runs `threads.create`, optionally breaking out of `for await` after a matching event. */
async function consume(
  t: Harness,
  server: ScriptedServer,
  options: { signal?: AbortSignal; breakAfter?: (event: ThreadStreamEvent) => boolean } = {},
): Promise<{ events: ThreadStreamEvent[]; threadId: string }> {
  const result = await server.process(
    JSON.stringify({ type: 'threads.create', params: { input: textInput('Hello') } }),
    t.ctx,
    { signal: options.signal },
  );
  if (!isStreamingResult(result)) throw new Error('expected a stream');
  const events: ThreadStreamEvent[] = [];
  for await (const frame of result) {
    const { event } = decodeFrame(frame);
    events.push(event);
    if (options.breakAfter?.(event)) break;
  }
  return { events, threadId: eventOf(events[0], 'thread.created').thread.id };
}

const isUpdate = (type: string) => (event: ThreadStreamEvent) =>
  event.type === 'thread.item.updated' && event.update.type === type;
const isTextDelta = isUpdate('assistant_message.content_part.text_delta');

/** Integration state observed by the tests: did it see the abort, did its cleanup run. */
interface Probe {
  sawAbort: boolean;
  cleanedUp: boolean;
  resumedAfterYield: boolean;
  message?: AssistantMessageItem;
}
const newProbe = (): Probe => ({ sawAbort: false, cleanedUp: false, resumedAfterYield: false });

export function cancellationSuite(h: HarnessAccessor): void {
  describe('cancellation (§6.9)', () => {
    async function expectCancelledTurn(
      t: Harness,
      threadId: string,
      message: AssistantMessageItem | undefined,
    ) {
      const stored = await t.storedItems(threadId);
      const expected = message
        ? ['user_message', 'assistant_message', 'sdk_hidden_context']
        : ['user_message', 'sdk_hidden_context'];
      expect(stored.map((item) => item.type)).toEqual(expected);
      const note = stored.at(-1)!;
      expect(note).toEqual({
        type: 'sdk_hidden_context',
        id: expect.stringMatching(idPattern('shcx')),
        thread_id: threadId,
        created_at: expect.any(String),
        content: CANCEL_NOTE,
      });
      const newest = await t.rawStore.loadThreadItems(threadId, null, 1, 'desc', t.ctx);
      expect(newest.data.map((item) => item.id)).toEqual([note.id]);
      return stored;
    }

    // §11.1 #1, cancelled through the request's AbortSignal
    it('persists the streamed text and the hidden note when the signal aborts while respond awaits', async () => {
      const t = h();
      const controller = new AbortController();
      const waiting = deferred();
      const probe = newProbe();
      const server = t.server({
        async *respond(thread, _input, _context, { signal }) {
          try {
            probe.message = assistantItem(thread.id, '');
            yield added(probe.message);
            yield partAdded(probe.message.id, 'Hello, ');
            yield textDelta(probe.message.id, 'World!');
            waiting.resolve();
            await untilAborted(signal); // a model call that aborts with the request
            probe.sawAbort = signal.aborted;
            yield textDelta(probe.message.id, ' (after the abort)');
            probe.resumedAfterYield = true;
          } finally {
            probe.cleanedUp = true;
          }
        },
      });
      void waiting.promise.then(() => controller.abort());

      const { events, threadId } = await consume(t, server, { signal: controller.signal });

      expect(typesOf(events)).toEqual([
        'thread.created',
        'thread.item.done',
        'stream_options',
        'thread.item.added',
        'thread.item.updated',
        'thread.item.updated',
      ]);
      await vi.waitFor(() => expect(probe.cleanedUp).toBe(true));
      expect(probe.sawAbort).toBe(true);
      // return() was called on the suspended generator: the code after its yield never ran.
      expect(probe.resumedAfterYield).toBe(false);
      // The abort may settle the stream before the cancellation writes finish.
      const stored = await vi.waitFor(() => expectCancelledTurn(t, threadId, probe.message));
      expect(stored[1]).toEqual({ ...probe.message, content: [outputText('Hello, World!')] });

      const visible = await t.json<Page<ThreadItem>>(server, {
        type: 'items.list',
        params: { thread_id: threadId, order: 'asc' },
      });
      expect(visible.data.map((item) => item.type)).toEqual(['user_message', 'assistant_message']);
    });

    // §11.1 #1, cancelled by the consumer leaving `for await` early
    it('persists the streamed text and the hidden note when the consumer stops iterating', async () => {
      const t = h();
      const probe = newProbe();
      const server = t.server({
        async *respond(thread) {
          try {
            probe.message = assistantItem(thread.id, '');
            yield added(probe.message);
            yield partAdded(probe.message.id, 'Hello, ');
            yield textDelta(probe.message.id, 'World!');
            probe.resumedAfterYield = true;
            yield textDelta(probe.message.id, ' more');
          } finally {
            probe.cleanedUp = true;
          }
        },
      });
      const { events, threadId } = await consume(t, server, { breakAfter: isTextDelta });
      expect(typesOf(events).slice(3)).toEqual([
        'thread.item.added',
        'thread.item.updated',
        'thread.item.updated',
      ]);
      await vi.waitFor(() => expect(probe.cleanedUp).toBe(true));
      expect(probe.resumedAfterYield).toBe(false);
      const stored = await expectCancelledTurn(t, threadId, probe.message);
      expect(stored[1]).toEqual({ ...probe.message, content: [outputText('Hello, World!')] });
    });

    // §11.1 #2
    it('does not store a pending assistant message without text', async () => {
      const t = h();
      const controller = new AbortController();
      const waiting = deferred();
      let messageId = '';
      const server = t.server({
        async *respond(thread, _input, _context, { signal }) {
          const message = assistantItem(thread.id, '');
          messageId = message.id;
          yield added(message);
          waiting.resolve();
          await untilAborted(signal);
        },
      });
      void waiting.promise.then(() => controller.abort());
      const { threadId } = await consume(t, server, { signal: controller.signal });
      await vi.waitFor(() => expectCancelledTurn(t, threadId, undefined));
      await expect(t.storedItem(threadId, messageId)).rejects.toThrow(NotFoundError);
    });

    it('does not store a pending assistant message with only whitespace', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          const message = assistantItem(thread.id, '');
          yield added({ ...message, content: [outputText('  \n ')] });
          yield textDelta(message.id, '\t');
        },
      });
      const { threadId } = await consume(t, server, { breakAfter: isTextDelta });
      await expectCancelledTurn(t, threadId, undefined);
    });

    it('pads missing content parts with empty text', async () => {
      const t = h();
      const probe = newProbe();
      const server = t.server({
        async *respond(thread) {
          probe.message = assistantItem(thread.id, '');
          yield added(probe.message);
          yield textDelta(probe.message.id, 'part2', 1);
        },
      });
      const { threadId } = await consume(t, server, { breakAfter: isTextDelta });
      const stored = await expectCancelledTurn(t, threadId, probe.message);
      expect((stored[1] as AssistantMessageItem).content).toEqual([
        outputText(''),
        outputText('part2'),
      ]);
    });

    it('applies content_part.added, text_delta and content_part.done to the pending copy', async () => {
      const t = h();
      const probe = newProbe();
      const server = t.server({
        async *respond(thread) {
          probe.message = assistantItem(thread.id, '');
          yield added(probe.message);
          yield partAdded(probe.message.id, 'Hel');
          yield textDelta(probe.message.id, 'lo');
          yield updated(probe.message.id, {
            type: 'assistant_message.content_part.done',
            content_index: 0,
            content: outputText('Hello!'),
          });
          yield partAdded(probe.message.id, 'Second', 1);
          yield textDelta(probe.message.id, ' part', 1);
        },
      });
      let deltas = 0;
      const { threadId } = await consume(t, server, {
        breakAfter: (event) => isTextDelta(event) && ++deltas === 2,
      });
      const stored = await expectCancelledTurn(t, threadId, probe.message);
      expect((stored[1] as AssistantMessageItem).content).toEqual([
        outputText('Hello!'),
        outputText('Second part'),
      ]);
    });

    it('inserts streamed annotations at their annotation_index, appending past the end', async () => {
      const t = h();
      const probe = newProbe();
      const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((title, i) => urlAnnotation(title, i));
      const server = t.server({
        async *respond(thread) {
          probe.message = {
            ...assistantItem(thread.id, ''),
            content: [outputText('Cited text', [a!, c!])],
          };
          yield added(probe.message);
          for (const [annotation, index] of [
            [b!, 1],
            [d!, 99],
          ] as const) {
            yield updated(probe.message.id, {
              type: 'assistant_message.content_part.annotation_added',
              content_index: 0,
              annotation_index: index,
              annotation,
            });
          }
        },
      });
      let seen = 0;
      const { threadId } = await consume(t, server, {
        breakAfter: (event) =>
          isUpdate('assistant_message.content_part.annotation_added')(event) && ++seen === 2,
      });
      const stored = await expectCancelledTurn(t, threadId, probe.message);
      expect((stored[1] as AssistantMessageItem).content).toEqual([
        outputText('Cited text', [a!, b!, c!, d!]),
      ]);
    });

    it('applies workflow task updates to pending copies and hands them to handleStreamCancelled', async () => {
      const t = h();
      const pending: ThreadItem[][] = [];
      const contexts: unknown[] = [];
      const originals: ThreadItem[] = [];
      const server = t.server({
        async *respond(thread) {
          const workflow = workflowItem(thread.id, [customTask('first')]);
          const widget = widgetItem(thread.id, card('a'));
          originals.push(workflow, widget);
          yield added(workflow);
          // The reference appends on task.added (task_index ignored) and replaces on task.updated.
          yield updated(workflow.id, {
            type: 'workflow.task.added',
            task_index: 7,
            task: customTask('second'),
          });
          yield updated(workflow.id, {
            type: 'workflow.task.updated',
            task_index: 0,
            task: customTask('first, revised'),
          });
          // The integration mutating its own objects afterwards must not leak into the pending copy.
          workflow.workflow.tasks.push(customTask('local mutation'));
          yield added(widget);
          yield updated(widget.id, { type: 'widget.root.updated', widget: card('b') });
        },
        async handleStreamCancelled(_thread, items, context) {
          pending.push(items);
          contexts.push(context);
        },
      });
      const { threadId } = await consume(t, server, {
        breakAfter: isUpdate('widget.root.updated'),
      });
      expect(pending).toHaveLength(1);
      const [workflow, widget] = originals;
      expect(pending[0]).toEqual([
        {
          ...workflow,
          workflow: {
            type: 'custom',
            expanded: false,
            tasks: [customTask('first, revised'), customTask('second')],
          },
        },
        // Widget updates are not applied to pending copies.
        { ...widget, widget: card('a') },
      ]);
      expect(contexts).toEqual([t.ctx]);
      expect(contexts[0]).toBe(t.ctx);
      // A custom handler replaces the default one: nothing was stored.
      expect((await t.storedItems(threadId)).map((item) => item.type)).toEqual(['user_message']);
    });

    it('discards pending widgets, workflows and generated images by default (§12.2 #15)', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          yield added(workflowItem(thread.id, [customTask('step')]));
          yield added(widgetItem(thread.id));
          yield added({
            type: 'generated_image',
            id: `img_${thread.id}`,
            thread_id: thread.id,
            created_at: new Date().toISOString(),
          });
        },
      });
      const { threadId } = await consume(t, server, {
        breakAfter: (event) =>
          event.type === 'thread.item.added' && event.item.type === 'generated_image',
      });
      await expectCancelledTurn(t, threadId, undefined);
    });

    it('treats items completed before the cancellation as stored, not pending', async () => {
      const t = h();
      const pending: string[][] = [];
      const ids: string[] = [];
      const server = t.server({
        async *respond(thread) {
          const first = assistantItem(thread.id, '');
          const second = assistantItem(thread.id, '');
          ids.push(first.id, second.id);
          yield added(first);
          yield partAdded(first.id, 'first');
          yield done({ ...first, content: [outputText('first, final')] });
          yield added(second);
          yield partAdded(second.id, 'second');
        },
        async handleStreamCancelled(thread, items, context) {
          pending.push(items.map((item) => item.id));
          await t.server().handleStreamCancelled(thread, items, context);
        },
      });
      let parts = 0;
      const { threadId } = await consume(t, server, {
        breakAfter: (event) =>
          isUpdate('assistant_message.content_part.added')(event) && ++parts === 2,
      });
      expect(pending).toEqual([[ids[1]]]);
      const stored = await t.storedItems(threadId);
      expect(
        stored.map((item) => [
          item.type,
          item.type === 'assistant_message' ? item.content[0]?.text : null,
        ]),
      ).toEqual([
        ['user_message', null],
        ['assistant_message', 'first, final'],
        ['assistant_message', 'second'],
        ['sdk_hidden_context', null],
      ]);
    });

    it('does nothing when the signal aborts after the stream completed', async () => {
      const t = h();
      const controller = new AbortController();
      const server = t.server({
        async *respond(thread) {
          yield done(assistantItem(thread.id, 'complete'));
        },
      });
      const { threadId } = await consume(t, server, { signal: controller.signal });
      const writes = t.recording.writes().length;
      controller.abort();
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(t.recording.writes()).toHaveLength(writes);
      expect((await t.storedItems(threadId)).map((item) => item.type)).toEqual([
        'user_message',
        'assistant_message',
      ]);
    });
  });
}
