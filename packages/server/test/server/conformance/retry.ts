import { describe, expect, it } from 'vitest';
import { InvalidRequestError, NotFoundError } from '../../../src/index.js';
import type { ThreadItem, UserMessageItem } from '../../../src/protocol/index.js';
import {
  assistantItem,
  done,
  hiddenItem,
  textInput,
  toolCallItem,
  widgetItem,
  workflowItem,
} from './fixtures.js';
import { eventOf, typesOf, type Harness, type HarnessAccessor } from './harness.js';

const retry = (threadId: string, itemId: string) => ({
  type: 'threads.retry_after_item',
  params: { thread_id: threadId, item_id: itemId },
});

/** Every turn answers with one assistant message; records what respond received. */
function echoServer(t: Harness, extra: (threadId: string) => ThreadItem[] = () => []) {
  const inputs: (UserMessageItem | null)[] = [];
  const server = t.server({
    async *respond(thread, input) {
      inputs.push(input);
      yield done(assistantItem(thread.id, `answer ${inputs.length}`));
      for (const item of extra(thread.id)) yield done(item);
    },
  });
  return { server, inputs };
}

const ids = (items: ThreadItem[]) => items.map((item) => item.id);

export function retrySuite(h: HarnessAccessor): void {
  describe('threads.retry_after_item (§6.7)', () => {
    // §11.1 #41
    it('deletes the answer and runs respond again with the same user message', async () => {
      const t = h();
      const { server, inputs } = echoServer(t);
      const { threadId, user } = await t.createThread(server);
      const [, firstAnswer] = await t.storedItems(threadId);

      const { events } = await t.stream(server, retry(threadId, user.id));
      expect(typesOf(events)).toEqual(['stream_options', 'thread.item.done']);
      const newAnswer = eventOf(events[1], 'thread.item.done').item;
      expect(newAnswer.id).not.toBe(firstAnswer!.id);
      expect(inputs).toEqual([user, user]);
      const desc = await t.rawStore.loadThreadItems(threadId, null, 10, 'desc', t.ctx);
      expect(ids(desc.data)).toEqual([newAnswer.id, user.id]);
    });

    // §11.1 #43
    it('replaces only the items after the retried message', async () => {
      const t = h();
      const { server } = echoServer(t);
      const { threadId } = await t.createThread(server, textInput('first'));
      await t.stream(server, {
        type: 'threads.add_user_message',
        params: { thread_id: threadId, input: textInput('second') },
      });
      const [user1, answer1, user2, answer2] = await t.storedItems(threadId);

      const { events } = await t.stream(server, retry(threadId, user2!.id));
      const newAnswer = eventOf(events[1], 'thread.item.done').item;
      expect(newAnswer.id).not.toBe(answer2!.id);
      expect(await t.storedItems(threadId)).toEqual([user1, answer1, user2, newAnswer]);
    });

    // §11.1 #46 (an empty placeholder upstream)
    it('passes the retried message tool_choice to respond', async () => {
      const t = h();
      const { server, inputs } = echoServer(t);
      const { threadId, user } = await t.createThread(
        server,
        textInput('Search this', {
          inference_options: { tool_choice: { id: 'web_search' }, model: 'gpt-x' },
        }),
      );
      await t.stream(server, retry(threadId, user.id));
      expect(inputs).toHaveLength(2);
      expect(inputs[1]?.inference_options).toEqual({
        tool_choice: { id: 'web_search' },
        model: 'gpt-x',
      });
    });

    it('deletes every newer item, hidden ones included, without thread.item.removed events', async () => {
      const t = h();
      const { server } = echoServer(t, (threadId) => [
        hiddenItem(threadId, 'context'),
        widgetItem(threadId),
        workflowItem(threadId),
        toolCallItem(threadId),
      ]);
      const { threadId, user } = await t.createThread(server);
      expect(await t.storedItems(threadId)).toHaveLength(6);
      const { events } = await t.stream(server, retry(threadId, user.id));
      expect(typesOf(events)).not.toContain('thread.item.removed');
      expect((await t.storedItems(threadId)).map((item) => item.type)).toEqual([
        'user_message',
        'assistant_message',
        'hidden_context_item',
        'widget',
        'workflow',
        'client_tool_call',
      ]);
      expect((await t.storedItems(threadId))[0]).toEqual(user);
    });

    it('walks back through more than one page of newer items', async () => {
      const t = h();
      let turn = 0;
      const server = t.server({
        async *respond(thread) {
          turn++;
          const count = turn === 1 ? 25 : 1;
          for (let i = 0; i < count; i++)
            yield done(assistantItem(thread.id, `turn ${turn} part ${i}`));
        },
      });
      const { threadId, user } = await t.createThread(server);
      expect(await t.storedItems(threadId)).toHaveLength(26);
      await t.stream(server, retry(threadId, user.id));
      const stored = await t.storedItems(threadId);
      expect(
        stored.map((item) => (item.type === 'assistant_message' ? item.content[0]?.text : item.id)),
      ).toEqual([user.id, 'turn 2 part 0']);
    });

    it('deletes nothing until the stream is consumed', async () => {
      const t = h();
      const { server } = echoServer(t);
      const { threadId, user } = await t.createThread(server);
      t.resetCalls();
      await server.process(JSON.stringify(retry(threadId, user.id)), t.ctx);
      expect(t.recording.writes()).toEqual([]);
      expect(await t.storedItems(threadId)).toHaveLength(2);
    });

    // §11.1 #42
    it('rejects a target that is not a user message with InvalidRequestError', async () => {
      const t = h();
      const { server, inputs } = echoServer(t);
      const { threadId } = await t.createThread(server);
      const [, answer] = await t.storedItems(threadId);
      t.resetCalls();
      const error = await server
        .process(JSON.stringify(retry(threadId, answer!.id)), t.ctx)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as Error).message).toMatch(/is not a user message/);
      expect((error as InvalidRequestError).issues.map((issue) => issue.path)).toEqual([
        'params.item_id',
      ]);
      expect(t.recording.writes()).toEqual([]);
      expect(inputs).toHaveLength(1);
    });

    it('rejects an unknown item with NotFoundError (reference: an empty stream)', async () => {
      const t = h();
      const { server, inputs } = echoServer(t);
      const { threadId } = await t.createThread(server);
      t.resetCalls();
      await expect(
        server.process(JSON.stringify(retry(threadId, 'msg_missing')), t.ctx),
      ).rejects.toThrow(NotFoundError);
      expect(t.recording.writes()).toEqual([]);
      expect(await t.storedItems(threadId)).toHaveLength(2);
      expect(inputs).toHaveLength(1);
    });
  });
}
