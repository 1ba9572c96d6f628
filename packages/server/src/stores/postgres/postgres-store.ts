import type { Pool } from 'pg';
import type { ResolveOwner } from '../owner.js';
import { SqlStore } from '../sql/sql-store.js';
import { tableNames } from '../sql/tables.js';
import { PostgresDialect } from './postgres-dialect.js';

/** Options of `PostgresStore`. */
export interface PostgresStoreOptions<TContext> {
  /** Used to create the store's own pool; without it and without `pool`, `pg` reads `PG*` variables. */
  connectionString?: string;
  /** A pool to share; `close()` leaves it open. */
  pool?: Pool;
  /** Schema holding the tables; created if missing. Defaults to `'public'`. */
  schema?: string;
  /** Prefix of every table and index name. Defaults to `'threadline_'`. */
  tablePrefix?: string;
  /** Maps the context to its owner; defaults to `context.userId`/`user_id` (+ `tenantId`). */
  resolveOwner?: ResolveOwner<TContext>;
  /**
   * Timeouts of the store's own pool (ignored with `pool`): `connectMs` bounds connecting and
   * waiting for a free pooled connection (default 5000), `statementMs` every statement, enforced
   * by the server and by the client for a stalled server (default 15000). A store call that hits
   * one, or finds the database down, fails with `StoreUnavailableError` (HTTP 503, Retry-After).
   */
  timeouts?: { connectMs?: number; statementMs?: number; idleMs?: number };
  /**
   * Most connections the store's own pool opens (ignored with `pool`); default 10, `pg`'s. Calls
   * beyond it wait for a free connection, up to `timeouts.connectMs`. `timeouts.idleMs` closes a
   * connection unused for that long (default 10000; 0 keeps idle connections open).
   */
  maxConnections?: number;
}

/**
 * A `Store` on PostgreSQL through a `pg` pool: threads, items and attachment metadata as JSONB
 * documents, owner-scoped, keyset pagination over (created_at, insertion order). Tables are created
 * and migrated on first use (or by `migrate()`) under a transaction-scoped advisory lock, so several
 * processes may start at once. Statements are prepared once per pooled connection. The queries are
 * `SqlStore`'s, shared with `SqliteStore`; this class only sets up the pool.
 *
 * @example
 * ```ts
 * import { PostgresStore } from '@threadline/server/stores/postgres';
 *
 * const store = new PostgresStore<{ userId: string }>({
 *   connectionString: 'postgres://app@localhost:5432/app',
 *   schema: 'chat',
 * });
 * await store.migrate(); // optional: the first call does it too
 * ```
 */
export class PostgresStore<TContext = unknown> extends SqlStore<TContext> {
  /** The pool the store runs on (its own, or the one passed in), e.g. to share or to inspect. */
  readonly pool: Pool;

  constructor(options: PostgresStoreOptions<TContext> = {}) {
    const tables = tableNames({ prefix: options.tablePrefix, schema: options.schema ?? 'public' });
    const dialect = new PostgresDialect(options);
    super(dialect, { tables, resolveOwner: options.resolveOwner });
    this.pool = dialect.pool;
  }
}
