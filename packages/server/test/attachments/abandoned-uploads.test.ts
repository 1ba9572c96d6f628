import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FilesystemAttachmentStore } from '../../src/attachments/filesystem/index.js';
import { InvalidRequestError, NotFoundError } from '../../src/errors.js';
import type { Store } from '../../src/stores/store.js';
import { PostgresStore } from '../../src/stores/postgres/index.js';
import { SqliteStore } from '../../src/stores/sqlite/index.js';
import { connectPool, dropSchema, uniqueSchema } from '../contract/pg-database.js';
import { CONTEXT, json, ScriptedServer, stream, textInput } from '../helpers/make-server.js';
import type { TestContext } from '../helpers/make-server.js';

async function* bytes(text: string): AsyncIterable<Uint8Array> {
  yield new TextEncoder().encode(text);
}

const backends: Record<
  string,
  () => Promise<{ store: Store<TestContext>; close(): Promise<void> }>
> = {
  sqlite: async () => {
    const store = new SqliteStore<TestContext>();
    return { store, close: async () => store.close() };
  },
  postgres: async () => {
    const pool = await connectPool(4);
    const schema = uniqueSchema('sweep');
    const store = new PostgresStore<TestContext>({ pool, schema });
    await store.migrate();
    return {
      store,
      close: async () => {
        await dropSchema(pool, schema);
        await pool.end();
      },
    };
  },
};

for (const [name, open] of Object.entries(backends)) {
  describe(`attachments that never arrived (${name})`, () => {
    let backend: Awaited<ReturnType<typeof open>>;
    let dataDir: string;
    let attachments: FilesystemAttachmentStore<TestContext>;
    let server: ScriptedServer;
    const clock = { offsetMs: 0 };
    beforeAll(async () => {
      backend = await open();
      dataDir = await mkdtemp(join(tmpdir(), 'threadline-sweep-'));
      attachments = new FilesystemAttachmentStore<TestContext>({
        store: backend.store,
        dataDir,
        secret: 'test-secret-test-secret-test-secret!',
        baseUrl: 'http://127.0.0.1:1/chatkit',
        now: () => Date.now() + clock.offsetMs,
      });
      server = new ScriptedServer({}, attachments.store, attachments);
    });
    afterAll(async () => {
      await backend?.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('rejects a message with a never-uploaded attachment with a 400 naming it', async () => {
      const uploaded = await attachments.uploadDirect(
        { filename: 'ok.txt', mimeType: 'text/plain', body: bytes('fine') },
        CONTEXT,
      );
      const pending = await json<{ id: string }>(server, {
        type: 'attachments.create',
        params: { name: 'never.txt', size: 4, mime_type: 'text/plain' },
      });
      const error = await server
        .process(
          JSON.stringify({
            type: 'threads.create',
            params: { input: textInput('see files', { attachments: [uploaded.id, pending.id] }) },
          }),
          CONTEXT,
        )
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as InvalidRequestError).message).toContain(pending.id);
      expect((error as InvalidRequestError).issues).toEqual([
        { path: 'params.input.attachments.1', message: expect.stringContaining(pending.id) },
      ]);
      const threads = await backend.store.loadThreads(10, null, 'asc', CONTEXT);
      expect(threads.data).toEqual([]);
    });

    it('sweeps unsent uploads (rows and bytes) after the configured age, keeping sent ones', async () => {
      const sent = await attachments.uploadDirect(
        { filename: 'sent.txt', mimeType: 'text/plain', body: bytes('keep me') },
        CONTEXT,
      );
      await stream(server, {
        type: 'threads.create',
        params: { input: textInput('with file', { attachments: [sent.id] }) },
      });
      const unsent = await attachments.uploadDirect(
        { filename: 'unsent.txt', mimeType: 'text/plain', body: bytes('drop me') },
        CONTEXT,
      );
      const pending = await json<{ id: string }>(server, {
        type: 'attachments.create',
        params: { name: 'pending.txt', size: 4, mime_type: 'text/plain' },
      });

      // Younger than the age: nothing is swept.
      expect(await attachments.sweepAbandonedUploads(60_000)).toBe(0);
      clock.offsetMs = 120_000;
      // Two from the previous test, plus the unsent and the pending ones.
      expect(await attachments.sweepAbandonedUploads(60_000)).toBe(4);
      for (const id of [unsent.id, pending.id]) {
        await expect(attachments.openAttachment(id, CONTEXT)).rejects.toBeInstanceOf(NotFoundError);
      }
      const kept = await attachments.openAttachment(sent.id, CONTEXT);
      expect(kept.blob.size).toBe(7);
    });
  });
}
