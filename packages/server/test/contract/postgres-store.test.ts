import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, NotFoundError } from '../../src/errors.js';
import { PostgresStore } from '../../src/stores/postgres/index.js';
import { bindValues, toPositional } from '../../src/stores/postgres/positional.js';
import { buildQueries, POSTGRES_DIALECT } from '../../src/stores/sql/queries.js';
import { tableNames } from '../../src/stores/sql/tables.js';
import {
  ALICE,
  BOB,
  endOfTurn,
  fileAttachment,
  ids,
  makeThread,
  type TestContext,
} from './fixtures.js';
import { connectPool, DATABASE_URL, dropSchema, uniqueSchema } from './pg-database.js';

describe('PostgresStore (PostgreSQL specifics)', () => {
  // This file's own schemas: parallel test files never share tables.
  const schema = uniqueSchema('pgstore');
  const created: string[] = [schema];
  let pool: Pool;
  let prefixes = 0;
  const store = (options: { schema?: string; pool?: Pool } = {}): PostgresStore<TestContext> =>
    new PostgresStore<TestContext>({ pool, schema, tablePrefix: `p${++prefixes}_`, ...options });

  beforeAll(async () => {
    pool = await connectPool();
  });
  afterAll(async () => {
    for (const name of created) await dropSchema(pool, name);
    await pool.end();
  });

  it('creates a missing schema and its tables there (JSONB documents in wire shape)', async () => {
    const own = uniqueSchema('created');
    created.push(own);
    const s = new PostgresStore<TestContext>({ pool, schema: own });
    await s.saveThread(makeThread('thr_1'), ALICE);
    await s.addThreadItem('thr_1', endOfTurn('thr_1', 'e1'), ALICE);
    const tables = await pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [own],
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual([
      'threadline_attachments',
      'threadline_feedback',
      'threadline_items',
      'threadline_schema_migrations',
      'threadline_threads',
    ]);
    const row = await pool.query(
      `SELECT jsonb_typeof(data) AS kind, data->>'type' AS type, owner, tenant FROM "${own}".threadline_items`,
    );
    expect(row.rows).toEqual([{ kind: 'object', type: 'end_of_turn', owner: 'alice', tenant: '' }]);
    await s.close();
  });

  it('migrates once when several stores with their own pools start at once', async () => {
    const own = uniqueSchema('race');
    created.push(own);
    const stores = Array.from(
      { length: 5 },
      () => new PostgresStore<TestContext>({ connectionString: DATABASE_URL, schema: own }),
    );
    await Promise.all(stores.map((s) => s.migrate()));
    const versions = await pool.query(
      `SELECT version FROM "${own}".threadline_schema_migrations ORDER BY version`,
    );
    expect(versions.rows).toEqual([{ version: 1 }, { version: 2 }]);
    await stores[0]!.saveThread(makeThread('thr_1'), ALICE);
    expect((await stores[4]!.loadThread('thr_1', ALICE)).id).toBe('thr_1');
    await Promise.all(stores.map((s) => s.close()));
  });

  it('loses no item when two stores with separate pools add to one thread concurrently', async () => {
    const shared = store();
    await shared.saveThread(makeThread('thr_1'), ALICE);
    const prefix = `p${prefixes}_`;
    const other = new PostgresStore<TestContext>({
      connectionString: DATABASE_URL,
      schema,
      tablePrefix: prefix,
    });
    const writes = Array.from({ length: 100 }, (_, i) =>
      (i % 2 === 0 ? shared : other).addThreadItem('thr_1', endOfTurn('thr_1', `c${i}`), ALICE),
    );
    await Promise.all(writes);
    const page = await shared.loadThreadItems('thr_1', null, 200, 'asc', ALICE);
    expect(page.data).toHaveLength(100);
    await other.close();
  });

  it('leaves no orphan rows after deleteThread under load (raw query)', async () => {
    const s = store();
    const items = `"${schema}".p${prefixes}_items`;
    const attachments = `"${schema}".p${prefixes}_attachments`;
    await s.saveThread(makeThread('thr_1'), ALICE);
    await s.saveThread(makeThread('thr_2'), ALICE);
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        s.addThreadItem('thr_1', endOfTurn('thr_1', `i${i}`), ALICE),
      ),
    );
    await s.addThreadItem('thr_2', endOfTurn('thr_2', 'keep'), ALICE);
    await s.saveAttachment(fileAttachment('atc_1', 'thr_1'), ALICE);
    await s.saveAttachment(fileAttachment('atc_2', 'thr_2'), ALICE);
    const outcomes: string[] = [];
    const adds = Array.from({ length: 100 }, (_, i) =>
      s.addThreadItem('thr_1', endOfTurn('thr_1', `late${i}`), ALICE).then(
        () => outcomes.push('added'),
        (error: unknown) => {
          expect(error).toBeInstanceOf(NotFoundError);
          outcomes.push('rejected');
        },
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 2));
    await Promise.all([...adds, s.deleteThread('thr_1', ALICE)]);
    expect(outcomes).toHaveLength(100);
    const count = async (sql: string): Promise<number> =>
      Number((await pool.query<{ n: string }>(sql)).rows[0]!.n);
    expect(await count(`SELECT count(*) AS n FROM ${items} WHERE thread_id = 'thr_1'`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM ${attachments} WHERE thread_id = 'thr_1'`)).toBe(
      0,
    );
    expect(await count(`SELECT count(*) AS n FROM ${items}`)).toBe(1);
  });

  it('pages with the (created_ms, seq) index, without a sort', async () => {
    const s = store();
    await s.saveThread(makeThread('thr_1'), ALICE);
    await s.addThreadItem('thr_1', endOfTurn('thr_1', 'c'), ALICE);
    const queries = buildQueries(tableNames({ schema, prefix: `p${prefixes}_` }), POSTGRES_DIALECT);
    const values = { thread_id: 'thr_1', owner: 'alice', tenant: '', after: 'c', limit: 21 };
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // Tiny tables favour scans and sorts; discourage them to see that the index serves the order.
      for (const setting of ['enable_seqscan', 'enable_bitmapscan', 'enable_sort']) {
        await client.query(`SET LOCAL ${setting} = off`);
      }
      const explain = async (sql: string): Promise<string> => {
        const query = toPositional(sql);
        const plan = await client.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN ${query.text}`,
          bindValues(query, values),
        );
        return plan.rows.map((r) => r['QUERY PLAN']).join('\n');
      };
      for (const [variant, sql] of Object.entries(queries.loadThreadItems)) {
        const plan = await explain(sql);
        expect(plan).toMatch(/Index Scan (Backward )?using p\d+_items_thread_created/);
        if (variant.endsWith('_after')) expect(plan).toMatch(/ROW\(created_ms, seq\) [<>] ROW/);
        expect(plan).not.toMatch(/Sort/);
      }
      for (const sql of Object.values(queries.loadThreads)) {
        const plan = await explain(sql);
        expect(plan).toMatch(/Index Scan (Backward )?using p\d+_threads_owner_created/);
        expect(plan).not.toMatch(/Sort/);
      }
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });

  it('keeps stores with different prefixes in one schema apart and leaves a shared pool open', async () => {
    const a = store();
    const b = store();
    await a.saveThread(makeThread('thr_1'), ALICE);
    await expect(b.loadThread('thr_1', ALICE)).rejects.toBeInstanceOf(NotFoundError);
    await b.saveThread(makeThread('thr_1'), BOB);
    expect(ids(await b.loadThreads(10, null, 'asc', BOB))).toEqual(['thr_1']);
    await a.close();
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('refuses a schema migrated by a newer version, and bad options', async () => {
    const s = store();
    await s.migrate();
    await pool.query(
      `INSERT INTO "${schema}".p${prefixes}_schema_migrations VALUES (999, 'future', 'x')`,
    );
    const newer = new PostgresStore<TestContext>({ pool, schema, tablePrefix: `p${prefixes}_` });
    await expect(newer.migrate()).rejects.toBeInstanceOf(ConfigurationError);
    expect(() => new PostgresStore({ pool, schema: 'bad"; DROP' })).toThrow(ConfigurationError);
    expect(() => new PostgresStore({ pool, connectionString: DATABASE_URL })).toThrow(
      ConfigurationError,
    );
  });

  it('builds its own pool with the given size and timeouts, and pg defaults otherwise', async () => {
    const own = new PostgresStore<TestContext>({
      connectionString: DATABASE_URL,
      schema,
      maxConnections: 3,
      timeouts: { connectMs: 700, statementMs: 900, idleMs: 250 },
    });
    const defaults = new PostgresStore<TestContext>({ connectionString: DATABASE_URL, schema });
    try {
      expect(own.pool.options).toMatchObject({
        max: 3,
        idleTimeoutMillis: 250,
        connectionTimeoutMillis: 700,
        statement_timeout: 900,
      });
      expect(defaults.pool.options).toMatchObject({ max: 10, idleTimeoutMillis: 10_000 });
      // Six concurrent calls share the three connections; unused ones close after 250 ms.
      await Promise.all(Array.from({ length: 6 }, () => own.pool.query('SELECT pg_sleep(0.05)')));
      expect(own.pool.totalCount).toBe(3);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(own.pool.totalCount).toBe(0);
    } finally {
      await own.close();
      await defaults.close();
    }
  });
});
