import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigurationError } from '../../errors.js';
import type { SqlDialect, SqlErrorKind, SqlExecutor, SqlResult } from '../sql/dialect.js';
import { createMigrationsTableSql } from '../sql/migrate.js';
import { SQLITE_DIALECT } from '../sql/queries.js';
import { sqliteMigrations } from '../sql/schema.js';
import type { TableNames } from '../sql/tables.js';

const BUSY_TIMEOUT_MS = 5_000;

const isBusy = (error: unknown): boolean =>
  error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY');

/** Blocks the thread for `ms` (SQLite's own busy handler blocks the same way). */
const sleepSync = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

/**
 * Switches a file database to WAL. The switch upgrades a read lock to a write lock, and SQLite
 * answers SQLITE_BUSY at once, without calling the busy handler, when another connection is doing
 * the same (its deadlock rule): two processes opening a new file together. So retry here.
 */
function enableWal(db: Database.Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
      sleepSync(5 + Math.random() * 45);
    }
  }
}

/** Opens `path`, preparing a file database for concurrent readers and a writer. */
function openDatabase(path: string): Database.Database {
  const inMemory = path === ':memory:' || path === '';
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  if (!inMemory) {
    // Lock waits (writes, BEGIN IMMEDIATE of migrations) then queue behind other processes.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    enableWal(db);
    db.pragma('synchronous = NORMAL');
  }
  return db;
}

/**
 * The transaction in progress per database in this process: a file (any connection to it) or an
 * in-memory connection. A transaction spans awaits, so statements of other calls wait for it
 * instead of joining it (same connection) or blocking the thread on SQLite's lock while the
 * transaction cannot finish (another connection to the same file: a synchronous busy wait).
 */
const openTransactions = new Map<unknown, Promise<unknown>>();

const databaseKey = (db: Database.Database): unknown =>
  db.memory || db.name === '' ? db : resolve(db.name);

/** Resolves when `transaction` ends, however it ends. */
const settled = (transaction: Promise<unknown>): Promise<unknown> =>
  transaction.catch(() => undefined);

/**
 * SQLite through better-sqlite3: one connection, statements prepared once, JSON as TEXT.
 * better-sqlite3 is synchronous, so a statement never interleaves with another.
 */
export class SqliteDialect implements SqlDialect {
  readonly json = SQLITE_DIALECT.json;
  private readonly db: Database.Database;
  private readonly ownsDatabase: boolean;
  private readonly statements = new Map<string, Database.Statement>();
  /** Key of `openTransactions`. */
  private readonly key: unknown;
  /** Runs statements inside the open transaction (it holds the connection). */
  private readonly inTransaction: SqlExecutor = {
    query: async <R>(sql: string, params: Record<string, unknown> = {}) =>
      this.execute<R>(this.statement(sql), params),
    exec: async (sql: string) => {
      this.db.exec(sql);
    },
  };

  constructor(options: { path?: string | undefined; database?: Database.Database | undefined }) {
    if (options.database && options.path !== undefined) {
      throw new ConfigurationError('Pass either `path` or `database` to SqliteStore, not both');
    }
    this.ownsDatabase = options.database === undefined;
    this.db = options.database ?? openDatabase(options.path ?? ':memory:');
    this.key = databaseKey(this.db);
  }

  migrations(t: TableNames) {
    return sqliteMigrations(t);
  }

  encodeJson(document: unknown): string {
    return JSON.stringify(document);
  }

  decodeJson<T>(column: unknown): T {
    return JSON.parse(column as string) as T;
  }

  canStore(): boolean {
    return true;
  }

  async query<R>(sql: string, params: Record<string, unknown> = {}): Promise<SqlResult<R>> {
    while (openTransactions.has(this.key)) await settled(openTransactions.get(this.key)!);
    return this.execute<R>(this.statement(sql), params);
  }

  async exec(sql: string): Promise<void> {
    while (openTransactions.has(this.key)) await settled(openTransactions.get(this.key)!);
    this.db.exec(sql);
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.begin('BEGIN IMMEDIATE', fn);
  }

  /** `BEGIN IMMEDIATE` takes the write lock at once, so processes migrating together queue. */
  migrationTransaction<T>(_t: TableNames, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.begin('BEGIN IMMEDIATE', fn);
  }

  async prepareMigrationsTable(tx: SqlExecutor, t: TableNames): Promise<void> {
    await tx.exec(createMigrationsTableSql(t));
  }

  classify(): SqlErrorKind | undefined {
    return undefined;
  }

  async close(): Promise<void> {
    this.statements.clear();
    if (this.ownsDatabase && this.db.open) this.db.close();
  }

  private async begin<T>(sql: string, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    // No await between the last look and claiming the database: nothing can start in between.
    while (openTransactions.has(this.key)) await settled(openTransactions.get(this.key)!);
    const run = (async () => {
      this.db.exec(sql);
      try {
        const result = await fn(this.inTransaction);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    })();
    openTransactions.set(this.key, run);
    try {
      return await run;
    } finally {
      if (openTransactions.get(this.key) === run) openTransactions.delete(this.key);
    }
  }

  /** The prepared statement for `sql`, prepared once per store. */
  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private execute<R>(stmt: Database.Statement, params: Record<string, unknown>): SqlResult<R> {
    if (stmt.reader) {
      const rows = stmt.all(params) as R[];
      return { rows, changes: rows.length };
    }
    return { rows: [], changes: stmt.run(params).changes };
  }
}
