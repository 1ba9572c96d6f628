import { describe, expect, it } from 'vitest';
import type { ThreadMetadata, UserMessageItem } from '../../../src/protocol/index.js';
import { assistantItem, done, textInput } from './fixtures.js';
import { eventOf, typesOf, type HarnessAccessor } from './harness.js';

export function addUserMessageSuite(h: HarnessAccessor): void {
  describe('threads.add_user_message (§2.2, §6.2)', () => {
    it('streams the stored user message, stream_options, then respond events, without thread.created', async () => {
      const t = h();
      const calls: { thread: ThreadMetadata; input: UserMessageItem | null }[] = [];
      const server = t.server({
        async *respond(thread, input) {
          calls.push({ thread: structuredClone(thread), input });
          yield done(assistantItem(thread.id, `reply ${calls.length}`));
        },
      });
      const { threadId } = await t.createThread(server);
      await t.json(server, {
        type: 'threads.update',
        params: { thread_id: threadId, title: 'Existing' },
      });

      const { events, raw } = await t.stream(server, {
        type: 'threads.add_user_message',
        params: { thread_id: threadId, input: textInput('Second') },
      });
      expect(typesOf(events)).toEqual(['thread.item.done', 'stream_options', 'thread.item.done']);
      const user = eventOf(events[0], 'thread.item.done').item as UserMessageItem;
      expect(raw[0]).toEqual({
        type: 'thread.item.done',
        item: {
          type: 'user_message',
          id: user.id,
          thread_id: threadId,
          created_at: user.created_at,
          content: [{ type: 'input_text', text: 'Second' }],
          attachments: [],
          inference_options: {},
        },
      });
      expect(calls[1]?.input).toEqual(user);
      expect(calls[1]?.thread).toMatchObject({ id: threadId, title: 'Existing' });
      const stored = await t.storedItems(threadId);
      expect(stored.map((item) => item.type)).toEqual([
        'user_message',
        'assistant_message',
        'user_message',
        'assistant_message',
      ]);
      expect(stored[2]).toEqual(user);
    });

    it('writes nothing until the stream is consumed', async () => {
      const t = h();
      const server = t.server();
      const { threadId } = await t.createThread(server);
      t.resetCalls();
      await server.process(
        JSON.stringify({
          type: 'threads.add_user_message',
          params: { thread_id: threadId, input: textInput('Later') },
        }),
        t.ctx,
      );
      expect(t.recording.writes()).toEqual([]);
      expect(t.calls.map((call) => call.method)).toEqual(['loadThread']);
      expect(await t.storedItems(threadId)).toHaveLength(1);
    });

    // §11.1 #47
    it('passes inference_options.tool_choice to respond', async () => {
      const t = h();
      const inputs: (UserMessageItem | null)[] = [];
      const server = t.server({
        async *respond(thread, input) {
          inputs.push(input);
          yield done(assistantItem(thread.id, 'ok'));
        },
      });
      const { threadId } = await t.createThread(server);
      await t.stream(server, {
        type: 'threads.add_user_message',
        params: {
          thread_id: threadId,
          input: textInput('Use the tool', {
            inference_options: { tool_choice: { id: 'calculator' } },
          }),
        },
      });
      expect(inputs[1]?.inference_options).toEqual({ tool_choice: { id: 'calculator' } });
    });
  });
}
