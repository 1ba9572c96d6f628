import { NotFoundError } from '../../errors.js';
import type { Attachment } from '../../protocol/attachments.js';
import type { ThreadItem } from '../../protocol/items.js';
import type { Page } from '../../protocol/page.js';
import type { ThreadMetadata } from '../../protocol/thread.js';
import { compareKeys, parseCreatedAt, type SortKey } from '../ordering.js';
import { defaultResolveOwner, ownerKey, type ResolveOwner } from '../owner.js';
import { Store, type SortOrder } from '../store.js';
import type { FeedbackKind } from '../../protocol/requests.js';
import {
  feedbackLimit,
  newFeedbackRecord,
  type FeedbackRecord,
  type ListFeedbackOptions,
} from '../feedback.js';

interface Row<T> extends SortKey {
  id: string;
  value: T;
}

interface ThreadEntry {
  row: Row<ThreadMetadata>;
  owner: string;
  items: Row<ThreadItem>[];
  itemsById: Map<string, Row<ThreadItem>>;
}

export interface MemoryStoreOptions<TContext> {
  /** Maps the context to its owner; defaults to `context.userId`/`user_id`. */
  resolveOwner?: ResolveOwner<TContext>;
}

/** Binary search for the insertion index of `key` in `rows` sorted ascending. */
function lowerBound<T>(rows: Row<T>[], key: SortKey): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(rows[mid]!, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Keyset page over a sorted array: start strictly after `cursor` in the chosen order. */
function pageOf<T>(
  rows: Row<T>[],
  cursor: Row<T> | undefined,
  limit: number,
  order: SortOrder,
): Page<T> {
  const data: T[] = [];
  if (order === 'asc') {
    let i = cursor ? lowerBound(rows, cursor) + 1 : 0;
    for (; i < rows.length && data.length < limit; i++) data.push(rows[i]!.value);
    const hasMore = i < rows.length;
    return { data, has_more: hasMore, ...(hasMore ? { after: rows[i - 1]!.id } : {}) };
  }
  let i = cursor ? lowerBound(rows, cursor) - 1 : rows.length - 1;
  for (; i >= 0 && data.length < limit; i--) data.push(rows[i]!.value);
  const hasMore = i >= 0;
  return { data, has_more: hasMore, ...(hasMore ? { after: rows[i + 1]!.id } : {}) };
}

/**
 * An in-memory `Store` for tests and prototypes. Same semantics as the SQL stores: owner-scoped,
 * keyset pagination over (created_at, insertion sequence), upserting `addThreadItem`.
 * Values are cloned on the way in and out so callers cannot mutate stored state.
 */
export class MemoryStore<TContext = unknown> extends Store<TContext> {
  private readonly threads = new Map<string, ThreadEntry>();
  private threadRows: Row<ThreadMetadata>[] = [];
  private readonly attachments = new Map<string, { owner: string; value: Attachment }>();
  private seq = 0;
  private readonly resolveOwner: ResolveOwner<TContext>;

  constructor(options: MemoryStoreOptions<TContext> = {}) {
    super();
    this.resolveOwner = options.resolveOwner ?? defaultResolveOwner;
  }

  private owner(context: TContext): string {
    return ownerKey(this.resolveOwner(context));
  }

  private entry(threadId: string, context: TContext): ThreadEntry {
    // Resolve the owner first: a context without one is a configuration error even for a missing thread.
    const owner = this.owner(context);
    const entry = this.threads.get(threadId);
    if (!entry || entry.owner !== owner) {
      throw new NotFoundError(`Thread ${threadId} not found`);
    }
    return entry;
  }

  async loadThread(threadId: string, context: TContext): Promise<ThreadMetadata> {
    return structuredClone(this.entry(threadId, context).row.value);
  }

  async saveThread(thread: ThreadMetadata, context: TContext): Promise<void> {
    const owner = this.owner(context);
    // Persist metadata fields only: the server may hand us a Thread with items.
    const { id, title, created_at, status, allowed_image_domains, metadata } = thread;
    const value = structuredClone({
      id,
      title,
      created_at,
      status,
      allowed_image_domains,
      metadata,
    });
    const existing = this.threads.get(id);
    if (existing) {
      if (existing.owner !== owner) throw new NotFoundError(`Thread ${id} not found`);
      existing.row.value = value;
      return;
    }
    const row: Row<ThreadMetadata> = {
      id,
      value,
      createdMs: parseCreatedAt(created_at),
      seq: ++this.seq,
    };
    this.threads.set(id, { row, owner, items: [], itemsById: new Map() });
    this.threadRows.splice(lowerBound(this.threadRows, row), 0, row);
  }

  async loadThreads(
    limit: number,
    after: string | null | undefined,
    order: SortOrder,
    context: TContext,
  ): Promise<Page<ThreadMetadata>> {
    const owner = this.owner(context);
    const rows = this.threadRows.filter((r) => this.threads.get(r.id)?.owner === owner);
    const cursor = after ? rows.find((r) => r.id === after) : undefined;
    if (after && !cursor) throw new NotFoundError(`Thread ${after} not found`);
    return structuredClone(pageOf(rows, cursor, limit, order));
  }

  async deleteThread(threadId: string, context: TContext): Promise<void> {
    const entry = this.entry(threadId, context);
    this.threads.delete(threadId);
    this.threadRows = this.threadRows.filter((r) => r !== entry.row);
    for (const [id, att] of this.attachments) {
      if (att.value.thread_id === threadId && att.owner === entry.owner)
        this.attachments.delete(id);
    }
  }

  async loadThreadItems(
    threadId: string,
    after: string | null | undefined,
    limit: number,
    order: SortOrder,
    context: TContext,
  ): Promise<Page<ThreadItem>> {
    const owner = this.owner(context);
    const entry = this.threads.get(threadId);
    // Another user's (or a missing) thread has no items for this caller (§11.2 case 14).
    if (!entry || entry.owner !== owner) return { data: [], has_more: false };
    const cursor = after ? entry.itemsById.get(after) : undefined;
    if (after && !cursor) throw new NotFoundError(`Item ${after} not found`);
    return structuredClone(pageOf(entry.items, cursor, limit, order));
  }

  async addThreadItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    const entry = this.entry(threadId, context);
    const existing = entry.itemsById.get(item.id);
    if (existing) {
      existing.value = structuredClone(item);
      return;
    }
    const row: Row<ThreadItem> = {
      id: item.id,
      value: structuredClone(item),
      createdMs: parseCreatedAt(item.created_at),
      seq: ++this.seq,
    };
    entry.itemsById.set(item.id, row);
    entry.items.splice(lowerBound(entry.items, row), 0, row);
  }

  async saveItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    await this.addThreadItem(threadId, item, context);
  }

  async loadItem(threadId: string, itemId: string, context: TContext): Promise<ThreadItem> {
    const row = this.entry(threadId, context).itemsById.get(itemId);
    if (!row) throw new NotFoundError(`Item ${itemId} not found in thread ${threadId}`);
    return structuredClone(row.value);
  }

  async deleteThreadItem(threadId: string, itemId: string, context: TContext): Promise<void> {
    const entry = this.entry(threadId, context);
    const row = entry.itemsById.get(itemId);
    if (!row) return;
    entry.itemsById.delete(itemId);
    entry.items.splice(entry.items.indexOf(row), 1);
  }

  async saveAttachment(attachment: Attachment, context: TContext): Promise<void> {
    const owner = this.owner(context);
    const existing = this.attachments.get(attachment.id);
    if (existing && existing.owner !== owner) {
      throw new NotFoundError(`Attachment ${attachment.id} not found`);
    }
    this.attachments.set(attachment.id, { owner, value: structuredClone(attachment) });
  }

  async loadAttachment(attachmentId: string, context: TContext): Promise<Attachment> {
    const entry = this.attachments.get(attachmentId);
    if (!entry || entry.owner !== this.owner(context)) {
      throw new NotFoundError(`Attachment ${attachmentId} not found`);
    }
    return structuredClone(entry.value);
  }

  async deleteAttachment(attachmentId: string, context: TContext): Promise<void> {
    const entry = this.attachments.get(attachmentId);
    if (!entry || entry.owner !== this.owner(context)) {
      throw new NotFoundError(`Attachment ${attachmentId} not found`);
    }
    this.attachments.delete(attachmentId);
  }

  private readonly leases = new Map<string, { holder: string; expiresMs: number }>();

  override async leaseThread(threadId: string, holder: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    const lease = this.leases.get(threadId);
    if (lease && lease.holder !== holder && lease.expiresMs >= now) return false;
    this.leases.set(threadId, { holder, expiresMs: now + ttlMs });
    return true;
  }

  override async releaseThreadLease(threadId: string, holder: string): Promise<void> {
    if (this.leases.get(threadId)?.holder === holder) this.leases.delete(threadId);
  }

  private readonly feedback: FeedbackRecord[] = [];

  override async saveFeedback(
    threadId: string,
    itemIds: string[],
    kind: FeedbackKind,
    context: TContext,
  ): Promise<FeedbackRecord> {
    this.owner(context); // fails like the SQL stores when there is no owner
    const record = newFeedbackRecord(threadId, itemIds, kind, this.resolveOwner(context));
    this.feedback.push(record);
    return structuredClone(record);
  }

  override async listFeedback(options: ListFeedbackOptions = {}): Promise<FeedbackRecord[]> {
    const since = options.since?.getTime() ?? 0;
    return this.feedback
      .filter((record) => parseCreatedAt(record.createdAt) >= since)
      .slice(0, feedbackLimit(options))
      .map((record) => structuredClone(record));
  }
}
