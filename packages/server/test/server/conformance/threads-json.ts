import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../src/index.js';
import type { Page, Thread } from '../../../src/protocol/index.js';
import type { TestContext } from '../../helpers/make-server.js';
import type { ScriptedServer } from '../../helpers/make-server.js';
import { assistantItem, done, hiddenItem, textInput } from './fixtures.js';
import type { Harness, HarnessAccessor } from './harness.js';

/** Creates `count` threads in order and returns their ids, oldest first. */
async function createThreads(
  t: Harness,
  server: ScriptedServer,
  count: number,
  ctx: TestContext = t.ctx,
) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++)
    ids.push((await t.createThread(server, textInput(`thread ${i}`), ctx)).threadId);
  return ids;
}

const list = (params: object = {}) => ({ type: 'threads.list', params });

export function threadsJsonSuite(h: HarnessAccessor): void {
  describe('threads.get_by_id (§2.8)', () => {
    // §11.1 #23
    it('returns the public thread with its first items', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          thread.metadata = { internal: 'never sent' };
          yield done(hiddenItem(thread.id, 'hidden'));
          yield done(assistantItem(thread.id, 'Hi'));
        },
      });
      const { threadId, user, thread: created } = await t.createThread(server);
      await t.json(server, {
        type: 'threads.update',
        params: { thread_id: threadId, title: 'My thread' },
      });

      const raw = await t.json<Record<string, unknown>>(server, {
        type: 'threads.get_by_id',
        params: { thread_id: threadId },
      });
      const thread = raw as unknown as Thread;
      expect(thread.id).toBe(threadId);
      expect(thread.title).toBe('My thread');
      expect(thread.created_at).toBe(created.created_at);
      expect(thread.status).toEqual({ type: 'active' });
      expect(thread.metadata).toEqual({});
      expect(raw).not.toHaveProperty('allowed_image_domains');
      expect(thread.items.data[0]).toEqual(user);
      expect(thread.items.data.map((item) => item.type)).toEqual([
        'user_message',
        'assistant_message',
      ]);
      expect(thread.items.has_more).toBe(false);
      expect(thread.items).not.toHaveProperty('after');
    });

    it('returns the oldest 20 items (§12.2 #5)', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          for (let i = 1; i <= 24; i++) yield done(assistantItem(thread.id, `answer ${i}`));
        },
      });
      const { threadId, user } = await t.createThread(server);
      const stored = await t.storedItems(threadId);
      const thread = await t.json<Thread>(server, {
        type: 'threads.get_by_id',
        params: { thread_id: threadId },
      });
      expect(thread.items.data.map((item) => item.id)).toEqual(
        stored.slice(0, 20).map((item) => item.id),
      );
      expect(thread.items.data[0]?.id).toBe(user.id);
      expect(thread.items.has_more).toBe(true);
      expect(thread.items.after).toBe(stored[19]!.id);
    });

    it("rejects a missing or another user's thread with NotFoundError", async () => {
      const t = h();
      const server = t.server();
      const { threadId } = await t.createThread(server);
      for (const [id, ctx] of [
        ['thr_missing', t.ctx],
        [threadId, t.other],
      ] as const) {
        await expect(
          server.process(
            JSON.stringify({ type: 'threads.get_by_id', params: { thread_id: id } }),
            ctx,
          ),
        ).rejects.toThrow(NotFoundError);
      }
    });
  });

  describe('threads.list (§2.9)', () => {
    // §11.1 #14
    it('pages 25 threads newest first: 20 with a cursor, then the last 5 without one', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          thread.metadata = { private: true };
          yield done(assistantItem(thread.id, 'hi'));
        },
      });
      const ids = await createThreads(t, server, 25);
      const newestFirst = [...ids].reverse();

      const first = await t.json<Page<Thread>>(server, list({ limit: 20 }));
      expect(first.data.map((thread) => thread.id)).toEqual(newestFirst.slice(0, 20));
      expect(first.has_more).toBe(true);
      expect(first.after).toBe(newestFirst[19]);
      for (const thread of first.data) {
        expect(thread.items).toEqual({ data: [], has_more: false });
        expect(thread.metadata).toEqual({});
        expect(thread.status).toEqual({ type: 'active' });
        expect(thread).not.toHaveProperty('title');
      }

      const second = await t.json<Record<string, unknown>>(server, list({ after: first.after }));
      expect((second.data as Thread[]).map((thread) => thread.id)).toEqual(newestFirst.slice(20));
      expect(second.has_more).toBe(false);
      expect(second).not.toHaveProperty('after');
    });

    // §11.1 #32
    it('pages 25 threads as 20 + 5 with the default limit', async () => {
      const t = h();
      const server = t.server();
      const ids = await createThreads(t, server, 25);
      const first = await t.json<Page<Thread>>(server, list());
      const second = await t.json<Page<Thread>>(server, list({ after: first.after }));
      expect(first.data).toHaveLength(20);
      expect(second.data).toHaveLength(5);
      expect([...first.data, ...second.data].map((thread) => thread.id)).toEqual(
        [...ids].reverse(),
      );
    });

    it('treats limit 0 and null as 20', async () => {
      const t = h();
      const server = t.server();
      await createThreads(t, server, 21);
      for (const limit of [0, null]) {
        const page = await t.json<Page<Thread>>(server, list({ limit }));
        expect(page.data).toHaveLength(20);
        expect(page.has_more).toBe(true);
      }
    });

    it('lists oldest first with order asc', async () => {
      const t = h();
      const server = t.server();
      const ids = await createThreads(t, server, 3);
      const first = await t.json<Page<Thread>>(server, list({ order: 'asc', limit: 2 }));
      expect(first.data.map((thread) => thread.id)).toEqual(ids.slice(0, 2));
      expect(first.after).toBe(ids[1]);
      const second = await t.json<Page<Thread>>(
        server,
        list({ order: 'asc', limit: 2, after: first.after }),
      );
      expect(second.data.map((thread) => thread.id)).toEqual([ids[2]]);
      expect(second.has_more).toBe(false);
    });

    it("never lists another user's threads", async () => {
      const t = h();
      const server = t.server();
      await createThreads(t, server, 2);
      const mine = await createThreads(t, server, 1, t.other);
      expect(await t.json(server, list(), t.other)).toEqual({
        data: [expect.objectContaining({ id: mine[0] })],
        has_more: false,
      });
    });
  });

  describe('threads.update (§2.10)', () => {
    // §11.1 #33
    it('saves the title and returns the public thread without items', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          thread.metadata = { keep: 'me' };
          yield done(assistantItem(thread.id, 'hi'));
        },
      });
      const { threadId, thread: created } = await t.createThread(server);
      const raw = await t.json(server, {
        type: 'threads.update',
        params: { thread_id: threadId, title: 'Renamed' },
      });
      expect(raw).toEqual({
        id: threadId,
        title: 'Renamed',
        created_at: created.created_at,
        status: { type: 'active' },
        metadata: {},
        items: { data: [], has_more: false },
      });
      const stored = await t.rawStore.loadThread(threadId, t.ctx);
      expect(stored.title).toBe('Renamed');
      expect(stored.metadata).toEqual({ keep: 'me' });
    });

    it("rejects another user's thread with NotFoundError and leaves it unchanged", async () => {
      const t = h();
      const server = t.server();
      const { threadId } = await t.createThread(server);
      await expect(
        server.process(
          JSON.stringify({
            type: 'threads.update',
            params: { thread_id: threadId, title: 'Hijacked' },
          }),
          t.other,
        ),
      ).rejects.toThrow(NotFoundError);
      expect((await t.rawStore.loadThread(threadId, t.ctx)).title ?? null).toBeNull();
    });
  });

  describe('threads.delete (§2.11)', () => {
    // §11.1 #36
    it('answers exactly {} and the thread is gone with its items', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          yield done(assistantItem(thread.id, 'hi'));
        },
      });
      const { threadId, user } = await t.createThread(server);
      expect(
        await t.body(server, { type: 'threads.delete', params: { thread_id: threadId } }),
      ).toBe('{}');
      const error = await server
        .process(
          JSON.stringify({ type: 'threads.get_by_id', params: { thread_id: threadId } }),
          t.ctx,
        )
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as Error).message).toBe(`Thread ${threadId} not found`);
      await expect(t.rawStore.loadItem(threadId, user.id, t.ctx)).rejects.toThrow(NotFoundError);
      const items = await t.rawStore
        .loadThreadItems(threadId, null, 10, 'asc', t.ctx)
        .catch(() => null);
      expect(items?.data ?? []).toEqual([]);
      expect((await t.json<Page<Thread>>(server, list())).data).toEqual([]);
    });

    it('asks the attachment store to delete the thread attachments', async () => {
      const t = h();
      const server = t.server({}, { attachments: true });
      const { threadId } = await t.createThread(server);
      await t.body(server, { type: 'threads.delete', params: { thread_id: threadId } });
      expect(t.attachmentStore.deletedThreads).toEqual([threadId]);
    });

    it("rejects a missing or another user's thread with NotFoundError", async () => {
      const t = h();
      const server = t.server();
      const { threadId } = await t.createThread(server);
      for (const [id, ctx] of [
        ['thr_missing', t.ctx],
        [threadId, t.other],
      ] as const) {
        await expect(
          server.process(
            JSON.stringify({ type: 'threads.delete', params: { thread_id: id } }),
            ctx,
          ),
        ).rejects.toThrow(NotFoundError);
      }
      expect((await t.rawStore.loadThread(threadId, t.ctx)).id).toBe(threadId);
    });
  });
}
