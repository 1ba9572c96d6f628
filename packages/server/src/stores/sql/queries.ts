import type { SortOrder } from '../store.js';
import type { SqlDialect } from './dialect.js';
import type { TableNames } from './tables.js';

/**
 * What differs between the SQL dialects in the query text (the rest of a dialect: sql/dialect.ts).
 * Parameters are written `:name`; better-sqlite3 binds them by name, the PostgreSQL dialect
 * rewrites them to `$n`.
 */
export type QueryDialect = Pick<SqlDialect, 'json'>;

/** SQLite keeps JSON as TEXT. */
export const SQLITE_DIALECT: QueryDialect = { json: (param) => `:${param}` };

/** PostgreSQL keeps JSON as JSONB. */
export const POSTGRES_DIALECT: QueryDialect = { json: (param) => `CAST(:${param} AS JSONB)` };

/** A page query variant: sort order, and whether an `after` cursor is given. */
export type PageVariant = `${SortOrder}` | `${SortOrder}_after`;

export const pageVariant = (order: SortOrder, after: string | null | undefined): PageVariant =>
  after ? `${order}_after` : order;

/** Every statement a SQL store runs, for one set of table names. */
export interface StoreQueries {
  loadThread: string;
  threadExists: string;
  saveThread: string;
  loadThreads: Record<PageVariant, string>;
  deleteThread: { thread: string; items: string; attachments: string };
  loadThreadItems: Record<PageVariant, string>;
  itemExists: string;
  upsertItem: string;
  loadItem: string;
  deleteItem: string;
  saveAttachment: string;
  loadAttachment: string;
  deleteAttachment: string;
  deleteUnsentAttachments: string;
}

const OWNED = 'owner = :owner AND tenant = :tenant';

/**
 * Keyset page: rows strictly after the cursor row in the chosen order, `LIMIT :limit` (the caller
 * asks for one extra row to compute `has_more`). The cursor's position is looked up by id in a
 * scalar subquery, so a page is one statement; an unknown cursor yields no rows and the store
 * then tells "end of list" from "unknown cursor" with `*Exists` (docs/protocol.md §7.2). Never OFFSET.
 */
function pageQueries(select: string, scope: string, cursor: string): Record<PageVariant, string> {
  const build = (order: SortOrder, after: boolean): string => {
    const dir = order === 'asc' ? 'ASC' : 'DESC';
    const cmp = order === 'asc' ? '>' : '<';
    const keyset = after ? ` AND (created_ms, seq) ${cmp} (${cursor})` : '';
    return `${select} WHERE ${scope}${keyset} ORDER BY created_ms ${dir}, seq ${dir} LIMIT :limit`;
  };
  return {
    asc: build('asc', false),
    desc: build('desc', false),
    asc_after: build('asc', true),
    desc_after: build('desc', true),
  };
}

/** Builds the query text for one store; computed once per store instance. */
export function buildQueries(t: TableNames, dialect: QueryDialect): StoreQueries {
  return {
    loadThread: `SELECT data FROM ${t.threads} WHERE id = :id AND ${OWNED}`,
    threadExists: `SELECT 1 AS found FROM ${t.threads} WHERE id = :id AND ${OWNED}`,
    // Upsert that keeps the row's position (created_ms, seq) and refuses another owner's row:
    // the WHERE makes the update a no-op, which the store reports as NotFoundError.
    saveThread: `INSERT INTO ${t.threads} AS t (id, owner, tenant, created_at, created_ms, data)
      VALUES (:id, :owner, :tenant, :created_at, CAST(:created_ms AS BIGINT), ${dialect.json('data')})
      ON CONFLICT (id) DO UPDATE SET data = excluded.data
      WHERE t.owner = excluded.owner AND t.tenant = excluded.tenant`,
    loadThreads: pageQueries(
      `SELECT id, data FROM ${t.threads}`,
      OWNED,
      `SELECT created_ms, seq FROM ${t.threads} WHERE id = :after AND ${OWNED}`,
    ),
    deleteThread: {
      thread: `DELETE FROM ${t.threads} WHERE id = :id AND ${OWNED}`,
      items: `DELETE FROM ${t.items} WHERE thread_id = :id AND ${OWNED}`,
      attachments: `DELETE FROM ${t.attachments} WHERE thread_id = :id AND ${OWNED}`,
    },
    loadThreadItems: pageQueries(
      `SELECT id, data FROM ${t.items}`,
      `thread_id = :thread_id AND ${OWNED}`,
      `SELECT created_ms, seq FROM ${t.items} WHERE thread_id = :thread_id AND id = :after AND ${OWNED}`,
    ),
    itemExists: `SELECT 1 AS found FROM ${t.items} WHERE thread_id = :thread_id AND id = :id AND ${OWNED}`,
    // Insert-or-update in one statement, only into a thread this owner has (no row → NotFound).
    // On conflict only the document changes: the item keeps its position (docs/protocol.md §12.2 #1).
    // SQLite needs the WHERE on the SELECT to parse INSERT … SELECT … ON CONFLICT.
    upsertItem: `INSERT INTO ${t.items} AS i
        (thread_id, id, owner, tenant, created_at, created_ms, type, data)
      SELECT t.id, CAST(:id AS TEXT), t.owner, t.tenant, CAST(:created_at AS TEXT),
        CAST(:created_ms AS BIGINT), CAST(:type AS TEXT), ${dialect.json('data')}
      FROM ${t.threads} t WHERE t.id = :thread_id AND t.owner = :owner AND t.tenant = :tenant
      ON CONFLICT (thread_id, id) DO UPDATE SET type = excluded.type, data = excluded.data`,
    loadItem: `SELECT data FROM ${t.items} WHERE thread_id = :thread_id AND id = :id AND ${OWNED}`,
    deleteItem: `DELETE FROM ${t.items} WHERE thread_id = :thread_id AND id = :id AND ${OWNED}`,
    saveAttachment: `INSERT INTO ${t.attachments} AS a (id, owner, tenant, thread_id, created_ms, data)
      VALUES (:id, :owner, :tenant, :thread_id, CAST(:created_ms AS BIGINT), ${dialect.json('data')})
      ON CONFLICT (id) DO UPDATE SET thread_id = excluded.thread_id, data = excluded.data
      WHERE a.owner = excluded.owner AND a.tenant = excluded.tenant`,
    loadAttachment: `SELECT data FROM ${t.attachments} WHERE id = :id AND ${OWNED}`,
    deleteAttachment: `DELETE FROM ${t.attachments} WHERE id = :id AND ${OWNED}`,
    deleteUnsentAttachments: `DELETE FROM ${t.attachments} WHERE id IN (
        SELECT id FROM ${t.attachments}
        WHERE thread_id IS NULL AND created_ms < CAST(:cutoff AS BIGINT) LIMIT :limit
      ) AND thread_id IS NULL RETURNING id`,
  };
}
