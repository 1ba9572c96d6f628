import { describe, expect, it, vi } from 'vitest';
import { NotFoundError } from '../../../src/index.js';
import type { FeedbackKind, Page, ThreadItem } from '../../../src/protocol/index.js';
import { assistantItem, done, userItem, widgetItem } from './fixtures.js';
import type { HarnessAccessor } from './harness.js';

const itemsList = (threadId: string, extra: object = {}) => ({
  type: 'items.list',
  params: { thread_id: threadId, ...extra },
});

export function itemsSuite(h: HarnessAccessor): void {
  describe('items.list (§2.12)', () => {
    // §11.1 #15
    it('pages 26 items newest first: 20 with a cursor, then 6', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          for (let i = 1; i <= 25; i++) yield done(userItem(thread.id, `message ${i}`));
        },
      });
      const { threadId } = await t.createThread(server);
      const newestFirst = (await t.storedItems(threadId)).reverse();
      expect(newestFirst).toHaveLength(26);

      const first = await t.json<Page<ThreadItem>>(server, itemsList(threadId));
      expect(first.data).toEqual(newestFirst.slice(0, 20));
      expect(first.has_more).toBe(true);
      expect(first.after).toBe(newestFirst[19]!.id);

      const second = await t.json<Record<string, unknown>>(
        server,
        itemsList(threadId, { after: first.after }),
      );
      expect(second.data).toEqual(newestFirst.slice(20));
      expect(second.has_more).toBe(false);
      expect(second).not.toHaveProperty('after');
    });

    it('treats limit 0 and null as 20 and honours order asc', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          for (let i = 1; i <= 21; i++) yield done(assistantItem(thread.id, `answer ${i}`));
        },
      });
      const { threadId } = await t.createThread(server);
      const stored = await t.storedItems(threadId);
      for (const limit of [0, null]) {
        const page = await t.json<Page<ThreadItem>>(server, itemsList(threadId, { limit }));
        expect(page.data).toHaveLength(20);
        expect(page.has_more).toBe(true);
      }
      const asc = await t.json<Page<ThreadItem>>(
        server,
        itemsList(threadId, { order: 'asc', limit: 3 }),
      );
      expect(asc.data.map((item) => item.id)).toEqual(stored.slice(0, 3).map((item) => item.id));
      expect(asc.after).toBe(stored[2]!.id);
    });

    it("rejects a missing or another user's thread with NotFoundError (reference: an empty page)", async () => {
      const t = h();
      const server = t.server();
      const { threadId } = await t.createThread(server);
      for (const [id, ctx] of [
        ['thr_missing', t.ctx],
        [threadId, t.other],
      ] as const) {
        await expect(server.process(JSON.stringify(itemsList(id)), ctx)).rejects.toThrow(
          NotFoundError,
        );
      }
    });
  });

  describe('items.feedback (§2.13)', () => {
    // §11.1 #22
    it('calls addFeedback with the thread, items and kind and answers {}', async () => {
      const t = h();
      const feedback: [string, string[], FeedbackKind][] = [];
      const ids: string[] = [];
      const server = t.server({
        async *respond(thread) {
          const answer = assistantItem(thread.id, 'Rated answer');
          const widget = widgetItem(thread.id);
          ids.push(answer.id, widget.id);
          yield done(answer);
          yield done(widget);
        },
        async addFeedback(threadId, itemIds, kind) {
          feedback.push([threadId, itemIds, kind]);
        },
      });
      const { threadId } = await t.createThread(server);
      t.resetCalls();
      const positive = await t.body(server, {
        type: 'items.feedback',
        params: { thread_id: threadId, item_ids: [ids[0]], kind: 'positive' },
      });
      const negative = await t.body(server, {
        type: 'items.feedback',
        params: { thread_id: threadId, item_ids: [ids[1]], kind: 'negative' },
      });
      expect([positive, negative]).toEqual(['{}', '{}']);
      expect(feedback).toEqual([
        [threadId, [ids[0]], 'positive'],
        [threadId, [ids[1]], 'negative'],
      ]);
      expect(t.recording.writes()).toEqual([]);
    });

    it('rejects an unknown thread with NotFoundError without calling addFeedback', async () => {
      const t = h();
      const addFeedback = vi.fn(async () => {});
      const server = t.server({ addFeedback });
      await expect(
        server.process(
          JSON.stringify({
            type: 'items.feedback',
            params: { thread_id: 'thr_missing', item_ids: ['msg_1'], kind: 'positive' },
          }),
          t.ctx,
        ),
      ).rejects.toThrow(NotFoundError);
      expect(addFeedback).not.toHaveBeenCalled();
    });
  });
}
