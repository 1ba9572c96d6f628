import { describe, expect, it, vi } from 'vitest';
import { InvalidRequestError, NotFoundError, NotImplementedError } from '../../../src/index.js';
import type { Action, WidgetItem } from '../../../src/protocol/index.js';
import { assistantItem, card, done, widgetItem } from './fixtures.js';
import { typesOf, type Harness, type HarnessAccessor } from './harness.js';
import type { Hooks } from '../../helpers/make-server.js';

const CREATE_USER = { type: 'create_user', payload: { user_id: '123' } };

/** A thread whose first turn shows a widget. */
async function widgetThread(t: Harness, hooks: Hooks = {}) {
  let widget: WidgetItem | undefined;
  const server = t.server({
    async *respond(thread) {
      widget = widgetItem(thread.id, card('Create user?'));
      yield done(widget);
    },
    ...hooks,
  });
  const { threadId, user } = await t.createThread(server);
  return { server, threadId, user, widget: widget! };
}

const customAction = (threadId: string, itemId: string | null, action: object = CREATE_USER) => ({
  type: 'threads.custom_action',
  params: { thread_id: threadId, item_id: itemId, action },
});
const syncAction = (threadId: string, itemId: string | null, action: object = CREATE_USER) => ({
  type: 'threads.sync_custom_action',
  params: { thread_id: threadId, item_id: itemId, action },
});

export function actionsSuite(h: HarnessAccessor): void {
  describe('threads.custom_action (§6.8)', () => {
    // §11.1 #16
    it('calls action with the action and the widget sender and streams its events', async () => {
      const t = h();
      const seen: { action: Action; sender: WidgetItem | null }[] = [];
      const { server, threadId, widget } = await widgetThread(t, {
        async *action(_thread, action, sender) {
          seen.push({ action, sender });
          yield {
            type: 'thread.item.updated',
            item_id: sender!.id,
            update: { type: 'widget.root.updated', widget: card('User created') },
          };
        },
      });
      const { events, raw } = await t.stream(server, customAction(threadId, widget.id));
      expect(typesOf(events)).toEqual(['stream_options', 'thread.item.updated']);
      expect(raw[1]).toEqual({
        type: 'thread.item.updated',
        item_id: widget.id,
        update: { type: 'widget.root.updated', widget: card('User created') },
      });
      expect(seen).toEqual([{ action: CREATE_USER, sender: widget }]);
      // A thread.item.updated is never persisted (§12.2 #3).
      expect(await t.storedItem(threadId, widget.id)).toEqual(widget);
    });

    it('passes a null sender when no item_id is given, and persists what the action emits', async () => {
      const t = h();
      const senders: (WidgetItem | null)[] = [];
      let replyId = '';
      const { server, threadId } = await widgetThread(t, {
        async *action(thread, _action, sender) {
          senders.push(sender);
          const reply = assistantItem(thread.id, 'Done.');
          replyId = reply.id;
          yield done(reply);
          thread.title = 'After action';
        },
      });
      const { events } = await t.stream(server, customAction(threadId, null, { type: 'ping' }));
      expect(typesOf(events)).toEqual(['stream_options', 'thread.item.done', 'thread.updated']);
      expect(senders).toEqual([null]);
      expect(await t.storedItem(threadId, replyId)).toMatchObject({ type: 'assistant_message' });
      expect((await t.rawStore.loadThread(threadId, t.ctx)).title).toBe('After action');
    });

    it('answers a non-widget sender with a single non-retryable error event', async () => {
      const t = h();
      const action = vi.fn();
      const { server, threadId, user } = await widgetThread(t, { action });
      const { raw } = await t.stream(server, customAction(threadId, user.id));
      expect(raw).toEqual([{ type: 'error', code: 'stream.error', allow_retry: false }]);
      expect(action).not.toHaveBeenCalled();
    });

    it('turns the default action() into a stream.error event', async () => {
      const t = h();
      const { server, threadId, widget } = await widgetThread(t);
      const { raw } = await t.stream(server, customAction(threadId, widget.id));
      expect(raw).toEqual([
        { type: 'stream_options', stream_options: { allow_cancel: true } },
        { type: 'error', code: 'stream.error', allow_retry: true },
      ]);
    });

    it('rejects an unknown sender item with NotFoundError before streaming', async () => {
      const t = h();
      const action = vi.fn();
      const { server, threadId } = await widgetThread(t, { action });
      await expect(
        server.process(JSON.stringify(customAction(threadId, 'msg_missing')), t.ctx),
      ).rejects.toThrow(NotFoundError);
      expect(action).not.toHaveBeenCalled();
    });
  });

  describe('threads.sync_custom_action (§2.7)', () => {
    // §11.1 #21
    it('returns the updated item from syncAction and persists nothing', async () => {
      const t = h();
      const seen: { action: Action; sender: WidgetItem }[] = [];
      const { server, threadId, widget } = await widgetThread(t, {
        async syncAction(_thread, action, sender) {
          seen.push({ action, sender });
          return { updated_item: { ...sender, widget: card('Created!') } };
        },
      });
      t.resetCalls();
      const body = await t.json(server, syncAction(threadId, widget.id));
      expect(body).toEqual({ updated_item: { ...widget, widget: card('Created!') } });
      expect(seen).toEqual([{ action: CREATE_USER, sender: widget }]);
      expect(t.recording.writes()).toEqual([]);
      expect(await t.storedItem(threadId, widget.id)).toEqual(widget);
    });

    it('answers {} when syncAction has no updated item', async () => {
      const t = h();
      const { server, threadId, widget } = await widgetThread(t, {
        async syncAction() {
          return {};
        },
      });
      expect(await t.body(server, syncAction(threadId, widget.id))).toBe('{}');
    });

    it('rejects a non-widget or missing sender with InvalidRequestError', async () => {
      const t = h();
      const sync = vi.fn(async () => ({}));
      const { server, threadId, user } = await widgetThread(t, { syncAction: sync });
      for (const itemId of [user.id, null]) {
        const error = await server
          .process(JSON.stringify(syncAction(threadId, itemId)), t.ctx)
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidRequestError);
        expect((error as Error).message).toBe(
          'threads.sync_custom_action requires a widget sender item',
        );
      }
      expect(sync).not.toHaveBeenCalled();
    });

    it('propagates the default syncAction NotImplementedError', async () => {
      const t = h();
      const { server, threadId, widget } = await widgetThread(t);
      await expect(
        server.process(JSON.stringify(syncAction(threadId, widget.id)), t.ctx),
      ).rejects.toThrow(NotImplementedError);
    });

    it('rejects an unknown thread with NotFoundError', async () => {
      const t = h();
      const { server, widget } = await widgetThread(t);
      await expect(
        server.process(JSON.stringify(syncAction('thr_missing', widget.id)), t.ctx),
      ).rejects.toThrow(NotFoundError);
    });
  });
}
