import { Pool, type PoolClient } from 'pg';
import { ConfigurationError } from '../../errors.js';
import type { SqlDialect, SqlErrorKind, SqlExecutor, SqlResult } from '../sql/dialect.js';
import { createMigrationsTableSql } from '../sql/migrate.js';
import { POSTGRES_DIALECT } from '../sql/queries.js';
import { postgresMigrations } from '../sql/schema.js';
import type { TableNames } from '../sql/tables.js';
import { fromJsonb, isUnrepresentable, toJsonb } from '../sql/unicode.js';
import { bindValues, toPositional, type PositionalQuery } from './positional.js';
import { isUnavailable } from './unavailable.js';

/** Connection options of `PostgresStore` (see its options for their meaning). */
export interface PostgresConnectionOptions {
  connectionString?: string | undefined;
  pool?: Pool | undefined;
  timeouts?: { connectMs?: number; statementMs?: number; idleMs?: number } | undefined;
  maxConnections?: number | undefined;
}

const FOREIGN_KEY_VIOLATION = '23503';
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
const DEFAULT_STATEMENT_TIMEOUT_MS = 15_000;
const DEFAULT_IDLE_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_CONNECTIONS = 10;

const errorCode = (error: unknown): unknown =>
  error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;

/**
 * PostgreSQL through a `pg` pool: `:name` parameters rewritten to `$n`, statements prepared once
 * per pooled connection, JSON as JSONB (escaping what JSONB cannot hold, stores/sql/unicode.ts),
 * schema changes under a transaction-scoped advisory lock per schema.
 */
export class PostgresDialect implements SqlDialect {
  readonly json = POSTGRES_DIALECT.json;
  /** The pool the store runs on (its own, or the one passed in). */
  readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly compiled = new Map<string, PositionalQuery>();

  constructor(options: PostgresConnectionOptions) {
    if (options.pool && options.connectionString !== undefined) {
      throw new ConfigurationError(
        'Pass either `pool` or `connectionString` to PostgresStore, not both',
      );
    }
    this.ownsPool = options.pool === undefined;
    const statementMs = options.timeouts?.statementMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
    this.pool =
      options.pool ??
      new Pool({
        connectionString: options.connectionString,
        connectionTimeoutMillis: options.timeouts?.connectMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
        idleTimeoutMillis: options.timeouts?.idleMs ?? DEFAULT_IDLE_TIMEOUT_MS,
        max: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
        statement_timeout: statementMs,
        // The client-side bound also ends a call to a frozen server, which cannot cancel itself.
        query_timeout: statementMs + 1_000,
      });
    if (this.ownsPool) {
      // Without a listener, an idle connection dropped by the server would crash the process;
      // the pool discards that connection and opens a new one on demand.
      this.pool.on('error', (error) => {
        console.error('[threadline] idle PostgreSQL connection failed', error);
      });
    }
  }

  migrations(t: TableNames) {
    return postgresMigrations(t);
  }

  encodeJson(document: unknown): string {
    return toJsonb(document);
  }

  decodeJson<T>(column: unknown): T {
    return fromJsonb(column as T);
  }

  /** TEXT refuses U+0000, JSONB lone surrogates. */
  canStore(text: string): boolean {
    return !isUnrepresentable(text);
  }

  query<R>(sql: string, params: Record<string, unknown> = {}): Promise<SqlResult<R>> {
    return this.run<R>(this.pool, sql, params);
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn({
        query: <R>(sql: string, params: Record<string, unknown> = {}) =>
          this.run<R>(client, sql, params),
        exec: async (sql: string) => {
          await client.query(sql);
        },
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        // The connection is unusable: make the pool destroy it instead of reusing it.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** One advisory lock per schema: stores with different prefixes may create the same schema. */
  migrationTransaction<T>(t: TableNames, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext(:key))', {
        key: `threadline:migrate:${t.schema}`,
      });
      return fn(tx);
    });
  }

  /** Looks before creating, so a role without CREATE rights can run an up-to-date schema. */
  async prepareMigrationsTable(tx: SqlExecutor, t: TableNames): Promise<void> {
    const { rows } = await tx.query<{ has_schema: boolean; has_table: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = :schema) AS has_schema,
              to_regclass(:table) IS NOT NULL AS has_table`,
      { schema: t.schemaName ?? 'public', table: t.migrations },
    );
    if (!rows[0]?.has_schema && t.schema) await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${t.schema}`);
    if (!rows[0]?.has_table) await tx.exec(createMigrationsTableSql(t));
  }

  classify(error: unknown): SqlErrorKind | undefined {
    if (errorCode(error) === FOREIGN_KEY_VIOLATION) return 'missing-parent';
    return isUnavailable(error) ? 'unavailable' : undefined;
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }

  /** Runs one shared query as a named prepared statement. */
  private async run<R>(
    client: Pool | PoolClient,
    sql: string,
    params: Record<string, unknown>,
  ): Promise<SqlResult<R>> {
    let query = this.compiled.get(sql);
    if (!query) {
      query = toPositional(sql);
      this.compiled.set(sql, query);
    }
    const result = await client.query({
      name: query.name,
      text: query.text,
      values: bindValues(query, params),
    });
    return { rows: result.rows as R[], changes: result.rowCount ?? 0 };
  }
}
