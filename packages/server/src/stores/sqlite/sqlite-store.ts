import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
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
import { buildQueries, pageVariant, SQLITE_DIALECT, type StoreQueries } from '../sql/queries.js';
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
import { sqliteMigrations } from '../sql/schema.js';
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
import { tableNames, type TableNames } from '../sql/tables.js';
import { Store, type SortOrder } from '../store.js';

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

const BUSY_TIMEOUT_MS = 5_000;

interface DataRow {
  data: string;
}
interface PageRow {
  id: string;
  data: string;
}

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
 * A `Store` on SQLite through better-sqlite3: threads, items and attachment metadata as JSON
 * documents in three tables, owner-scoped, with keyset pagination over (created_at, insertion
 * order). The schema is created and migrated on first use (or by `migrate()`), under
 * `BEGIN IMMEDIATE` so several processes may start on one file at once.
 *
 * @example
 * ```ts
 * import { SqliteStore } from '@threadline/server/stores/sqlite';
 *
 * const store = new SqliteStore<{ userId: string }>({ path: './data/chat.db' });
 * await store.migrate(); // optional: the first call does it too
 * ```
 */
export class SqliteStore<TContext = unknown> extends Store<TContext> {
  private readonly db: Database.Database;
  private readonly ownsDatabase: boolean;
  private readonly tables: TableNames;
  private readonly queries: StoreQueries;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly resolveOwner: ResolveOwner<TContext>;
  private migrated = false;
  private leasesReady = false;
  private readonly deleteThreadTx: Database.Transaction<
    (threadId: string, owner: OwnerParams) => void
  >;

  constructor(options: SqliteStoreOptions<TContext> = {}) {
    super();
    this.tables = tableNames({ prefix: options.tablePrefix });
    this.queries = buildQueries(this.tables, SQLITE_DIALECT);
    this.resolveOwner = options.resolveOwner ?? defaultResolveOwner;
    if (options.database && options.path !== undefined) {
      throw new ConfigurationError('Pass either `path` or `database` to SqliteStore, not both');
    }
    this.ownsDatabase = options.database === undefined;
    this.db = options.database ?? openDatabase(options.path ?? ':memory:');
    // One transaction: no item or attachment of a deleted thread survives (docs/protocol.md §7.1).
    this.deleteThreadTx = this.db.transaction((threadId: string, owner: OwnerParams) => {
      const params = { id: threadId, ...owner };
      const { thread, items, attachments } = this.queries.deleteThread;
      if (this.statement(thread).run(params).changes === 0) {
        throw new NotFoundError(`Thread ${threadId} not found`);
      }
      this.statement(items).run(params);
      this.statement(attachments).run(params);
    });
  }

  /**
   * Creates or upgrades the tables. Runs automatically before the first operation; call it at
   * startup to fail fast. Safe when several processes do it at once (`BEGIN IMMEDIATE`).
   */
  async migrate(): Promise<void> {
    this.migrateNow();
  }

  /** Closes the connection if the store opened it (not a `database` passed in). */
  async close(): Promise<void> {
    this.statements.clear();
    if (this.ownsDatabase && this.db.open) this.db.close();
  }

  private migrateNow(): void {
    if (this.migrated) return;
    const t = this.tables;
    const run = this.db.transaction(() => {
      this.db.exec(createMigrationsTableSql(t));
      const applied = this.db.prepare(selectAppliedVersionsSql(t)).pluck().all() as number[];
      const record = this.db.prepare(recordMigrationSql(t));
      for (const migration of pendingMigrations(sqliteMigrations(t), applied)) {
        this.db.exec(migration.up);
        record.run(migrationRecord(migration));
      }
    });
    run.immediate();
    this.migrated = true;
  }

  /** The prepared statement for `sql`, prepared once per store (after migrating). */
  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      this.migrateNow();
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private owner(context: TContext): OwnerParams {
    return ownerParams(this.resolveOwner(context));
  }

  private threadExists(threadId: string, owner: OwnerParams): boolean {
    return this.statement(this.queries.threadExists).get({ id: threadId, ...owner }) !== undefined;
  }

  async loadThread(threadId: string, context: TContext): Promise<ThreadMetadata> {
    const row = this.statement(this.queries.loadThread).get({
      id: threadId,
      ...this.owner(context),
    }) as DataRow | undefined;
    if (!row) throw new NotFoundError(`Thread ${threadId} not found`);
    return JSON.parse(row.data) as ThreadMetadata;
  }

  async saveThread(thread: ThreadMetadata, context: TContext): Promise<void> {
    const params = { ...threadParams(thread), ...this.owner(context) };
    // No change means the id exists under another owner: refuse, and do not say so.
    if (this.statement(this.queries.saveThread).run(params).changes === 0) {
      throw new NotFoundError(`Thread ${thread.id} not found`);
    }
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
    const rows = this.statement(sql).all({
      ...owner,
      ...cursorParam(after),
      limit: n + 1,
    }) as PageRow[];
    if (rows.length === 0 && after && !this.threadExists(after, owner)) {
      throw new NotFoundError(`Thread ${after} not found`);
    }
    return toPage(rows.map(decode<ThreadMetadata>), n, after);
  }

  async deleteThread(threadId: string, context: TContext): Promise<void> {
    this.migrateNow();
    this.deleteThreadTx.immediate(threadId, this.owner(context));
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
    const rows = this.statement(sql).all({
      thread_id: threadId,
      ...owner,
      ...cursorParam(after),
      limit: n + 1,
    }) as PageRow[];
    // No rows after a cursor: the end of the list, an unknown cursor (NotFound), or a thread the
    // caller cannot see (an empty page, §11.2 case 14).
    if (rows.length === 0 && after) {
      const cursor = { thread_id: threadId, id: after, ...owner };
      if (
        !this.statement(this.queries.itemExists).get(cursor) &&
        this.threadExists(threadId, owner)
      ) {
        throw new NotFoundError(`Item ${after} not found`);
      }
    }
    return toPage(rows.map(decode<ThreadItem>), n, after);
  }

  async addThreadItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    const params = { ...itemParams(threadId, item), ...this.owner(context) };
    if (this.statement(this.queries.upsertItem).run(params).changes === 0) {
      throw new NotFoundError(`Thread ${threadId} not found`);
    }
  }

  async saveItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    await this.addThreadItem(threadId, item, context);
  }

  async loadItem(threadId: string, itemId: string, context: TContext): Promise<ThreadItem> {
    const params = { thread_id: threadId, id: itemId, ...this.owner(context) };
    const row = this.statement(this.queries.loadItem).get(params) as DataRow | undefined;
    if (!row) throw new NotFoundError(`Item ${itemId} not found in thread ${threadId}`);
    return JSON.parse(row.data) as ThreadItem;
  }

  async deleteThreadItem(threadId: string, itemId: string, context: TContext): Promise<void> {
    const owner = this.owner(context);
    const params = { thread_id: threadId, id: itemId, ...owner };
    // Deleting an absent item is a no-op; deleting in a thread one cannot see is not.
    if (
      this.statement(this.queries.deleteItem).run(params).changes === 0 &&
      !this.threadExists(threadId, owner)
    ) {
      throw new NotFoundError(`Thread ${threadId} not found`);
    }
  }

  async saveAttachment(attachment: Attachment, context: TContext): Promise<void> {
    const params = { ...attachmentParams(attachment), ...this.owner(context) };
    if (this.statement(this.queries.saveAttachment).run(params).changes === 0) {
      throw new NotFoundError(`Attachment ${attachment.id} not found`);
    }
  }

  async loadAttachment(attachmentId: string, context: TContext): Promise<Attachment> {
    const params = { id: attachmentId, ...this.owner(context) };
    const row = this.statement(this.queries.loadAttachment).get(params) as DataRow | undefined;
    if (!row) throw new NotFoundError(`Attachment ${attachmentId} not found`);
    return JSON.parse(row.data) as Attachment;
  }

  async deleteAttachment(attachmentId: string, context: TContext): Promise<void> {
    const params = { id: attachmentId, ...this.owner(context) };
    if (this.statement(this.queries.deleteAttachment).run(params).changes === 0) {
      throw new NotFoundError(`Attachment ${attachmentId} not found`);
    }
  }

  override async leaseThread(threadId: string, holder: string, ttlMs: number): Promise<boolean> {
    this.ensureLeases();
    const now = Date.now();
    const row = this.statement(acquireLeaseSql(this.tables)).get({
      thread_id: threadId,
      holder,
      expires_ms: now + ttlMs,
      now_ms: now,
    });
    return row !== undefined;
  }

  override async releaseThreadLease(threadId: string, holder: string): Promise<void> {
    this.ensureLeases();
    this.statement(releaseLeaseSql(this.tables)).run({ thread_id: threadId, holder });
  }

  private ensureLeases(): void {
    if (this.leasesReady) return;
    this.migrateNow();
    this.db.exec(leasesTableSql(this.tables));
    this.leasesReady = true;
  }

  override async deleteUnsentAttachments(
    createdBeforeMs: number,
    limit: number,
  ): Promise<string[]> {
    const rows = this.statement(this.queries.deleteUnsentAttachments).all({
      cutoff: Math.floor(createdBeforeMs),
      limit: Math.max(0, Math.floor(limit)),
    }) as { id: string }[];
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
    this.statement(insertFeedbackSql(this.tables)).run(feedbackParams(record));
    return record;
  }

  override async listFeedback(options: ListFeedbackOptions = {}): Promise<FeedbackRecord[]> {
    const rows = this.statement(listFeedbackSql(this.tables)).all({
      since_ms: options.since?.getTime() ?? 0,
      limit: feedbackLimit(options),
    }) as FeedbackRow[];
    return rows.map((row) => feedbackFromRow(row));
  }
}

/** Binds `:after` only for the cursor variants (better-sqlite3 rejects `undefined`). */
const cursorParam = (after: string | null | undefined): { after?: string } =>
  after ? { after } : {};

const decode = <T>(row: PageRow): { id: string; value: T } => ({
  id: row.id,
  value: JSON.parse(row.data) as T,
});
