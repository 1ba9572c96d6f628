import type { Attachment } from '../protocol/attachments.js';
import type { ThreadItem } from '../protocol/items.js';
import type { Page } from '../protocol/page.js';
import type { ThreadMetadata } from '../protocol/thread.js';
import type { StoreItemType } from './ids.js';
import { Store, type SortOrder } from './store.js';

/** The names of `Store`'s optional methods (`leaseThread`, `ping`, …). */
type OptionalStoreMethod = {
  [K in keyof Store]-?: undefined extends Store[K] ? K : never;
}[keyof Store];

/**
 * Every optional method, checked by the compiler in both directions: adding one to `Store`
 * without listing it here does not compile, so no wrapper can silently drop it.
 */
const OPTIONAL_METHODS = {
  deleteUnsentAttachments: true,
  leaseThread: true,
  releaseThreadLease: true,
  ping: true,
  saveFeedback: true,
  listFeedback: true,
} as const satisfies Record<OptionalStoreMethod, true>;

/**
 * A `Store` that hands every call to `inner`: extend it and override only what the wrapper
 * changes. The required methods are forwarded here (this class is not abstract, so the compiler
 * rejects it if one is missing); the optional ones (the turn lease, `ping`, the upload sweep,
 * feedback) are present exactly when `inner` has them, since callers test for their presence
 * (a wrapper without `leaseThread` would turn off cross-process turn serialization,
 * docs/crash-safety.md). A subclass that defines an optional method keeps its own.
 *
 * @example
 * ```ts
 * import { DelegatingStore, type ThreadMetadata } from '@threadline/server';
 *
 * class TitledStore<TContext> extends DelegatingStore<TContext> {
 *   override saveThread(thread: ThreadMetadata, context: TContext): Promise<void> {
 *     return this.inner.saveThread({ ...thread, title: thread.title ?? 'New chat' }, context);
 *   }
 * }
 * ```
 */
export class DelegatingStore<TContext = unknown> extends Store<TContext> {
  constructor(readonly inner: Store<TContext>) {
    super();
    const target = this as Partial<Record<OptionalStoreMethod, unknown>>;
    for (const name of Object.keys(OPTIONAL_METHODS) as OptionalStoreMethod[]) {
      if (name in this) continue; // the subclass implements it
      if (inner[name]) target[name] = inner[name].bind(inner);
    }
  }

  override generateThreadId(context: TContext): string {
    return this.inner.generateThreadId(context);
  }

  override generateItemId(
    itemType: StoreItemType,
    thread: ThreadMetadata,
    context: TContext,
  ): string {
    return this.inner.generateItemId(itemType, thread, context);
  }

  loadThread(threadId: string, context: TContext): Promise<ThreadMetadata> {
    return this.inner.loadThread(threadId, context);
  }

  saveThread(thread: ThreadMetadata, context: TContext): Promise<void> {
    return this.inner.saveThread(thread, context);
  }

  loadThreadItems(
    threadId: string,
    after: string | null | undefined,
    limit: number,
    order: SortOrder,
    context: TContext,
  ): Promise<Page<ThreadItem>> {
    return this.inner.loadThreadItems(threadId, after, limit, order, context);
  }

  saveAttachment(attachment: Attachment, context: TContext): Promise<void> {
    return this.inner.saveAttachment(attachment, context);
  }

  loadAttachment(attachmentId: string, context: TContext): Promise<Attachment> {
    return this.inner.loadAttachment(attachmentId, context);
  }

  deleteAttachment(attachmentId: string, context: TContext): Promise<void> {
    return this.inner.deleteAttachment(attachmentId, context);
  }

  loadThreads(
    limit: number,
    after: string | null | undefined,
    order: SortOrder,
    context: TContext,
  ): Promise<Page<ThreadMetadata>> {
    return this.inner.loadThreads(limit, after, order, context);
  }

  addThreadItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    return this.inner.addThreadItem(threadId, item, context);
  }

  saveItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    return this.inner.saveItem(threadId, item, context);
  }

  loadItem(threadId: string, itemId: string, context: TContext): Promise<ThreadItem> {
    return this.inner.loadItem(threadId, itemId, context);
  }

  deleteThread(threadId: string, context: TContext): Promise<void> {
    return this.inner.deleteThread(threadId, context);
  }

  deleteThreadItem(threadId: string, itemId: string, context: TContext): Promise<void> {
    return this.inner.deleteThreadItem(threadId, itemId, context);
  }
}

/** Whether `store`, or a store it wraps through `DelegatingStore`s, satisfies `test`. */
export function wrapsStore<TContext>(
  store: Store<TContext>,
  test: (layer: Store<TContext>) => boolean,
): boolean {
  for (let layer: Store<TContext> | undefined = store; layer;) {
    if (test(layer)) return true;
    layer = layer instanceof DelegatingStore ? layer.inner : undefined;
  }
  return false;
}
