/**
 * SQL store benchmark: page latency at the head and deep in a large thread and a large thread
 * list, and `addThreadItem` throughput, for SQLite and PostgreSQL side by side. The baseline is
 * the newest page; the depth ratio shows keyset pagination does not slow down with depth.
 *
 * Sizes scale with BENCH_SCALE (default 1: a 100,000-item thread and 1,000,000 threads of which
 * the bench user owns 10,000). PostgreSQL comes from DATABASE_URL (default local `test`); the
 * bench fails if it is unreachable.
 *
 * Data is bulk-loaded with set-based SQL straight into the store's tables (created by
 * `store.migrate()`), not through the store API, which would spend minutes on a million
 * `saveThread` calls: one INSERT … SELECT per 250,000-row batch over a recursive CTE (SQLite) or
 * `generate_series` (PostgreSQL), each batch its own transaction, with the threads owner index
 * dropped during the load and rebuilt once after it. The rows have exactly the shape the store
 * writes. Latencies then go through the public `Store` API (JSON decoding included): one caller,
 * warm cache, after `ANALYZE`, newest and deep pages measured alternately so both see the same
 * background noise. Insert throughput runs `addThreadItem` for at most 4 s per figure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { Pool } from 'pg';
import type { ThreadItem } from '../src/protocol/items.js';
import type { ThreadMetadata } from '../src/protocol/thread.js';
import { PostgresStore } from '../src/stores/postgres/index.js';
import { SqliteStore } from '../src/stores/sqlite/index.js';
import type { Store } from '../src/stores/store.js';
import { fmt, percentile, printTable } from './bench-kit.js';

type Ctx = { userId: string };
const USER: Ctx = { userId: 'bench_user' };
const ITEMS_THREAD = 'thr_items';
const BASE_SECONDS = 1_767_225_600; // 2026-01-01T00:00:00Z

interface Sizes {
  items: number;
  threads: number;
  /** Every `ownedEvery`-th thread belongs to the bench user. */
  ownedEvery: number;
  inserts: number;
  samples: number;
}

function sizes(): Sizes {
  const scale = Number(process.env.BENCH_SCALE ?? '1');
  if (!(scale > 0))
    throw new Error(`BENCH_SCALE must be a positive number, got ${process.env.BENCH_SCALE}`);
  return {
    items: Math.max(1_000, Math.round(100_000 * scale)),
    threads: Math.max(10_000, Math.round(1_000_000 * scale)),
    ownedEvery: 100,
    inserts: Math.max(500, Math.round(20_000 * scale)),
    samples: Math.max(100, Math.round(400 * Math.min(scale, 1))),
  };
}

/** SQL fragments that differ between the two databases, for the bulk load. */
interface BulkDialect {
  threads: string;
  items: string;
  /** Qualified name of the threads (owner, tenant, created_ms, seq) index. */
  ownerIndex: string;
  /** `n` as 7 zero-padded digits, so ids arrive in primary-key order. */
  pad(n: string): string;
  json(pairs: string): string;
  array(element: string): string;
  /** ISO-8601 UTC text (ms precision) of an epoch-seconds expression. */
  iso(seconds: string): string;
}

interface Target {
  name: string;
  store: Store<Ctx>;
  dialect: BulkDialect;
  /** Runs `sql` once per batch with `{ from, to }` (inclusive) bound; returns when all are in. */
  bulk(sql: string, total: number): Promise<void>;
  analyze(): Promise<void>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

const threadsSql = ({ threads, json, iso, pad }: BulkDialect, every: number): string => `
  INSERT INTO ${threads} (id, owner, tenant, created_at, created_ms, data)
  SELECT 'thr_' || ${pad('n')}, CASE WHEN n % ${every} = 0 THEN 'bench_user' ELSE 'user_' || (n % 997) END, '',
    ${iso(`${BASE_SECONDS} + n`)}, ${BASE_SECONDS * 1000} + n * 1000,
    ${json(`'id', 'thr_' || ${pad('n')}, 'title', 'Thread ' || n, 'created_at', ${iso(`${BASE_SECONDS} + n`)},
      'status', ${json(`'type', 'active'`)}, 'metadata', ${json('')}`)}
  FROM numbers`;

// Items 10 ms apart; the text makes each row ~300 bytes, like a short assistant message.
const itemsSql = ({ items, json, array, iso, pad }: BulkDialect): string => `
  INSERT INTO ${items} (thread_id, id, owner, tenant, created_at, created_ms, type, data)
  SELECT '${ITEMS_THREAD}', 'msg_' || ${pad('n')}, 'bench_user', '', ${iso(`${BASE_SECONDS} + n / 100.0`)},
    ${BASE_SECONDS * 1000} + n * 10, 'assistant_message',
    ${json(`'id', 'msg_' || ${pad('n')}, 'thread_id', '${ITEMS_THREAD}', 'created_at', ${iso(`${BASE_SECONDS} + n / 100.0`)},
      'type', 'assistant_message', 'content', ${array(
        json(`'type', 'output_text', 'annotations', ${array('')},
      'text', 'Answer number ' || n || ': the quick brown fox jumps over the lazy dog, twice over.'`),
      )}`)}
  FROM numbers`;

async function sqliteTarget(dir: string): Promise<Target> {
  const db = new Database(join(dir, 'bench.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const store = new SqliteStore<Ctx>({ database: db });
  await store.migrate();
  const numbers =
    'WITH RECURSIVE numbers(n) AS (SELECT CAST(:from AS INTEGER) UNION ALL SELECT n + 1 FROM numbers WHERE n < :to)';
  return {
    name: 'SQLite',
    store,
    dialect: {
      threads: 'threadline_threads',
      items: 'threadline_items',
      ownerIndex: 'threadline_threads_owner_created',
      pad: (n) => `printf('%07d', ${n})`,
      json: (pairs) => `json_object(${pairs})`,
      array: (element) => `json_array(${element})`,
      iso: (seconds) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${seconds}, 'unixepoch')`,
    },
    async bulk(sql, total) {
      const insert = db.prepare(`${numbers} ${sql}`);
      for (let from = 1; from <= total; from += 250_000) {
        db.transaction(() => insert.run({ from, to: Math.min(total, from + 249_999) }))();
      }
    },
    async analyze() {
      db.exec('ANALYZE');
    },
    async exec(sql) {
      db.exec(sql);
    },
    async close() {
      await store.close();
      db.close();
    },
  };
}

async function postgresTarget(): Promise<Target> {
  const pool = new Pool({
    connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    max: 10,
  });
  const schema = `threadline_bench_${process.pid}`;
  const store = new PostgresStore<Ctx>({ pool, schema });
  await store.migrate();
  return {
    name: 'PostgreSQL',
    store,
    dialect: {
      threads: `"${schema}".threadline_threads`,
      items: `"${schema}".threadline_items`,
      ownerIndex: `"${schema}".threadline_threads_owner_created`,
      pad: (n) => `lpad(${n}::text, 7, '0')`,
      json: (pairs) => `jsonb_build_object(${pairs})`,
      array: (element) => `jsonb_build_array(${element})`,
      iso: (seconds) =>
        `to_char(to_timestamp(${seconds}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    },
    async bulk(sql, total) {
      for (let from = 1; from <= total; from += 250_000) {
        const to = Math.min(total, from + 249_999);
        await pool.query(
          `WITH numbers AS (SELECT generate_series(${from}::bigint, ${to}::bigint) AS n) ${sql}`,
        );
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async analyze() {
      await pool.query(`VACUUM ANALYZE "${schema}".threadline_threads`);
      await pool.query(`VACUUM ANALYZE "${schema}".threadline_items`);
    },
    async close() {
      await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
      await pool.end();
    },
  };
}

async function load(target: Target, s: Sizes): Promise<number> {
  const started = performance.now();
  const { threads, ownerIndex } = target.dialect;
  // Rebuilding the owner index once is much faster than maintaining it row by row; same
  // definition as the store's migration.
  await target.exec(`DROP INDEX ${ownerIndex}`);
  await target.bulk(threadsSql(target.dialect, s.ownedEvery), s.threads);
  const indexName = ownerIndex.split('.').at(-1)!;
  await target.exec(`CREATE INDEX ${indexName} ON ${threads} (owner, tenant, created_ms, seq)`);
  await target.store.saveThread(newThread(ITEMS_THREAD), USER);
  await target.bulk(itemsSql(target.dialect), s.items);
  await target.analyze();
  return (performance.now() - started) / 1000;
}

const newThread = (id: string): ThreadMetadata => ({
  id,
  title: null,
  created_at: new Date().toISOString(),
  status: { type: 'active' },
  metadata: {},
});

const pad7 = (n: number): string => String(n).padStart(7, '0');

interface Latency {
  p50: number;
  p99: number;
}

/**
 * p50/p99 in ms of each of `fns` over `samples` calls, after a warm-up. The calls alternate, so
 * every variant sees the same background noise and the ratio between them stays meaningful.
 */
async function latencies(samples: number, fns: (() => Promise<unknown>)[]): Promise<Latency[]> {
  for (let i = 0; i < 50; i++) for (const fn of fns) await fn();
  const times = fns.map((): number[] => []);
  for (let i = 0; i < samples; i++) {
    for (const [k, fn] of fns.entries()) {
      const start = performance.now();
      await fn();
      times[k]!.push(performance.now() - start);
    }
  }
  return times.map((t) => {
    t.sort((a, b) => a - b);
    return { p50: percentile(t, 50), p99: percentile(t, 99) };
  });
}

/** Throws unless `page` starts with `firstId` and holds 20 rows: the bench measures what it says. */
function expectPage(page: { data: { id: string }[] }, firstId: string): void {
  if (page.data.length !== 20 || page.data[0]?.id !== firstId) {
    throw new Error(
      `bench page starts at ${page.data[0]?.id} (${page.data.length} rows), expected ${firstId}`,
    );
  }
}

/**
 * `addThreadItem` calls per second into a fresh thread with `concurrency` callers in flight: at
 * most `max` items or `budgetMs` of wall time, whichever comes first.
 */
async function inserts(
  store: Store<Ctx>,
  max: number,
  concurrency: number,
  budgetMs = 4_000,
): Promise<number> {
  const threadId = `thr_insert_${concurrency}`;
  await store.saveThread(newThread(threadId), USER);
  let next = 0;
  const started = performance.now();
  const deadline = started + budgetMs;
  const worker = async (): Promise<void> => {
    while (next < max && performance.now() < deadline) {
      const n = next++;
      const item: ThreadItem = {
        id: `msg_${n}`,
        thread_id: threadId,
        created_at: new Date().toISOString(),
        type: 'assistant_message',
        content: [{ type: 'output_text', text: `Streamed answer ${n}`, annotations: [] }],
      };
      await store.addThreadItem(threadId, item, USER);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return next / ((performance.now() - started) / 1000);
}

async function measure(target: Target, s: Sizes): Promise<Record<string, string>> {
  const { store } = target;
  const loadSeconds = await load(target, s);
  const depthItem = `msg_${pad7(s.items - Math.round(s.items * 0.9))}`; // 90% of the thread is newer
  const owned = Math.floor(s.threads / s.ownedEvery);
  const depthThread = `thr_${pad7((owned - Math.round(owned * 0.9)) * s.ownedEvery)}`;
  const row: Record<string, string> = {};
  const put = (label: string, r: Latency): void => {
    row[label] = `${fmt(r.p50, 3)} / ${fmt(r.p99, 3)} ms`;
  };
  const depthItemIndex = s.items - Math.round(s.items * 0.9);
  expectPage(
    await store.loadThreadItems(ITEMS_THREAD, null, 20, 'desc', USER),
    `msg_${pad7(s.items)}`,
  );
  expectPage(
    await store.loadThreadItems(ITEMS_THREAD, depthItem, 20, 'desc', USER),
    `msg_${pad7(depthItemIndex - 1)}`,
  );
  const [headItems, deepItems] = (await latencies(s.samples, [
    () => store.loadThreadItems(ITEMS_THREAD, null, 20, 'desc', USER),
    () => store.loadThreadItems(ITEMS_THREAD, depthItem, 20, 'desc', USER),
  ])) as [Latency, Latency];
  const [headThreads, deepThreads] = (await latencies(s.samples, [
    () => store.loadThreads(20, null, 'desc', USER),
    () => store.loadThreads(20, depthThread, 'desc', USER),
  ])) as [Latency, Latency];
  put('items: newest page', headItems);
  put(`items: depth ${fmt(Math.round(s.items * 0.9))}`, deepItems);
  row['items: depth/newest p50'] = `${fmt(deepItems.p50 / headItems.p50, 2)}×`;
  put('threads: newest page', headThreads);
  put(`threads: depth ${fmt(Math.round(owned * 0.9))}`, deepThreads);
  row['threads: depth/newest p50'] = `${fmt(deepThreads.p50 / headThreads.p50, 2)}×`;
  row['addThreadItem ×1 (items/s)'] = fmt(await inserts(store, s.inserts, 1));
  row['addThreadItem ×8 (items/s)'] = fmt(await inserts(store, s.inserts, 8));
  row['bulk load (s)'] = fmt(loadSeconds, 1);
  return row;
}

/** Prints SQLite and PostgreSQL store figures side by side (see the file comment). */
export async function runStoreBench(): Promise<void> {
  const s = sizes();
  const dir = mkdtempSync(join(tmpdir(), 'threadline-bench-'));
  const results: Record<string, Record<string, string>> = {};
  try {
    for (const open of [() => sqliteTarget(dir), postgresTarget]) {
      const target = await open();
      try {
        results[target.name] = await measure(target, s);
      } finally {
        await target.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const metrics = Object.keys(results.SQLite ?? {});
  printTable(
    `Stores: loadThreadItems/loadThreads p50 / p99 (limit 20, desc) on a ${fmt(s.items)}-item thread and ` +
      `${fmt(s.threads)} threads (${fmt(s.threads / s.ownedEvery)} owned); addThreadItem throughput`,
    metrics.map((metric) => ({
      metric,
      SQLite: results.SQLite?.[metric] ?? '',
      PostgreSQL: results.PostgreSQL?.[metric] ?? '',
    })),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  await runStoreBench();
