import { describe, expect, it, vi } from 'vitest';
import { isStreamingResult } from '../../../src/index.js';
import { InvalidRequestError, NotFoundError } from '../../../src/index.js';
import type { ThreadStreamEventInput } from '../../../src/protocol/index.js';
import {
  assistantItem,
  done,
  structuredInputItem,
  textInput,
  toolCallItem,
  widgetItem,
} from './fixtures.js';
import type { HarnessAccessor } from './harness.js';

/**
 * Deviation: the reference opens the stream and then aborts it mid-response when a lookup fails
 * (§6.3, §12.2 #2). We look everything up inside `process()`, so a missing (or foreign) thread,
 * item or attachment rejects before any stream exists and nothing is written.
 */
export function eagerValidationSuite(h: HarnessAccessor): void {
  describe('streaming requests validate before streaming (deviation from §12.2 #2)', () => {
    async function setup() {
      const t = h();
      const respond = vi.fn(async function* (thread: {
        id: string;
      }): AsyncIterable<ThreadStreamEventInput> {
        yield done(widgetItem(thread.id));
        yield done(structuredInputItem(thread.id));
        yield done(assistantItem(thread.id, 'done'));
      });
      const action = vi.fn(async function* (): AsyncIterable<ThreadStreamEventInput> {});
      const server = t.server({ respond, action });
      const { threadId, user } = await t.createThread(server);
      const [, widget, si] = await t.storedItems(threadId);
      respond.mockClear();
      t.resetCalls();
      return { t, server, respond, action, threadId, user, widgetId: widget!.id, siId: si!.id };
    }

    const streamingBodies = (
      threadId: string,
      ids: { user: string; widget: string; si: string },
    ) => ({
      'threads.add_user_message': { thread_id: threadId, input: textInput('hi') },
      'threads.add_client_tool_output': { thread_id: threadId, result: null },
      'threads.add_structured_input': { thread_id: threadId, item_id: ids.si, input: {} },
      'threads.retry_after_item': { thread_id: threadId, item_id: ids.user },
      'threads.custom_action': { thread_id: threadId, item_id: ids.widget, action: { type: 'go' } },
    });

    it("rejects every streaming op on a missing or another user's thread with NotFoundError", async () => {
      const { t, server, respond, action, threadId, user, widgetId, siId } = await setup();
      const cases = [
        {
          ctx: t.ctx,
          bodies: streamingBodies('thr_missing', { user: user.id, widget: widgetId, si: siId }),
        },
        {
          ctx: t.other,
          bodies: streamingBodies(threadId, { user: user.id, widget: widgetId, si: siId }),
        },
      ];
      for (const { ctx, bodies } of cases) {
        for (const [type, params] of Object.entries(bodies)) {
          await expect(server.process(JSON.stringify({ type, params }), ctx), type).rejects.toThrow(
            NotFoundError,
          );
        }
      }
      expect(t.recording.writes()).toEqual([]);
      expect(respond).not.toHaveBeenCalled();
      expect(action).not.toHaveBeenCalled();
    });

    it('rejects a missing item with NotFoundError', async () => {
      const { t, server, respond, action, threadId } = await setup();
      const bodies = {
        'threads.add_structured_input': { thread_id: threadId, item_id: 'si_missing', input: {} },
        'threads.retry_after_item': { thread_id: threadId, item_id: 'msg_missing' },
        'threads.custom_action': {
          thread_id: threadId,
          item_id: 'msg_missing',
          action: { type: 'go' },
        },
      };
      for (const [type, params] of Object.entries(bodies)) {
        await expect(server.process(JSON.stringify({ type, params }), t.ctx), type).rejects.toThrow(
          NotFoundError,
        );
      }
      expect(t.recording.writes()).toEqual([]);
      expect(respond).not.toHaveBeenCalled();
      expect(action).not.toHaveBeenCalled();
    });

    it("rejects another user's item even with the item id right", async () => {
      const { t, server, threadId, widgetId } = await setup();
      const { threadId: theirThread } = await t.createThread(server, textInput('mine'), t.other);
      await expect(
        server.process(
          JSON.stringify({
            type: 'threads.custom_action',
            params: { thread_id: theirThread, item_id: widgetId, action: { type: 'go' } },
          }),
          t.other,
        ),
      ).rejects.toThrow(NotFoundError);
      expect((await t.storedItems(threadId)).map((item) => item.id)).toContain(widgetId);
    });

    it('rejects malformed bodies with InvalidRequestError before touching the store', async () => {
      const { t, server } = await setup();
      for (const body of [
        '{',
        '[]',
        JSON.stringify({ type: 'threads.nope', params: {} }),
        JSON.stringify({ type: 'threads.create', params: {} }),
      ]) {
        await expect(server.process(body, t.ctx), body).rejects.toThrow(InvalidRequestError);
      }
      expect(t.calls).toEqual([]);
    });
  });

  describe('streaming requests are lazy (§6.1)', () => {
    it('writes nothing and calls no hook until each of the six streams is consumed', async () => {
      const t = h();
      const hooks: string[] = [];
      const server = t.server({
        async *respond(thread, input) {
          hooks.push('respond');
          if (!input) return;
          yield done(widgetItem(thread.id));
          yield done(structuredInputItem(thread.id));
          yield done(toolCallItem(thread.id));
        },
        async *action(thread) {
          hooks.push('action');
          yield done(assistantItem(thread.id, 'acted'));
        },
      });
      const { threadId, user } = await t.createThread(server);
      const [, widget, si] = await t.storedItems(threadId);
      const bodies: [string, object][] = [
        ['threads.add_client_tool_output', { thread_id: threadId, result: 'ok' }],
        ['threads.add_structured_input', { thread_id: threadId, item_id: si!.id, input: {} }],
        [
          'threads.custom_action',
          { thread_id: threadId, item_id: widget!.id, action: { type: 'go' } },
        ],
        ['threads.retry_after_item', { thread_id: threadId, item_id: user.id }],
        ['threads.add_user_message', { thread_id: threadId, input: textInput('again') }],
        ['threads.create', { input: textInput('new thread') }],
      ];
      for (const [type, params] of bodies) {
        t.resetCalls();
        hooks.length = 0;
        const result = await server.process(JSON.stringify({ type, params }), t.ctx);
        expect(t.recording.writes(), type).toEqual([]);
        expect(hooks, type).toEqual([]);
        if (!isStreamingResult(result)) throw new Error(`${type} did not stream`);
        for await (const _frame of result) {
          // drain
        }
        expect(t.recording.writes().length, type).toBeGreaterThan(0);
        expect(hooks, type).toHaveLength(1);
      }
    });
  });
}
