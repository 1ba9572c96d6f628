import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/errors.js';
import { isStreamingResult } from '../../src/index.js';
import type { Store } from '../../src/stores/store.js';
import { PostgresStore } from '../../src/stores/postgres/index.js';
import { SqliteStore } from '../../src/stores/sqlite/index.js';
import { connectPool, dropSchema, uniqueSchema } from '../contract/pg-database.js';
import {
  assistantMessage,
  CONTEXT,
  ScriptedServer,
  stream,
  textInput,
  type TestContext,
} from '../helpers/make-server.js';

interface TwoInstances {
  a: Store<TestContext>;
  b: Store<TestContext>;
  close(): Promise<void>;
}

// Two stores on one database stand for two app instances.
const backends: Record<string, () => Promise<TwoInstances>> = {
  sqlite: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadline-lease-'));
    const path = join(dir, 'db.sqlite');
    const a = new SqliteStore<TestContext>({ path });
    await a.migrate();
    const b = new SqliteStore<TestContext>({ path });
    return {
      a,
      b,
      close: async () => {
        await a.close();
        await b.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  postgres: async () => {
    const admin = await connectPool(2);
    const schema = uniqueSchema('lease');
    const poolA = await connectPool(4);
    const poolB = await connectPool(4);
    const a = new PostgresStore<TestContext>({ pool: poolA, schema });
    const b = new PostgresStore<TestContext>({ pool: poolB, schema });
    await a.migrate();
    return {
      a,
      b,
      close: async () => {
        await poolA.end();
        await poolB.end();
        await dropSchema(admin, schema);
        await admin.end();
      },
    };
  },
};

for (const [name, open] of Object.entries(backends)) {
  describe(`one turn per thread across instances (${name})`, () => {
    let db: TwoInstances;
    // A gate with permits: a release that comes before respond() waits is not lost.
    let permits = 0;
    let waiting: (() => void) | undefined;
    const release = () => {
      if (waiting) {
        const wake = waiting;
        waiting = undefined;
        wake();
      } else permits += 1;
    };
    const respond = async function* (thread: { id: string }) {
      if (permits > 0) permits -= 1;
      else await new Promise<void>((resolve) => (waiting = resolve));
      yield {
        type: 'thread.item.done' as const,
        item: assistantMessage(thread.id, `msg_${Math.random().toString(36).slice(2)}`, 'done'),
      };
    };
    let first: ScriptedServer;
    let second: ScriptedServer;
    let threadId: string;
    beforeAll(async () => {
      db = await open();
      first = new ScriptedServer({ respond }, db.a);
      second = new ScriptedServer({ respond }, db.b);
      const created = stream(first, {
        type: 'threads.create',
        params: { input: textInput('hello') },
      });
      await new Promise((r) => setTimeout(r, 50));
      release();
      const { events } = await created;
      const thread = events.find((e) => e.type === 'thread.created');
      threadId = thread?.type === 'thread.created' ? thread.thread.id : '';
    });
    afterAll(async () => db?.close());

    const addMessage = (server: ScriptedServer, text: string) =>
      server.process(
        JSON.stringify({
          type: 'threads.add_user_message',
          params: { thread_id: threadId, input: textInput(text) },
        }),
        CONTEXT,
      );

    it('refuses a second concurrent turn with 409, on either instance, until the first ends', async () => {
      const running = await addMessage(first, 'one');
      if (!isStreamingResult(running)) throw new Error('expected a stream');
      const frames = running[Symbol.asyncIterator]();
      await frames.next(); // the user message is stored; respond() waits on its gate
      await expect(addMessage(second, 'two')).rejects.toBeInstanceOf(ConflictError);
      await expect(addMessage(first, 'three')).rejects.toBeInstanceOf(ConflictError);
      setTimeout(() => release(), 20);
      for (let n = await frames.next(); !n.done; n = await frames.next());
      // The lease is released with the stream: the other instance may go on.
      const next = await addMessage(second, 'four');
      if (!isStreamingResult(next)) throw new Error('expected a stream');
      setTimeout(() => release(), 20);
      for await (const _ of next);
      const items = await db.a.loadThreadItems(threadId, null, 50, 'asc', CONTEXT);
      const texts = items.data
        .filter((i) => i.type === 'user_message')
        .map((i) => (i.type === 'user_message' ? i.content[0]?.text : ''));
      expect(texts).toEqual(['hello', 'one', 'four']);
    });

    it('a lease whose holder died expires by itself', async () => {
      // A process that took the lease and was killed: nobody renews or releases it.
      expect(await db.a.leaseThread!(threadId, 'crashed-process', 150)).toBe(true);
      await expect(addMessage(second, 'too early')).rejects.toBeInstanceOf(ConflictError);
      await new Promise((r) => setTimeout(r, 200));
      const next = await addMessage(second, 'after expiry');
      if (!isStreamingResult(next)) throw new Error('expected a stream');
      setTimeout(() => release(), 20);
      for await (const _ of next);
    });
  });
}
