import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError, NotFoundError } from '../../src/errors.js';
import { buildQueries, SQLITE_DIALECT } from '../../src/stores/sql/queries.js';
import { tableNames } from '../../src/stores/sql/tables.js';
import { SqliteStore } from '../../src/stores/sqlite/index.js';
import { ALICE, endOfTurn, fileAttachment, ids, makeThread, type TestContext } from './fixtures.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/** Worker body: take SQLite's write lock on a rollback-journal file, report, hold it, release. */
const HOLD_WRITE_LOCK = `
  const { workerData, parentPort } = require('node:worker_threads');
  const Database = require(workerData.module);
  const db = new Database(workerData.path);
  db.exec('CREATE TABLE holder (x)');
  db.exec('BEGIN IMMEDIATE');
  db.prepare('INSERT INTO holder VALUES (1)').run();
  parentPort.postMessage('locked');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs);
  db.exec('COMMIT');
  db.close();
`;
const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(here, '../../../..');

describe('SqliteStore (SQLite specifics)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'threadline-sqlite-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the parent directory of a file database, turns WAL on and persists across reopen', async () => {
    const path = join(dir, 'nested', 'deeper', 'chat.db');
    const store = new SqliteStore<TestContext>({ path });
    await store.saveThread(makeThread('thr_1'), ALICE);
    await store.addThreadItem('thr_1', endOfTurn('thr_1', 'e1'), ALICE);
    await store.close();

    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();

    const reopened = new SqliteStore<TestContext>({ path });
    expect(await reopened.loadThread('thr_1', ALICE)).toStrictEqual(makeThread('thr_1'));
    expect(ids(await reopened.loadThreadItems('thr_1', null, 10, 'asc', ALICE))).toEqual(['e1']);
    await reopened.close();
  });

  it('switches a new file to WAL while another connection holds the write lock', async () => {
    // SQLite refuses this switch at once (no busy handler) while another connection writes.
    const path = join(dir, 'held.db');
    const holder = new Worker(HOLD_WRITE_LOCK, {
      eval: true,
      workerData: { module: require.resolve('better-sqlite3'), path, holdMs: 300 },
    });
    await new Promise((resolve) => holder.once('message', resolve));
    const started = Date.now();
    const store = new SqliteStore<TestContext>({ path });
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    await store.saveThread(makeThread('thr_1'), ALICE);
    await store.close();
    await new Promise((resolve) => holder.once('exit', resolve));
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('migrates once when processes open one new file at the same instant', async () => {
    const path = join(dir, 'shared.db');
    const startAt = String(Date.now() + 2_000);
    const users = ['p1', 'p2', 'p3', 'p4'];
    await Promise.all(
      users.map((user) =>
        run(
          process.execPath,
          ['--import', 'tsx', join(here, 'sqlite-migrate-child.ts'), path, user, startAt],
          {
            cwd: repoRoot,
            timeout: 20_000,
          },
        ),
      ),
    );
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT version FROM threadline_schema_migrations').pluck().all()).toEqual([
      1, 2,
    ]);
    expect(
      raw.prepare('SELECT owner FROM threadline_threads ORDER BY owner').pluck().all(),
    ).toEqual(users);
    raw.close();
  }, 30_000);

  it('lets two stores on one file migrate at once and see each other’s writes', async () => {
    const path = join(dir, 'two.db');
    const a = new SqliteStore<TestContext>({ path });
    const b = new SqliteStore<TestContext>({ path });
    await Promise.all([a.migrate(), b.migrate()]);
    await a.saveThread(makeThread('thr_1'), ALICE);
    await b.addThreadItem('thr_1', endOfTurn('thr_1', 'from_b'), ALICE);
    expect(ids(await a.loadThreadItems('thr_1', null, 10, 'asc', ALICE))).toEqual(['from_b']);
    await Promise.all([a.close(), b.close()]);
  });

  it('leaves no orphan rows after deleteThread under load (raw query)', async () => {
    const db = new Database(':memory:');
    const store = new SqliteStore<TestContext>({ database: db, tablePrefix: 'x_' });
    await store.saveThread(makeThread('thr_1'), ALICE);
    await store.saveThread(makeThread('thr_2'), ALICE);
    for (let i = 0; i < 200; i++)
      await store.addThreadItem('thr_1', endOfTurn('thr_1', `i${i}`), ALICE);
    await store.addThreadItem('thr_2', endOfTurn('thr_2', 'keep'), ALICE);
    await store.saveAttachment(fileAttachment('atc_1', 'thr_1'), ALICE);
    await store.saveAttachment(fileAttachment('atc_2', 'thr_2'), ALICE);
    const adds = Array.from({ length: 50 }, (_, i) =>
      store
        .addThreadItem('thr_1', endOfTurn('thr_1', `late${i}`), ALICE)
        .catch((error: unknown) => {
          expect(error).toBeInstanceOf(NotFoundError);
        }),
    );
    await Promise.all([...adds, store.deleteThread('thr_1', ALICE)]);
    const count = (sql: string): unknown => db.prepare(sql).pluck().get();
    expect(count(`SELECT count(*) FROM x_items WHERE thread_id = 'thr_1'`)).toBe(0);
    expect(count(`SELECT count(*) FROM x_attachments WHERE thread_id = 'thr_1'`)).toBe(0);
    expect(count(`SELECT count(*) FROM x_threads`)).toBe(1);
    expect(count(`SELECT count(*) FROM x_items`)).toBe(1);
    await store.close();
    expect(db.open).toBe(true); // a database passed in stays open
    db.close();
  });

  it('keeps tables of different prefixes apart in one database', async () => {
    const db = new Database(':memory:');
    const a = new SqliteStore<TestContext>({ database: db, tablePrefix: 'a_' });
    const b = new SqliteStore<TestContext>({ database: db, tablePrefix: '' });
    await a.saveThread(makeThread('thr_1'), ALICE);
    await b.migrate();
    expect((await b.loadThreads(10, null, 'asc', ALICE)).data).toEqual([]);
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining(['a_threads', 'a_items', 'threads', 'items', 'schema_migrations']),
    );
    db.close();
  });

  it('pages with the (created_ms, seq) index, never a sort or a scan', async () => {
    const db = new Database(':memory:');
    const store = new SqliteStore<TestContext>({ database: db });
    await store.migrate();
    const queries = buildQueries(tableNames({}), SQLITE_DIALECT);
    const plan = (sql: string, params: Record<string, unknown>): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
    const owner = { owner: 'u', tenant: '' };
    for (const sql of Object.values(queries.loadThreadItems)) {
      const items = plan(sql, { thread_id: 't', ...owner, after: 'c', limit: 21 });
      expect(items).toMatch(/SEARCH threadline_items USING INDEX threadline_items_thread_created/);
      expect(items).not.toMatch(/TEMP B-TREE|SCAN/);
    }
    for (const sql of Object.values(queries.loadThreads)) {
      const threads = plan(sql, { ...owner, after: 'c', limit: 21 });
      expect(threads).toMatch(
        /SEARCH threadline_threads USING INDEX threadline_threads_owner_created/,
      );
      expect(threads).not.toMatch(/TEMP B-TREE|SCAN/);
    }
    db.close();
  });

  it('refuses a database migrated by a newer version, and bad options', async () => {
    const db = new Database(':memory:');
    await new SqliteStore<TestContext>({ database: db }).migrate();
    db.prepare(`INSERT INTO threadline_schema_migrations VALUES (999, 'future', 'x')`).run();
    await expect(new SqliteStore<TestContext>({ database: db }).migrate()).rejects.toBeInstanceOf(
      ConfigurationError,
    );
    expect(() => new SqliteStore({ tablePrefix: 'bad-prefix' })).toThrow(ConfigurationError);
    expect(() => new SqliteStore({ database: db, path: ':memory:' })).toThrow(ConfigurationError);
    db.close();
  });
});
