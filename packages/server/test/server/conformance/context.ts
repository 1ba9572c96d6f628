import { describe, expect, it, vi } from 'vitest';
import type { TestContext } from '../../helpers/make-server.js';
import { STORE_METHODS } from '../../helpers/recording-store.js';
import {
  assistantItem,
  card,
  deferred,
  done,
  structuredInputItem,
  textInput,
  toolCallItem,
  untilAborted,
  widgetItem,
} from './fixtures.js';
import type { HarnessAccessor } from './harness.js';

export function contextSuite(h: HarnessAccessor): void {
  describe('request context (§0, §7.1)', () => {
    // §11.1 #4, extended to every hook and every store call
    it('reaches every hook and every store call unchanged', async () => {
      const t = h();
      const ctx: TestContext = Object.freeze({ ...t.ctx });
      const hookContexts: [string, unknown][] = [];
      let widgetId = '';
      let siId = '';
      const server = t.server(
        {
          async *respond(thread, input, context) {
            hookContexts.push(['respond', context]);
            const text = input?.content[0]?.type === 'input_text' ? input.content[0].text : null;
            if (text === 'widget') {
              const widget = widgetItem(thread.id, card('w'));
              widgetId = widget.id;
              yield done(widget);
            } else if (text === 'tool') {
              yield done(toolCallItem(thread.id));
            } else if (text === 'ask') {
              const item = structuredInputItem(thread.id);
              siId = item.id;
              yield done(item);
            } else {
              yield done(assistantItem(thread.id, 'ok'));
            }
            thread.title = `title ${hookContexts.length}`;
          },
          async *action(_thread, _action, _sender, context) {
            hookContexts.push(['action', context]);
            yield { type: 'progress_update', text: 'acting' };
          },
          async syncAction(_thread, _action, _sender, context) {
            hookContexts.push(['syncAction', context]);
            return {};
          },
          async addFeedback(_threadId, _itemIds, _kind, context) {
            hookContexts.push(['addFeedback', context]);
          },
          async transcribe(_audio, context) {
            hookContexts.push(['transcribe', context]);
            return { text: '' };
          },
        },
        { attachments: true },
      );

      const attachment = await t.json<{ id: string }>(
        server,
        { type: 'attachments.create', params: { name: 'a.txt', size: 1, mime_type: 'text/plain' } },
        ctx,
      );
      const { threadId, user } = await t.createThread(
        server,
        textInput('widget', { attachments: [attachment.id] }),
        ctx,
      );
      const run = async (type: string, params: object) => {
        const body = { type, params: { thread_id: threadId, ...params } };
        return [
          'threads.add_user_message',
          'threads.add_client_tool_output',
          'threads.add_structured_input',
          'threads.retry_after_item',
          'threads.custom_action',
        ].includes(type)
          ? t.stream(server, body, ctx)
          : t.json(server, body, ctx);
      };
      await run('threads.custom_action', { item_id: widgetId, action: { type: 'go' } });
      await run('threads.sync_custom_action', { item_id: widgetId, action: { type: 'go' } });
      await run('threads.add_user_message', { input: textInput('tool') });
      await run('threads.add_client_tool_output', { result: 1 });
      await run('threads.add_user_message', { input: textInput('ask') });
      await run('threads.add_structured_input', { item_id: siId, input: {} });
      await run('threads.retry_after_item', { item_id: user.id });
      await run('threads.get_by_id', {});
      await run('threads.update', { title: 'x' });
      await run('items.list', {});
      await run('items.feedback', { item_ids: [user.id], kind: 'positive' });
      await t.json(server, { type: 'threads.list', params: {} }, ctx);
      await t.json(
        server,
        { type: 'input.transcribe', params: { audio_base64: 'AA==', mime_type: 'audio/webm' } },
        ctx,
      );
      const second = await t.json<{ id: string }>(
        server,
        { type: 'attachments.create', params: { name: 'b.txt', size: 1, mime_type: 'text/plain' } },
        ctx,
      );
      await t.json(
        server,
        { type: 'attachments.delete', params: { attachment_id: second.id } },
        ctx,
      );
      await run('threads.delete', {});

      expect(new Set(hookContexts.map(([hook]) => hook))).toEqual(
        new Set(['respond', 'action', 'syncAction', 'addFeedback', 'transcribe']),
      );
      for (const [, context] of hookContexts) expect(context).toBe(ctx);
      for (const context of t.attachmentStore.contexts) expect(context).toBe(ctx);
      expect(t.attachmentStore.contexts.length).toBeGreaterThanOrEqual(4);

      const methods = new Set(t.calls.map((call) => call.method));
      expect([...STORE_METHODS].filter((method) => !methods.has(method))).toEqual([]);
      for (const call of t.calls) {
        expect(call.args.at(-1), `${call.method} context`).toBe(ctx);
      }
      expect(ctx).toEqual(t.ctx);
    });

    it('reaches handleStreamCancelled and the cancellation writes', async () => {
      const t = h();
      const controller = new AbortController();
      const waiting = deferred();
      const contexts: unknown[] = [];
      const server = t.server({
        async *respond(thread, _input, _context, { signal }) {
          yield { type: 'thread.item.added', item: assistantItem(thread.id, 'partial') };
          waiting.resolve();
          await untilAborted(signal);
        },
        async handleStreamCancelled(thread, pending, context) {
          contexts.push(context);
          await t.server().handleStreamCancelled(thread, pending, context);
        },
      });
      void waiting.promise.then(() => controller.abort());
      t.resetCalls();
      await t.stream(
        server,
        { type: 'threads.create', params: { input: textInput('hi') } },
        t.ctx,
        {
          signal: controller.signal,
        },
      );
      await vi.waitFor(() =>
        expect(t.recording.writes().map((call) => call.method)).toEqual([
          'saveThread',
          'addThreadItem',
          'addThreadItem',
          'addThreadItem',
        ]),
      );
      expect(contexts).toEqual([t.ctx]);
      expect(contexts[0]).toBe(t.ctx);
      for (const call of t.calls) expect(call.args.at(-1)).toBe(t.ctx);
    });
  });
}
