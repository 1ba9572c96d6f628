import type Database from 'better-sqlite3';
import type { ResolveOwner } from '../owner.js';
import { SqlStore } from '../sql/sql-store.js';
import { tableNames } from '../sql/tables.js';
import { SqliteDialect } from './sqlite-dialect.js';

/** Options of `SqliteStore`. */
export interface SqliteStoreOptions<TContext> {
  /**
   * Database file; its parent directory is created if missing. Defaults to `':memory:'`.
   * File databases the store opens get WAL, `synchronous=NORMAL` and a 5 s busy timeout.
   */
  path?: string;
  /**
   * An open better-sqlite3 connection to use instead of `path`. Its pragmas are left as they are
   * and `close()` does not close it.
   */
  database?: Database.Database;
  /** Prefix of every table and index name. Defaults to `'threadline_'`. */
  tablePrefix?: string;
  /** Maps the context to its owner; defaults to `context.userId`/`user_id` (+ `tenantId`). */
  resolveOwner?: ResolveOwner<TContext>;
}

/**
 * A `Store` on SQLite through better-sqlite3: threads, items and attachment metadata as JSON
 * documents in three tables, owner-scoped, with keyset pagination over (created_at, insertion
 * order). The schema is created and migrated on first use (or by `migrate()`), under
 * `BEGIN IMMEDIATE` so several processes may start on one file at once. The queries are
 * `SqlStore`'s, shared with `PostgresStore`; this class only opens the database.
 *
 * @example
 * ```ts
 * import { SqliteStore } from '@threadline/server/stores/sqlite';
 *
 * const store = new SqliteStore<{ userId: string }>({ path: './data/chat.db' });
 * await store.migrate(); // optional: the first call does it too
 * ```
 */
export class SqliteStore<TContext = unknown> extends SqlStore<TContext> {
  constructor(options: SqliteStoreOptions<TContext> = {}) {
    const tables = tableNames({ prefix: options.tablePrefix });
    super(new SqliteDialect(options), { tables, resolveOwner: options.resolveOwner });
  }
}
