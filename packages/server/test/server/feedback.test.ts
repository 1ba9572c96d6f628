import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttachmentUrlStore } from '../../src/attachments/attachment-url-store.js';
import { MemoryStore } from '../../src/stores/memory/index.js';
import { PostgresStore } from '../../src/stores/postgres/index.js';
import { SqliteStore } from '../../src/stores/sqlite/index.js';
import type { Store } from '../../src/stores/store.js';
import { connectPool, DATABASE_URL, dropSchema, uniqueSchema } from '../contract/pg-database.js';
import {
  CONTEXT,
  json,
  makeServer,
  OTHER_USER,
  stream,
  textInput,
  type TestContext,
} from '../helpers/make-server.js';

/** Opens a store on the same database each call (a "restart" is a second call). */
interface Backend {
  open(): Store<TestContext> & { close?(): Promise<void> };
  cleanup(): Promise<void>;
}

async function createThread(store: Store<TestContext>, context: TestContext = CONTEXT) {
  const { server } = makeServer({}, store);
  const created = await stream(
    server,
    { type: 'threads.create', params: { input: textInput('hi') } },
    context,
  );
  const thread = (created.events[0] as { thread: { id: string } }).thread;
  const user = (
    created.events.find((e) => (e as { type: string }).type === 'thread.item.done') as {
      item: { id: string };
    }
  ).item;
  return { server, threadId: thread.id, itemId: user.id };
}

function describeFeedback(name: string, setup: () => Promise<Backend>, restartable: boolean) {
  describe(`feedback storage: ${name}`, () => {
    let backend: Backend;
    beforeAll(async () => {
      backend = await setup();
    });
    afterAll(async () => {
      await backend.cleanup();
    });

    it('stores items.feedback through the default addFeedback, with owner, kind and time', async () => {
      const store = backend.open();
      const before = Date.now();
      const { server, threadId, itemId } = await createThread(store);
      await expect(
        json(server, {
          type: 'items.feedback',
          params: { thread_id: threadId, item_ids: [itemId], kind: 'negative' },
        }),
      ).resolves.toEqual({});
      const records = (await store.listFeedback!()).filter((r) => r.threadId === threadId);
      expect(records).toEqual([
        {
          id: expect.stringMatching(/^fb_[0-9a-f]{24}$/),
          threadId,
          itemIds: [itemId],
          kind: 'negative',
          userId: CONTEXT.userId,
          tenantId: null,
          createdAt: expect.any(String),
        },
      ]);
      expect(Date.parse(records[0]!.createdAt)).toBeGreaterThanOrEqual(before - 1);
    });

    it("refuses feedback on another user's thread and stores nothing", async () => {
      const store = backend.open();
      const { server, threadId, itemId } = await createThread(store);
      await expect(
        json(
          server,
          {
            type: 'items.feedback',
            params: { thread_id: threadId, item_ids: [itemId], kind: 'positive' },
          },
          OTHER_USER,
        ),
      ).rejects.toMatchObject({ code: 'not_found' });
      expect((await store.listFeedback!()).filter((r) => r.threadId === threadId)).toEqual([]);
    });

    it('filters by since and limit, oldest first', async () => {
      const store = backend.open();
      const { threadId, itemId } = await createThread(store);
      const first = await store.saveFeedback!(threadId, [itemId], 'positive', CONTEXT);
      await new Promise((resolve) => setTimeout(resolve, 15));
      const cutoff = new Date();
      const second = await store.saveFeedback!(threadId, [itemId, 'msg_x'], 'negative', CONTEXT);
      const all = await store.listFeedback!();
      const ids = all.map((r) => r.id);
      expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
      expect((await store.listFeedback!({ since: cutoff })).map((r) => r.id)).toContain(second.id);
      expect((await store.listFeedback!({ since: cutoff })).map((r) => r.id)).not.toContain(
        first.id,
      );
      expect(await store.listFeedback!({ limit: 1 })).toHaveLength(1);
    });

    it('keeps item ids any JSON string can hold (U+0000, lone surrogates) without failing', async () => {
      const store = backend.open();
      const { server, threadId } = await createThread(store);
      const odd = ['msg_\u0000nul', 'msg_\ud800lone'];
      await expect(
        json(server, {
          type: 'items.feedback',
          params: { thread_id: threadId, item_ids: odd, kind: 'positive' },
        }),
      ).resolves.toEqual({});
      const [record] = (await store.listFeedback!()).filter((r) => r.threadId === threadId);
      expect(record?.itemIds).toEqual(odd);
    });

    if (restartable) {
      it('lists feedback after a restart (a new store on the same database)', async () => {
        const store = backend.open();
        const { threadId, itemId } = await createThread(store);
        const saved = await store.saveFeedback!(threadId, [itemId], 'positive', CONTEXT);
        await store.close?.();
        const reopened = backend.open();
        expect((await reopened.listFeedback!()).filter((r) => r.threadId === threadId)).toEqual([
          saved,
        ]);
      });
    }
  });
}

describeFeedback(
  'MemoryStore',
  async () => {
    const store = new MemoryStore<TestContext>();
    return { open: () => store, cleanup: async () => {} };
  },
  false,
);

describeFeedback(
  'SqliteStore',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-feedback-'));
    const path = join(dir, 'chat.db');
    const opened: SqliteStore<TestContext>[] = [];
    return {
      open: () => {
        const store = new SqliteStore<TestContext>({ path, tablePrefix: 'fb_' });
        opened.push(store);
        return store;
      },
      cleanup: async () => {
        for (const store of opened) await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  true,
);

// Real PostgreSQL (DATABASE_URL); fails, never skips, when it is unreachable.
describeFeedback(
  'PostgresStore',
  async () => {
    const pool: Pool = await connectPool();
    const schema = uniqueSchema('feedback');
    const opened: PostgresStore<TestContext>[] = [];
    return {
      open: () => {
        // A store that owns its connections, so closing one is a real restart.
        const store = new PostgresStore<TestContext>({
          connectionString: DATABASE_URL,
          schema,
        });
        opened.push(store);
        return store;
      },
      cleanup: async () => {
        for (const store of opened) await store.close().catch(() => {});
        await dropSchema(pool, schema);
        await pool.end();
      },
    };
  },
  true,
);

describe('feedback through wrapping stores and stores without it', () => {
  const signer = {
    withFreshPreviewUrl: async <T>(attachment: T) => attachment,
    finalizePresignedUpload: async <T>(attachment: T) => attachment,
  };

  it('AttachmentUrlStore forwards saveFeedback/listFeedback to the store it wraps', async () => {
    const inner = new MemoryStore<TestContext>();
    const store = new AttachmentUrlStore<TestContext>(inner, signer);
    const { server, threadId, itemId } = await createThread(store);
    await json(server, {
      type: 'items.feedback',
      params: { thread_id: threadId, item_ids: [itemId], kind: 'positive' },
    });
    expect((await inner.listFeedback()).map((r) => [r.threadId, r.kind])).toEqual([
      [threadId, 'positive'],
    ]);
    expect(await store.listFeedback!()).toEqual(await inner.listFeedback());
  });

  it('a store without saveFeedback keeps the old behaviour: answered, nothing stored', async () => {
    const inner = new MemoryStore<TestContext>();
    const store = new AttachmentUrlStore<TestContext>(inner, signer);
    // A wrapped store without the optional methods (as a custom integrator store would be).
    const bare = Object.assign(Object.create(Object.getPrototypeOf(store) as object), store, {
      saveFeedback: undefined,
      listFeedback: undefined,
    }) as AttachmentUrlStore<TestContext>;
    const wrapped = new AttachmentUrlStore<TestContext>(bare, signer);
    expect(wrapped.saveFeedback).toBeUndefined();
    expect(wrapped.listFeedback).toBeUndefined();
    const { server, threadId, itemId } = await createThread(wrapped);
    await expect(
      json(server, {
        type: 'items.feedback',
        params: { thread_id: threadId, item_ids: [itemId], kind: 'negative' },
      }),
    ).resolves.toEqual({});
    expect(await inner.listFeedback()).toEqual([]);
  });
});
