import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteDialect } from '../../src/stores/sqlite/sqlite-dialect.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const TABLE = 'CREATE TABLE IF NOT EXISTS t (v TEXT NOT NULL)';

/** A transaction that writes, waits (as a multi-statement transaction awaits), then fails. */
const failingTransaction = (dialect: SqliteDialect) =>
  dialect.transaction(async (tx) => {
    await tx.query('INSERT INTO t (v) VALUES (:v)', { v: 'rolled back' });
    await sleep(50);
    throw new Error('abort');
  });

const values = async (dialect: SqliteDialect) =>
  (await dialect.query<{ v: string }>('SELECT v FROM t ORDER BY v')).rows.map((r) => r.v);

// A SQLite transaction spans awaits (the SQL store's logic is async), but better-sqlite3 is
// synchronous: other calls must wait for it rather than join it or block on its lock.
describe('SqliteDialect transactions in one process', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'threadline-sqlite-tx-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('does not let a statement of another call join (and be rolled back with) a transaction', async () => {
    const dialect = new SqliteDialect({});
    await dialect.exec(TABLE);
    const failed = failingTransaction(dialect);
    await sleep(10); // the transaction is open and waiting
    await dialect.query('INSERT INTO t (v) VALUES (:v)', { v: 'kept' });
    await expect(failed).rejects.toThrow('abort');
    expect(await values(dialect)).toEqual(['kept']);
    await dialect.close();
  });

  it('queues a write on another connection to the same file instead of blocking on the lock', async () => {
    const path = join(dir, 'shared.db');
    const a = new SqliteDialect({ path });
    const b = new SqliteDialect({ path });
    await a.exec(TABLE);
    const started = Date.now();
    const failed = failingTransaction(a);
    await sleep(10);
    await b.query('INSERT INTO t (v) VALUES (:v)', { v: 'from b' });
    await expect(failed).rejects.toThrow('abort');
    // SQLite's busy wait would have blocked the thread for the 5 s busy timeout, then failed.
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await values(a)).toEqual(['from b']);
    await Promise.all([a.close(), b.close()]);
  });
});
