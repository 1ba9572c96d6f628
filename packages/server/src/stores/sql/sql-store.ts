import { NotFoundError, StoreUnavailableError } from '../../errors.js';
import type { Attachment } from '../../protocol/attachments.js';
import type { ThreadItem } from '../../protocol/items.js';
import type { Page } from '../../protocol/page.js';
import type { FeedbackKind } from '../../protocol/requests.js';
import type { ThreadMetadata } from '../../protocol/thread.js';
import {
  feedbackLimit,
  newFeedbackRecord,
  type FeedbackRecord,
  type ListFeedbackOptions,
} from '../feedback.js';
import { defaultResolveOwner, type ResolveOwner } from '../owner.js';
import { Store, type SortOrder } from '../store.js';
import type { SqlDialect, SqlExecutor, SqlResult } from './dialect.js';
import { feedbackFromRow, feedbackParams, insertFeedbackSql, listFeedbackSql } from './feedback.js';
import type { FeedbackRow } from './feedback.js';
import { acquireLeaseSql, leasesTableSql, releaseLeaseSql } from './leases.js';
import {
  migrationRecord,
  pendingMigrations,
  recordMigrationSql,
  selectAppliedVersionsSql,
} from './migrate.js';
import { buildQueries, pageVariant, type StoreQueries } from './queries.js';
import {
  attachmentParams,
  itemParams,
  normalizeLimit,
  ownerParams,
  threadParams,
  toPage,
  type OwnerParams,
} from './rows.js';
import type { TableNames } from './tables.js';
import { NO_SUCH_ID } from './unicode.js';

interface DataRow {
  data: unknown;
}
interface PageRow {
  id: string;
  data: unknown;
}

/**
 * The `Store` on a SQL database, written once for every dialect: threads, items and attachment
 * metadata as JSON documents, owner-scoped, with keyset pagination over (created_at, insertion
 * order). The schema is created and migrated on first use (or by `migrate()`) under the dialect's
 * cross-process lock. `SqliteStore` and `PostgresStore` are this class with their dialect.
 */
export class SqlStore<TContext = unknown> extends Store<TContext> {
  protected readonly dialect: SqlDialect;
  private readonly tables: TableNames;
  private readonly queries: StoreQueries;
  private readonly resolveOwner: ResolveOwner<TContext>;
  private migration: Promise<void> | undefined;
  private migrated = false;
  private leases: Promise<void> | undefined;

  constructor(
    dialect: SqlDialect,
    options: { tables: TableNames; resolveOwner?: ResolveOwner<TContext> | undefined },
  ) {
    super();
    this.dialect = dialect;
    this.tables = options.tables;
    this.queries = buildQueries(this.tables, dialect);
    this.resolveOwner = options.resolveOwner ?? defaultResolveOwner;
  }

  /**
   * Creates or upgrades the tables. Runs automatically before the first operation; call it at
   * startup to fail fast. Safe when several processes do it at once (the dialect's migration lock).
   */
  migrate(): Promise<void> {
    this.migration ??= this.guard(this.runMigrations()).then(
      () => {
        this.migrated = true;
      },
      (error: unknown) => {
        this.migration = undefined; // let the next call retry
        throw error;
      },
    );
    return this.migration;
  }

  /** Closes the connection or pool if the store opened it (not one passed in). */
  close(): Promise<void> {
    return this.dialect.close();
  }

  private async runMigrations(): Promise<void> {
    const t = this.tables;
    await this.dialect.migrationTransaction(t, async (tx) => {
      await this.dialect.prepareMigrationsTable(tx, t);
      const applied = await tx.query<{ version: number }>(selectAppliedVersionsSql(t));
      const versions = applied.rows.map((row) => row.version);
      for (const migration of pendingMigrations(this.dialect.migrations(t), versions)) {
        await tx.exec(migration.up);
        await tx.query(recordMigrationSql(t), migrationRecord(migration));
      }
    });
  }

  /** Creates the lease table once, under the migration lock (see stores/sql/leases.ts). */
  private ensureLeases(): Promise<void> {
    this.leases ??= this.migrate()
      .then(() =>
        this.guard(
          this.dialect.migrationTransaction(this.tables, (tx) =>
            tx.exec(leasesTableSql(this.tables)),
          ),
        ),
      )
      .catch((error: unknown) => {
        this.leases = undefined;
        throw error;
      });
    return this.leases;
  }

  /** Runs one shared query (after migrating), on `tx` when given. */
  private async run<R>(
    sql: string,
    params: Record<string, unknown>,
    tx: SqlExecutor = this.dialect,
  ): Promise<SqlResult<R>> {
    if (!this.migrated) await this.migrate();
    return this.guard(tx.query<R>(sql, params));
  }

  /** Rethrows an outage as `StoreUnavailableError` (503 with Retry-After); other errors unchanged. */
  private async guard<T>(operation: Promise<T>): Promise<T> {
    try {
      return await operation;
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      if (this.dialect.classify(error) !== 'unavailable') throw error;
      throw new StoreUnavailableError('The database is unavailable; retry shortly', 5, {
        cause: error,
      });
    }
  }

  private owner(context: TContext): OwnerParams {
    return ownerParams(this.resolveOwner(context));
  }

  /** The id to look up: itself, or an id no row has when the database cannot hold it. */
  private key(id: string): string {
    return this.dialect.canStore(id) ? id : NO_SUCH_ID;
  }

  private readonly encode = (document: unknown): string => this.dialect.encodeJson(document);

  private decode<T>(row: DataRow): T {
    return this.dialect.decodeJson<T>(row.data);
  }

  private readonly decodePageRow = <T>(row: PageRow): { id: string; value: T } => ({
    id: row.id,
    value: this.dialect.decodeJson<T>(row.data),
  });

  /** Binds `:after` only for the cursor variants (drivers reject `undefined`). */
  private cursor(after: string | null | undefined): { after?: string } {
    return after ? { after: this.key(after) } : {};
  }

  /**
   * The key columns of a row to write: ids and timestamps come from the server or the integration,
   * never from a request, so one the database cannot store is a programming error.
   */
  private storable<T extends Record<string, unknown>>(params: T): T {
    for (const column of ['id', 'thread_id', 'created_at', 'type']) {
      const value = params[column];
      if (typeof value === 'string' && !this.dialect.canStore(value)) {
        throw new Error(
          `Cannot store ${column} ${JSON.stringify(value)}: the database text cannot hold U+0000 or lone surrogates`,
        );
      }
    }
    return params;
  }

  private async threadExists(threadId: string, owner: OwnerParams): Promise<boolean> {
    const found = await this.run(this.queries.threadExists, { id: this.key(threadId), ...owner });
    return found.rows.length > 0;
  }

  async loadThread(threadId: string, context: TContext): Promise<ThreadMetadata> {
    const params = { id: this.key(threadId), ...this.owner(context) };
    const { rows } = await this.run<DataRow>(this.queries.loadThread, params);
    if (!rows[0]) throw new NotFoundError(`Thread ${threadId} not found`);
    return this.decode(rows[0]);
  }

  async saveThread(thread: ThreadMetadata, context: TContext): Promise<void> {
    const encoded = threadParams(thread, this.encode);
    const params = { ...this.storable(encoded), ...this.owner(context) };
    // No change means the id exists under another owner: refuse, and do not say so.
    const result = await this.run(this.queries.saveThread, params);
    if (result.changes === 0) throw new NotFoundError(`Thread ${thread.id} not found`);
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
    const params = { ...owner, ...this.cursor(after), limit: n + 1 };
    const { rows } = await this.run<PageRow>(sql, params);
    if (rows.length === 0 && after && !(await this.threadExists(after, owner))) {
      throw new NotFoundError(`Thread ${after} not found`);
    }
    return toPage(
      rows.map((row) => this.decodePageRow<ThreadMetadata>(row)),
      n,
      after,
    );
  }

  async deleteThread(threadId: string, context: TContext): Promise<void> {
    const params = { id: this.key(threadId), ...this.owner(context) };
    await this.migrate();
    // One transaction: no item or attachment of a deleted thread survives (docs/protocol.md §7.1).
    // Deleting the thread row first locks it, so a concurrent addThreadItem waits, then fails.
    await this.guard(
      this.dialect.transaction(async (tx) => {
        const { thread, items, attachments } = this.queries.deleteThread;
        const deleted = await this.run(thread, params, tx);
        if (deleted.changes === 0) throw new NotFoundError(`Thread ${threadId} not found`);
        await this.run(items, params, tx);
        await this.run(attachments, params, tx);
      }),
    );
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
    const threadKey = this.key(threadId);
    const params = { thread_id: threadKey, ...owner, ...this.cursor(after), limit: n + 1 };
    const { rows } = await this.run<PageRow>(sql, params);
    // No rows after a cursor: the end of the list, an unknown cursor (NotFound), or a thread the
    // caller cannot see (an empty page, §11.2 case 14).
    if (rows.length === 0 && after) {
      const cursor = { thread_id: threadKey, id: this.key(after), ...owner };
      const found = await this.run(this.queries.itemExists, cursor);
      if (found.rows.length === 0 && (await this.threadExists(threadId, owner))) {
        throw new NotFoundError(`Item ${after} not found`);
      }
    }
    return toPage(
      rows.map((row) => this.decodePageRow<ThreadItem>(row)),
      n,
      after,
    );
  }

  async addThreadItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    const encoded = itemParams(this.key(threadId), item, this.encode);
    const params = { ...this.storable(encoded), ...this.owner(context) };
    let result: SqlResult<unknown>;
    try {
      result = await this.run(this.queries.upsertItem, params);
    } catch (error) {
      // The thread was deleted between our read of it and the insert (see schema.ts).
      if (this.dialect.classify(error) === 'missing-parent') {
        throw new NotFoundError(`Thread ${threadId} not found`, { cause: error });
      }
      throw error;
    }
    if (result.changes === 0) throw new NotFoundError(`Thread ${threadId} not found`);
  }

  async saveItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    await this.addThreadItem(threadId, item, context);
  }

  async loadItem(threadId: string, itemId: string, context: TContext): Promise<ThreadItem> {
    const params = { thread_id: this.key(threadId), id: this.key(itemId), ...this.owner(context) };
    const { rows } = await this.run<DataRow>(this.queries.loadItem, params);
    if (!rows[0]) throw new NotFoundError(`Item ${itemId} not found in thread ${threadId}`);
    return this.decode(rows[0]);
  }

  async deleteThreadItem(threadId: string, itemId: string, context: TContext): Promise<void> {
    const owner = this.owner(context);
    const params = { thread_id: this.key(threadId), id: this.key(itemId), ...owner };
    // Deleting an absent item is a no-op; deleting in a thread one cannot see is not.
    const result = await this.run(this.queries.deleteItem, params);
    if (result.changes === 0 && !(await this.threadExists(threadId, owner))) {
      throw new NotFoundError(`Thread ${threadId} not found`);
    }
  }

  async saveAttachment(attachment: Attachment, context: TContext): Promise<void> {
    const encoded = attachmentParams(attachment, this.encode);
    const params = { ...this.storable(encoded), ...this.owner(context) };
    const result = await this.run(this.queries.saveAttachment, params);
    if (result.changes === 0) throw new NotFoundError(`Attachment ${attachment.id} not found`);
  }

  async loadAttachment(attachmentId: string, context: TContext): Promise<Attachment> {
    const params = { id: this.key(attachmentId), ...this.owner(context) };
    const { rows } = await this.run<DataRow>(this.queries.loadAttachment, params);
    if (!rows[0]) throw new NotFoundError(`Attachment ${attachmentId} not found`);
    return this.decode(rows[0]);
  }

  async deleteAttachment(attachmentId: string, context: TContext): Promise<void> {
    const params = { id: this.key(attachmentId), ...this.owner(context) };
    const result = await this.run(this.queries.deleteAttachment, params);
    if (result.changes === 0) throw new NotFoundError(`Attachment ${attachmentId} not found`);
  }

  override async ping(): Promise<void> {
    await this.run('SELECT 1', {});
  }

  override async leaseThread(threadId: string, holder: string, ttlMs: number): Promise<boolean> {
    await this.ensureLeases();
    const now = Date.now();
    const { rows } = await this.run(acquireLeaseSql(this.tables), {
      thread_id: this.key(threadId),
      holder,
      expires_ms: now + ttlMs,
      now_ms: now,
    });
    return rows.length > 0;
  }

  override async releaseThreadLease(threadId: string, holder: string): Promise<void> {
    await this.ensureLeases();
    await this.run(releaseLeaseSql(this.tables), { thread_id: this.key(threadId), holder });
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
    const params = this.storable(feedbackParams(record, this.encode));
    await this.run(insertFeedbackSql(this.tables), params);
    return record;
  }

  override async listFeedback(options: ListFeedbackOptions = {}): Promise<FeedbackRecord[]> {
    const { rows } = await this.run<FeedbackRow>(listFeedbackSql(this.tables), {
      since_ms: options.since?.getTime() ?? 0,
      limit: feedbackLimit(options),
    });
    return rows.map((row) => feedbackFromRow(row, (ids) => this.dialect.decodeJson(ids)));
  }
}
