import { describe, expect, it } from 'vitest';
import { isStreamingResult } from '../../../src/index.js';
import type { ThreadMetadata, UserMessageItem } from '../../../src/protocol/index.js';
import { ScriptedServer, type TestContext } from '../../helpers/make-server.js';
import { ISO_UTC, assistantItem, done, endOfTurnItem, idPattern, textInput } from './fixtures.js';
import { eventOf, typesOf, type HarnessAccessor } from './harness.js';

export function threadsCreateSuite(h: HarnessAccessor): void {
  describe('threads.create (§6.2)', () => {
    // §11.1 #5
    it('emits thread.created without a title, then the stored user message with its quoted text', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          yield done(assistantItem(thread.id, 'Hi!'));
          yield done(endOfTurnItem(thread.id));
        },
      });
      const { events, raw } = await t.stream(server, {
        type: 'threads.create',
        params: { input: textInput('Hello', { quoted_text: 'an earlier line' }) },
      });

      expect(typesOf(events)).toEqual([
        'thread.created',
        'thread.item.done',
        'stream_options',
        'thread.item.done',
        'thread.item.done',
      ]);
      const thread = eventOf(events[0], 'thread.created').thread;
      expect(thread.id).toMatch(idPattern('thr'));
      expect(thread.created_at).toMatch(ISO_UTC);
      expect(raw[0]).toEqual({
        type: 'thread.created',
        thread: {
          id: thread.id,
          created_at: thread.created_at,
          status: { type: 'active' },
          metadata: {},
          items: { data: [], has_more: false },
        },
      });

      const user = eventOf(events[1], 'thread.item.done').item as UserMessageItem;
      expect(user.id).toMatch(idPattern('msg'));
      expect(user.created_at).toMatch(ISO_UTC);
      expect(raw[1]).toEqual({
        type: 'thread.item.done',
        item: {
          type: 'user_message',
          id: user.id,
          thread_id: thread.id,
          created_at: user.created_at,
          content: [{ type: 'input_text', text: 'Hello' }],
          attachments: [],
          quoted_text: 'an earlier line',
          inference_options: {},
        },
      });
      expect(raw[2]).toEqual({ type: 'stream_options', stream_options: { allow_cancel: true } });

      const stored = await t.storedItems(thread.id);
      expect(stored.map((item) => item.type)).toEqual([
        'user_message',
        'assistant_message',
        'end_of_turn',
      ]);
      expect(stored[0]).toEqual(user);
      const storedThread = await t.rawStore.loadThread(thread.id, t.ctx);
      expect(storedThread).toMatchObject({
        id: thread.id,
        status: { type: 'active' },
        metadata: {},
      });
      expect(storedThread.title ?? null).toBeNull();
    });

    // §6.2 "Store call log for that request"
    it('makes exactly the reference store calls for a minimal turn', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          yield done(assistantItem(thread.id, 'Hi!'));
          yield done(endOfTurnItem(thread.id));
        },
      });
      const { threadId } = await t.createThread(server);
      const log = t.calls
        .filter((call) => !call.method.startsWith('generate'))
        .map((call) => [call.method, call.args[0], (call.args[1] as { type?: string }).type]);
      expect(log).toEqual([
        ['saveThread', expect.objectContaining({ id: threadId }), undefined],
        ['addThreadItem', threadId, 'user_message'],
        ['addThreadItem', threadId, 'assistant_message'],
        ['addThreadItem', threadId, 'end_of_turn'],
      ]);
      expect(
        t.calls.filter((call) => call.method.startsWith('generate')).map((c) => c.method),
      ).toEqual(['generateThreadId', 'generateItemId']);
      expect(t.calls.find((c) => c.method === 'generateItemId')?.args[0]).toBe('message');
    });

    it('touches the store only once the stream is consumed', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          yield done(assistantItem(thread.id, 'Hi!'));
        },
      });
      const result = await server.process(
        JSON.stringify({ type: 'threads.create', params: { input: textInput('Hello') } }),
        t.ctx,
      );
      expect(isStreamingResult(result)).toBe(true);
      // Only the (synchronous) id generator may run eagerly; no read, no write.
      expect(t.calls.filter((call) => !call.method.startsWith('generate'))).toEqual([]);
      const { data } = await t.rawStore.loadThreads(10, null, 'desc', t.ctx);
      expect(data).toEqual([]);

      for await (const _frame of result as AsyncIterable<Uint8Array>) {
        // drain
      }
      expect(t.recording.writes().map((c) => c.method)).toEqual([
        'saveThread',
        'addThreadItem',
        'addThreadItem',
      ]);
    });

    it('persists the user message before respond runs and hands respond that message', async () => {
      const t = h();
      let seen: { input: UserMessageItem | null; storedBefore: unknown[] } | undefined;
      const server = t.server({
        async *respond(thread, input, context) {
          const page = await t.rawStore.loadThreadItems(thread.id, null, 10, 'asc', context);
          seen = { input, storedBefore: page.data };
          yield done(assistantItem(thread.id, 'Hi!'));
        },
      });
      const { user } = await t.createThread(server);
      expect(seen?.input).toEqual(user);
      expect(seen?.storedBefore).toEqual([user]);
    });

    it('stores input tags verbatim with their defaults filled in', async () => {
      const t = h();
      const server = t.server();
      const { user } = await t.createThread(server, {
        content: [
          { type: 'input_text', text: 'Ask ' },
          { type: 'input_tag', id: 'e1', text: 'Ada', data: { z: 1 } },
          {
            type: 'input_tag',
            id: 'e2',
            text: 'Bob',
            data: {},
            group: 'people',
            interactive: true,
          },
        ],
        attachments: [],
        inference_options: { model: 'gpt-test' },
      });
      expect(user.content).toEqual([
        { type: 'input_text', text: 'Ask ' },
        { type: 'input_tag', id: 'e1', text: 'Ada', data: { z: 1 }, interactive: false },
        { type: 'input_tag', id: 'e2', text: 'Bob', data: {}, group: 'people', interactive: true },
      ]);
      expect(user.inference_options).toEqual({ model: 'gpt-test' });
      expect(await t.storedItem(user.thread_id, user.id)).toEqual(user);
    });

    // §11.1 #44
    it('passes inference_options.tool_choice to respond', async () => {
      const t = h();
      const inputs: (UserMessageItem | null)[] = [];
      const server = t.server({
        async *respond(thread, input) {
          inputs.push(input);
          yield done(assistantItem(thread.id, 'Using the tool'));
        },
      });
      await t.createThread(
        server,
        textInput('Hello', {
          inference_options: { tool_choice: { id: 'web_search' }, model: 'gpt-x' },
        }),
      );
      expect(inputs).toHaveLength(1);
      expect(inputs[0]?.inference_options).toEqual({
        tool_choice: { id: 'web_search' },
        model: 'gpt-x',
      });
    });

    // §11.1 #13
    it('forwards progress updates in order', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          yield { type: 'progress_update', icon: 'search', text: 'Searching…' };
          yield done(assistantItem(thread.id, 'Found it'));
        },
      });
      const { events, raw } = await t.createThread(server);
      expect(typesOf(events)).toEqual([
        'thread.created',
        'thread.item.done',
        'stream_options',
        'progress_update',
        'thread.item.done',
      ]);
      expect(raw[3]).toEqual({ type: 'progress_update', icon: 'search', text: 'Searching…' });
    });

    it('sends the stream options the server chooses', async () => {
      const t = h();
      class NoStopButton extends ScriptedServer {
        override getStreamOptions(_thread: ThreadMetadata, _context: TestContext) {
          return { allow_cancel: false };
        }
      }
      const server = new NoStopButton({}, t.store);
      const { raw } = await t.createThread(server);
      expect(raw[2]).toEqual({ type: 'stream_options', stream_options: { allow_cancel: false } });
    });

    // §11.1 #48
    it('takes thread and item ids from the store generators', async () => {
      const t = h();
      let n = 0;
      t.recording.overrideIds({
        thread: () => `thr_custom_${++n}`,
        item: (itemType, thread) => `${itemType}_custom_${++n}_${thread.id}`,
      });
      const server = t.server();
      const { threadId, user } = await t.createThread(server);
      expect(threadId).toBe('thr_custom_1');
      expect(user.id).toBe('message_custom_2_thr_custom_1');
      expect((await t.storedItems(threadId)).map((item) => item.id)).toEqual([
        'message_custom_2_thr_custom_1',
      ]);
    });
  });
}
