import { Pool, type PoolClient, type QueryResult, type QueryResultRow } from 'pg';
import { ConfigurationError, NotFoundError } from '../../errors.js';
import type { Attachment } from '../../protocol/attachments.js';
import type { ThreadItem } from '../../protocol/items.js';
import type { Page } from '../../protocol/page.js';
import type { ThreadMetadata } from '../../protocol/thread.js';
import { defaultResolveOwner, type ResolveOwner } from '../owner.js';
import {
  createMigrationsTableSql,
  migrationRecord,
  pendingMigrations,
  recordMigrationSql,
  selectAppliedVersionsSql,
} from '../sql/migrate.js';
import { buildQueries, pageVariant, POSTGRES_DIALECT, type StoreQueries } from '../sql/queries.js';
import {
  attachmentParams,
  itemParams,
  normalizeLimit,
  ownerParams,
  threadParams,
  toPage,
  type OwnerParams,
} from '../sql/rows.js';
import { acquireLeaseSql, leasesTableSql, releaseLeaseSql } from '../sql/leases.js';
import { postgresMigrations } from '../sql/schema.js';
import {
  feedbackFromRow,
  feedbackParams,
  insertFeedbackSql,
  listFeedbackSql,
  type FeedbackRow,
} from '../sql/feedback.js';
import {
  feedbackLimit,
  newFeedbackRecord,
  type FeedbackRecord,
  type ListFeedbackOptions,
} from '../feedback.js';
import type { FeedbackKind } from '../../protocol/requests.js';
import { asUnavailable } from './unavailable.js';
import { tableNames, type TableNames } from '../sql/tables.js';
import { fromJsonb, isUnrepresentable, lookupId, toJsonb } from '../sql/unicode.js';
import { Store, type SortOrder } from '../store.js';
import { bindValues, toPositional, type PositionalQuery } from './positional.js';

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

interface DataRow<T> {
  data: T;
}
interface PageRow<T> {
  id: string;
  data: T;
}

const FOREIGN_KEY_VIOLATION = '23503';
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
const DEFAULT_STATEMENT_TIMEOUT_MS = 15_000;
const DEFAULT_IDLE_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_CONNECTIONS = 10;

const isForeignKeyViolation = (error: unknown): boolean =>
  error instanceof Error && (error as Error & { code?: unknown }).code === FOREIGN_KEY_VIOLATION;

/**
 * A `Store` on PostgreSQL through a `pg` pool: threads, items and attachment metadata as JSONB
 * documents, owner-scoped, keyset pagination over (created_at, insertion order). Tables are created
 * and migrated on first use (or by `migrate()`) under a transaction-scoped advisory lock, so several
 * processes may start at once. Statements are prepared once per pooled connection.
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
export class PostgresStore<TContext = unknown> extends Store<TContext> {
  /** The pool the store runs on (its own, or the one passed in), e.g. to share or to inspect. */
  readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly tables: TableNames;
  private readonly queries: StoreQueries;
  private readonly compiled = new Map<string, PositionalQuery>();
  private readonly resolveOwner: ResolveOwner<TContext>;
  private migration: Promise<void> | undefined;
  private migrated = false;
  private leases: Promise<void> | undefined;

  constructor(options: PostgresStoreOptions<TContext> = {}) {
    super();
    this.tables = tableNames({ prefix: options.tablePrefix, schema: options.schema ?? 'public' });
    this.queries = buildQueries(this.tables, POSTGRES_DIALECT);
    this.resolveOwner = options.resolveOwner ?? defaultResolveOwner;
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

  /**
   * Creates the schema and tables, or upgrades them. Runs automatically before the first
   * operation; call it at startup to fail fast. Concurrent callers, in this or other processes,
   * serialize on `pg_advisory_xact_lock`.
   */
  migrate(): Promise<void> {
    this.migration ??= this.runMigrations().then(
      () => {
        this.migrated = true;
      },
      (error: unknown) => {
        this.migration = undefined; // let the next call retry
        throw asUnavailable(error);
      },
    );
    return this.migration;
  }

  /** Ends the pool if the store created it (not a `pool` passed in). */
  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }

  private async runMigrations(): Promise<void> {
    const t = this.tables;
    await this.transaction(async (client) => {
      // One lock per schema: stores with different prefixes may create the same schema.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `threadline:migrate:${t.schema}`,
      ]);
      // Look before creating, so a role without CREATE rights can run an up-to-date schema.
      const { rows } = await client.query<{ has_schema: boolean; has_table: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS has_schema,
                to_regclass($2) IS NOT NULL AS has_table`,
        [t.schemaName, t.migrations],
      );
      if (!rows[0]?.has_schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${t.schema}`);
      if (!rows[0]?.has_table) await client.query(createMigrationsTableSql(t));
      const applied = await client.query<{ version: number }>(selectAppliedVersionsSql(t));
      const record = toPositional(recordMigrationSql(t));
      const versions = applied.rows.map((r) => r.version);
      for (const migration of pendingMigrations(postgresMigrations(t), versions)) {
        await client.query(migration.up);
        await client.query(record.text, bindValues(record, migrationRecord(migration)));
      }
    });
  }

  private async transaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect().catch((error: unknown) => {
      throw asUnavailable(error);
    });
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(client);
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

  /** Runs one shared query (`:name` parameters) as a named prepared statement. */
  private async run<R extends QueryResultRow>(
    sql: string,
    values: Record<string, unknown>,
    client: Pool | PoolClient = this.pool,
  ): Promise<QueryResult<R>> {
    if (!this.migrated) await this.migrate();
    let query = this.compiled.get(sql);
    if (!query) {
      query = toPositional(sql);
      this.compiled.set(sql, query);
    }
    try {
      return await client.query<R>({
        name: query.name,
        text: query.text,
        values: bindValues(query, values),
      });
    } catch (error) {
      throw asUnavailable(error);
    }
  }

  private owner(context: TContext): OwnerParams {
    return ownerParams(this.resolveOwner(context));
  }

  private async threadExists(threadId: string, owner: OwnerParams): Promise<boolean> {
    const result = await this.run(this.queries.threadExists, { id: lookupId(threadId), ...owner });
    return result.rows.length > 0;
  }

  async loadThread(threadId: string, context: TContext): Promise<ThreadMetadata> {
    const params = { id: lookupId(threadId), ...this.owner(context) };
    const { rows } = await this.run<DataRow<ThreadMetadata>>(this.queries.loadThread, params);
    if (!rows[0]) throw new NotFoundError(`Thread ${threadId} not found`);
    return fromJsonb(rows[0].data);
  }

  async saveThread(thread: ThreadMetadata, context: TContext): Promise<void> {
    const params = { ...storable(threadParams(thread, toJsonb)), ...this.owner(context) };
    // No row means the id exists under another owner: refuse, and do not say so.
    const result = await this.run(this.queries.saveThread, params);
    if (result.rowCount === 0) throw new NotFoundError(`Thread ${thread.id} not found`);
  }

  async loadThreads(
    limit: number,
    after: string | null | undefined,
    order: SortOrder,
    context: TContext,
  ): Promise<Page<ThreadMetadata>> {
    const owner = this.owner(context);
    const n = normalizeLimit(limit);
    const sql = this.queries.loadThreads[pageVariant(order, after)];
    const params = { ...owner, ...cursorParam(after), limit: n + 1 };
    const { rows } = await this.run<PageRow<ThreadMetadata>>(sql, params);
    if (rows.length === 0 && after && !(await this.threadExists(after, owner))) {
      throw new NotFoundError(`Thread ${after} not found`);
    }
    return toPage(rows.map(decode), n, after);
  }

  async deleteThread(threadId: string, context: TContext): Promise<void> {
    const params = { id: lookupId(threadId), ...this.owner(context) };
    await this.migrate();
    // One transaction: no item or attachment of a deleted thread survives (docs/protocol.md §7.1).
    // Deleting the thread row first locks it, so a concurrent addThreadItem waits, then fails.
    await this.transaction(async (client) => {
      const { thread, items, attachments } = this.queries.deleteThread;
      const deleted = await this.run(thread, params, client);
      if (deleted.rowCount === 0) throw new NotFoundError(`Thread ${threadId} not found`);
      await this.run(items, params, client);
      await this.run(attachments, params, client);
    });
  }

  async loadThreadItems(
    threadId: string,
    after: string | null | undefined,
    limit: number,
    order: SortOrder,
    context: TContext,
  ): Promise<Page<ThreadItem>> {
    const owner = this.owner(context);
    const n = normalizeLimit(limit);
    const sql = this.queries.loadThreadItems[pageVariant(order, after)];
    const params = {
      thread_id: lookupId(threadId),
      ...owner,
      ...cursorParam(after),
      limit: n + 1,
    };
    const { rows } = await this.run<PageRow<ThreadItem>>(sql, params);
    // No rows after a cursor: the end of the list, an unknown cursor (NotFound), or a thread the
    // caller cannot see (an empty page, §11.2 case 14).
    if (rows.length === 0 && after) {
      const cursor = { thread_id: lookupId(threadId), id: lookupId(after), ...owner };
      const found = await this.run(this.queries.itemExists, cursor);
      if (found.rows.length === 0 && (await this.threadExists(threadId, owner))) {
        throw new NotFoundError(`Item ${after} not found`);
      }
    }
    return toPage(rows.map(decode), n, after);
  }

  async addThreadItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    const params = {
      ...storable(itemParams(lookupId(threadId), item, toJsonb)),
      ...this.owner(context),
    };
    let result: QueryResult;
    try {
      result = await this.run(this.queries.upsertItem, params);
    } catch (error) {
      // The thread was deleted between our read of it and the insert (see schema.ts).
      if (isForeignKeyViolation(error)) {
        throw new NotFoundError(`Thread ${threadId} not found`, { cause: error });
      }
      throw error;
    }
    if (result.rowCount === 0) throw new NotFoundError(`Thread ${threadId} not found`);
  }

  async saveItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    await this.addThreadItem(threadId, item, context);
  }

  async loadItem(threadId: string, itemId: string, context: TContext): Promise<ThreadItem> {
    const params = { thread_id: lookupId(threadId), id: lookupId(itemId), ...this.owner(context) };
    const { rows } = await this.run<DataRow<ThreadItem>>(this.queries.loadItem, params);
    if (!rows[0]) throw new NotFoundError(`Item ${itemId} not found in thread ${threadId}`);
    return fromJsonb(rows[0].data);
  }

  async deleteThreadItem(threadId: string, itemId: string, context: TContext): Promise<void> {
    const owner = this.owner(context);
    const params = { thread_id: lookupId(threadId), id: lookupId(itemId), ...owner };
    // Deleting an absent item is a no-op; deleting in a thread one cannot see is not.
    const result = await this.run(this.queries.deleteItem, params);
    if (result.rowCount === 0 && !(await this.threadExists(threadId, owner))) {
      throw new NotFoundError(`Thread ${threadId} not found`);
    }
  }

  async saveAttachment(attachment: Attachment, context: TContext): Promise<void> {
    const params = { ...storable(attachmentParams(attachment, toJsonb)), ...this.owner(context) };
    const result = await this.run(this.queries.saveAttachment, params);
    if (result.rowCount === 0) throw new NotFoundError(`Attachment ${attachment.id} not found`);
  }

  async loadAttachment(attachmentId: string, context: TContext): Promise<Attachment> {
    const params = { id: lookupId(attachmentId), ...this.owner(context) };
    const { rows } = await this.run<DataRow<Attachment>>(this.queries.loadAttachment, params);
    if (!rows[0]) throw new NotFoundError(`Attachment ${attachmentId} not found`);
    return fromJsonb(rows[0].data);
  }

  async deleteAttachment(attachmentId: string, context: TContext): Promise<void> {
    const params = { id: lookupId(attachmentId), ...this.owner(context) };
    const result = await this.run(this.queries.deleteAttachment, params);
    if (result.rowCount === 0) throw new NotFoundError(`Attachment ${attachmentId} not found`);
  }

  override async ping(): Promise<void> {
    await this.run('SELECT 1', {});
  }

  override async leaseThread(threadId: string, holder: string, ttlMs: number): Promise<boolean> {
    await this.ensureLeases();
    const now = Date.now();
    const { rows } = await this.run(acquireLeaseSql(this.tables), {
      thread_id: lookupId(threadId),
      holder,
      expires_ms: now + ttlMs,
      now_ms: now,
    });
    return rows.length > 0;
  }

  override async releaseThreadLease(threadId: string, holder: string): Promise<void> {
    await this.ensureLeases();
    await this.run(releaseLeaseSql(this.tables), { thread_id: lookupId(threadId), holder });
  }

  /** Creates the lease table once, under the migration lock (see stores/sql/leases.ts). */
  private ensureLeases(): Promise<void> {
    this.leases ??= this.migrate()
      .then(() =>
        this.transaction(async (client) => {
          await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
            `threadline:migrate:${this.tables.schema}`,
          ]);
          await client.query(leasesTableSql(this.tables));
        }),
      )
      .catch((error: unknown) => {
        this.leases = undefined;
        throw error;
      });
    return this.leases;
  }

  override async deleteUnsentAttachments(
    createdBeforeMs: number,
    limit: number,
  ): Promise<string[]> {
    const { rows } = await this.run<{ id: string }>(this.queries.deleteUnsentAttachments, {
      cutoff: Math.floor(createdBeforeMs),
      limit: Math.max(0, Math.floor(limit)),
    });
    return rows.map((row) => row.id);
  }

  override async saveFeedback(
    threadId: string,
    itemIds: string[],
    kind: FeedbackKind,
    context: TContext,
  ): Promise<FeedbackRecord> {
    const owner = this.owner(context); // validates what resolveOwner returned
    const record = newFeedbackRecord(threadId, itemIds, kind, {
      userId: owner.owner,
      tenantId: owner.tenant === '' ? null : owner.tenant,
    });
    await this.run(insertFeedbackSql(this.tables), storable(feedbackParams(record, toJsonb)));
    return record;
  }

  override async listFeedback(options: ListFeedbackOptions = {}): Promise<FeedbackRecord[]> {
    const { rows } = await this.run<FeedbackRow>(listFeedbackSql(this.tables), {
      since_ms: options.since?.getTime() ?? 0,
      limit: feedbackLimit(options),
    });
    return rows.map((row) => feedbackFromRow(row, fromJsonb));
  }
}

/** Binds `:after` only for the cursor variants. */
const cursorParam = (after: string | null | undefined): { after?: string } =>
  after ? { after: lookupId(after) } : {};

const decode = <T>(row: PageRow<T>): { id: string; value: T } => ({
  id: row.id,
  value: fromJsonb(row.data),
});

/**
 * The key columns of a row to write: ids and timestamps come from the server or the integration,
 * never from a request, so one PostgreSQL cannot store is a programming error.
 */
function storable<T extends Record<string, unknown>>(params: T): T {
  for (const column of ['id', 'thread_id', 'created_at', 'type']) {
    const value = params[column];
    if (typeof value === 'string' && isUnrepresentable(value)) {
      throw new Error(
        `Cannot store ${column} ${JSON.stringify(value)}: PostgreSQL text cannot hold U+0000 or lone surrogates`,
      );
    }
  }
  return params;
}
