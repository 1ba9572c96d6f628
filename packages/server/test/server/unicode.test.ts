import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/errors.js';
import type { Store } from '../../src/stores/store.js';
import { PostgresStore } from '../../src/stores/postgres/index.js';
import { SqliteStore } from '../../src/stores/sqlite/index.js';
import { connectPool, dropSchema, uniqueSchema } from '../contract/pg-database.js';
import { RecordingAttachmentStore } from '../helpers/attachment-store.js';
import {
  assistantMessage,
  json,
  ScriptedServer,
  stream,
  textInput,
  type TestContext,
} from '../helpers/make-server.js';

// Every string the protocol accepts must come back exactly as sent, on both SQL backends
// (PostgreSQL TEXT/JSONB refuse U+0000 and lone surrogates; docs/protocol-deviations.md).
const NASTY = 'a\u0000b \uD800 lone-high \uDC00 lone-low \uE000 escape-lead 😀 \\u0000 literal';

interface Backend {
  store: Store<TestContext>;
  count(table: 'threads' | 'items'): Promise<number>;
  close(): Promise<void>;
}

const backends: Record<string, () => Promise<Backend>> = {
  sqlite: async () => {
    const db = new Database(':memory:');
    const store = new SqliteStore<TestContext>({ database: db });
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    return {
      store,
      count: async (table) => count(`SELECT count(*) AS n FROM threadline_${table}`),
      close: async () => {
        await store.close();
        db.close();
      },
    };
  },
  postgres: async () => {
    const pool = await connectPool(4);
    const schema = uniqueSchema('unicode');
    const store = new PostgresStore<TestContext>({ pool, schema });
    await store.migrate();
    return {
      store,
      count: async (table) =>
        Number(
          (
            await pool.query<{ n: string }>(
              `SELECT count(*) AS n FROM "${schema}".threadline_${table}`,
            )
          ).rows[0]!.n,
        ),
      close: async () => {
        await dropSchema(pool, schema);
        await pool.end();
      },
    };
  },
};

for (const [name, open] of Object.entries(backends)) {
  describe(`Unicode round trip on ${name}`, () => {
    let backend: Backend;
    let server: ScriptedServer;
    beforeAll(async () => {
      backend = await open();
      server = new ScriptedServer(
        {
          async *respond(thread) {
            thread.title = `title ${NASTY}`;
            yield {
              type: 'thread.item.done',
              item: assistantMessage(thread.id, 'msg_nasty_answer', `answer ${NASTY}`),
            };
          },
        },
        backend.store,
        new RecordingAttachmentStore<TestContext>(),
      );
    });
    afterAll(async () => backend?.close());

    it('stores message text, titles, attachment names and metadata losslessly', async () => {
      const attachment = await json<{ id: string; name: string }>(server, {
        type: 'attachments.create',
        params: { name: `file ${NASTY}.txt`, size: 3, mime_type: 'text/plain' },
      });
      const { events } = await stream(server, {
        type: 'threads.create',
        params: { input: textInput(`hello ${NASTY}`, { attachments: [attachment.id] }) },
      });
      expect(events.map((e) => e.type)).not.toContain('error');
      const created = events.find((e) => e.type === 'thread.created');
      const threadId = created?.type === 'thread.created' ? created.thread.id : '';
      const thread = await json<{
        title: string;
        items: {
          data: { type: string; content: { text: string }[]; attachments?: { name: string }[] }[];
        };
      }>(server, { type: 'threads.get_by_id', params: { thread_id: threadId } });
      expect(thread.title).toBe(`title ${NASTY}`);
      const [user, answer] = thread.items.data;
      expect(user!.content[0]!.text).toBe(`hello ${NASTY}`);
      expect(user!.attachments![0]!.name).toBe(`file ${NASTY}.txt`);
      expect(answer!.content[0]!.text).toBe(`answer ${NASTY}`);

      await json(server, {
        type: 'threads.update',
        params: { thread_id: threadId, title: `renamed ${NASTY}` },
      });
      const stored = await backend.store.loadThread(threadId, { userId: 'test_user' });
      expect(stored.title).toBe(`renamed ${NASTY}`);
    });

    it('an id or cursor containing NUL or a lone surrogate is simply not found', async () => {
      for (const id of ['thr_\u0000', 'thr_\uD800', '\u0000']) {
        await expect(
          json(server, { type: 'threads.get_by_id', params: { thread_id: id } }),
        ).rejects.toBeInstanceOf(NotFoundError);
        await expect(
          json(server, { type: 'threads.list', params: { after: id, limit: 5 } }),
        ).rejects.toBeInstanceOf(NotFoundError);
        await expect(
          server.process(
            JSON.stringify({
              type: 'threads.add_user_message',
              params: { thread_id: id, input: textInput('x') },
            }),
            { userId: 'test_user' },
          ),
        ).rejects.toBeInstanceOf(NotFoundError);
        await expect(
          json(server, { type: 'attachments.delete', params: { attachment_id: id } }),
        ).rejects.toBeInstanceOf(NotFoundError);
      }
    });

    it('leaves no thread without items, and an unrepresentable item cursor is not found', async () => {
      const threads = await backend.count('threads');
      const items = await backend.count('items');
      const { events } = await stream(server, {
        type: 'threads.create',
        params: { input: textInput(NASTY) },
      });
      expect(await backend.count('threads')).toBe(threads + 1);
      expect(await backend.count('items')).toBe(items + 2);
      const created = events.find((e) => e.type === 'thread.created');
      const threadId = created?.type === 'thread.created' ? created.thread.id : '';
      await expect(
        json(server, {
          type: 'items.list',
          params: { thread_id: threadId, after: 'msg_\u0000', limit: 5 },
        }),
      ).rejects.toBeInstanceOf(NotFoundError);
    });
  });
}
