import type { Migration } from './migrate.js';
import type { TableNames } from './tables.js';

/** What one statement returned: its rows (`SELECT`, `RETURNING`) and how many rows it changed. */
export interface SqlResult<R> {
  rows: R[];
  changes: number;
}

/** Runs statements on the store's connection(s), or inside one transaction. */
export interface SqlExecutor {
  /**
   * Runs one statement of the shared query text (`:name` parameters; a value `undefined` is an
   * error, `null` is SQL NULL), prepared once and reused.
   */
  query<R = Record<string, unknown>>(
    sql: string,
    params?: Record<string, unknown>,
  ): Promise<SqlResult<R>>;
  /** Runs `;`-separated statements without parameters (DDL), not prepared. */
  exec(sql: string): Promise<void>;
}

/** What a driver error means for the store's caller. */
export type SqlErrorKind =
  /** The database is down, stalled or saturated: `StoreUnavailableError` (503, Retry-After). */
  | 'unavailable'
  /** A row references a parent that is gone (an item whose thread was deleted meanwhile). */
  | 'missing-parent';

/**
 * Everything `SqlStore` needs to know about one SQL database: the few places where SQLite and
 * PostgreSQL text differs, how documents go in and out of the JSON column, which strings the
 * database can hold, how to run statements and transactions, the cross-process migration lock,
 * and how to read its errors. The queries and the store logic are written once, in `SqlStore`.
 */
export interface SqlDialect extends SqlExecutor {
  /** SQL expression turning the JSON text parameter `:param` into the document column type. */
  json(param: string): string;
  /** The schema, versioned (stores/sql/schema.ts). */
  migrations(t: TableNames): readonly Migration[];
  /** JSON text of a document to store. */
  encodeJson(document: unknown): string;
  /** A document as read back from its column (JSON text or a driver-decoded value). */
  decodeJson<T>(column: unknown): T;
  /** Whether a key column (id, timestamp text) can hold `text` exactly. */
  canStore(text: string): boolean;
  /**
   * Runs `fn` in one transaction (committed when it resolves, rolled back when it throws).
   * Other statements of this store do not interleave with it.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * `transaction`, holding the lock that serializes schema changes across processes sharing the
   * database (SQLite `BEGIN IMMEDIATE`, PostgreSQL an advisory lock per schema).
   */
  migrationTransaction<T>(t: TableNames, fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Creates what the migrations table needs (schema, table), inside `migrationTransaction`. */
  prepareMigrationsTable(tx: SqlExecutor, t: TableNames): Promise<void>;
  /** What a driver error means, or `undefined` for an error passed on unchanged. */
  classify(error: unknown): SqlErrorKind | undefined;
  /** Closes what the dialect opened (not a connection or pool passed in). */
  close(): Promise<void>;
}
