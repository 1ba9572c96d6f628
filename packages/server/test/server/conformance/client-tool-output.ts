import { describe, expect, it, vi } from 'vitest';
import { ConflictError, NotFoundError } from '../../../src/index.js';
import type {
  ClientToolCallItem,
  ThreadItem,
  ThreadStreamEventInput,
  UserMessageItem,
} from '../../../src/protocol/index.js';
import { assistantItem, done, hiddenItem, toolCallItem } from './fixtures.js';
import { eventOf, typesOf, type Harness, type HarnessAccessor } from './harness.js';

const toolOutput = (threadId: string, result: unknown) => ({
  type: 'threads.add_client_tool_output',
  params: { thread_id: threadId, result },
});

/**
 * A server whose first turn ends with the given pending tool calls and whose resumed turn
 * (input null) answers with an assistant message.
 */
function toolServer(t: Harness, callsPerTurn = 1) {
  const inputs: (UserMessageItem | null)[] = [];
  const calls: ClientToolCallItem[] = [];
  const seenBeforeResume: ThreadItem[][] = [];
  const server = t.server({
    async *respond(thread, input) {
      inputs.push(input);
      if (input) {
        for (let i = 0; i < callsPerTurn; i++) {
          const call = toolCallItem(thread.id, {
            call_id: `call_${i + 1}`,
            name: 'get_weather',
            arguments: { city: 'Paris' },
          });
          calls.push(call);
          yield done(call);
        }
        return;
      }
      seenBeforeResume.push(
        (await t.rawStore.loadThreadItems(thread.id, null, 50, 'asc', t.ctx)).data,
      );
      yield done(assistantItem(thread.id, 'It is sunny.'));
    },
  });
  return { server, inputs, calls, seenBeforeResume };
}

export function clientToolOutputSuite(h: HarnessAccessor): void {
  describe('threads.add_client_tool_output (§6.5)', () => {
    // §11.1 #12
    it('completes the pending call and resumes respond with no input', async () => {
      const t = h();
      const { server, inputs, calls, seenBeforeResume } = toolServer(t);
      const created = await t.createThread(server);
      expect(typesOf(created.events)).toEqual([
        'thread.created',
        'thread.item.done',
        'stream_options',
        'thread.item.done',
      ]);
      const call = eventOf(created.events[3], 'thread.item.done').item as ClientToolCallItem;
      expect(call).toMatchObject({
        id: calls[0]!.id,
        type: 'client_tool_call',
        status: 'pending',
        call_id: 'call_1',
        name: 'get_weather',
        arguments: { city: 'Paris' },
      });

      const resumed = await t.stream(server, toolOutput(created.threadId, { temperature: 21 }));
      // The completed call is not re-emitted.
      expect(typesOf(resumed.events)).toEqual(['stream_options', 'thread.item.done']);
      expect(eventOf(resumed.events[1], 'thread.item.done').item.type).toBe('assistant_message');
      expect(inputs).toEqual([created.user, null]);

      const completed = { ...calls[0]!, status: 'completed', output: { temperature: 21 } };
      expect(await t.storedItem(created.threadId, call.id)).toEqual(completed);
      // Saved before respond resumes.
      expect(seenBeforeResume[0]?.find((item) => item.id === call.id)).toEqual(completed);
    });

    it('accepts a null result', async () => {
      const t = h();
      const { server, calls } = toolServer(t);
      const { threadId } = await t.createThread(server);
      const { events } = await t.stream(server, toolOutput(threadId, null));
      expect(typesOf(events)).toEqual(['stream_options', 'thread.item.done']);
      const stored = (await t.storedItem(threadId, calls[0]!.id)) as ClientToolCallItem;
      expect(stored.status).toBe('completed');
      expect(stored.output ?? null).toBeNull();
    });

    it('rejects with ConflictError when the newest item is not a pending call (reference: aborted stream)', async () => {
      const t = h();
      const respond = vi.fn(async function* (thread: {
        id: string;
      }): AsyncIterable<ThreadStreamEventInput> {
        yield done(assistantItem(thread.id, 'no tool here'));
      });
      const server = t.server({ respond });
      const { threadId } = await t.createThread(server);
      t.resetCalls();
      await expect(server.process(JSON.stringify(toolOutput(threadId, 1)), t.ctx)).rejects.toThrow(
        ConflictError,
      );
      expect(t.recording.writes()).toEqual([]);
      expect(respond).toHaveBeenCalledTimes(1);
    });

    it('rejects a second output for an already completed call', async () => {
      const t = h();
      const { server } = toolServer(t);
      const { threadId } = await t.createThread(server);
      await t.stream(server, toolOutput(threadId, 'first'));
      await expect(
        server.process(JSON.stringify(toolOutput(threadId, 'second')), t.ctx),
      ).rejects.toThrow(ConflictError);
    });

    it('skips hidden items stored after the pending call (deviation, chatkit-python PR #123)', async () => {
      const t = h();
      const { server, calls } = toolServer(t);
      const { threadId } = await t.createThread(server);
      await t.rawStore.addThreadItem(threadId, hiddenItem(threadId, 'tool bookkeeping'), t.ctx);
      const { events } = await t.stream(server, toolOutput(threadId, 'ok'));
      expect(typesOf(events)).toEqual(['stream_options', 'thread.item.done']);
      expect(await t.storedItem(threadId, calls[0]!.id)).toMatchObject({
        status: 'completed',
        output: 'ok',
      });
    });

    it('deletes other calls still pending among the 20 newest items', async () => {
      const t = h();
      const { server, calls } = toolServer(t, 2);
      const { threadId } = await t.createThread(server);
      await t.stream(server, toolOutput(threadId, 'for the newest call'));
      await expect(t.storedItem(threadId, calls[0]!.id)).rejects.toThrow(NotFoundError);
      expect(await t.storedItem(threadId, calls[1]!.id)).toMatchObject({
        status: 'completed',
        output: 'for the newest call',
      });
    });

    it('rejects an unknown thread with NotFoundError', async () => {
      const t = h();
      const { server } = toolServer(t);
      await expect(
        server.process(JSON.stringify(toolOutput('thr_missing', 1)), t.ctx),
      ).rejects.toThrow(NotFoundError);
    });
  });
}
