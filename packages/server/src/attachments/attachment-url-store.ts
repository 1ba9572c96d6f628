import type { Attachment } from '../protocol/attachments.js';
import type { ThreadItem } from '../protocol/items.js';
import type { Page } from '../protocol/page.js';
import type { ThreadMetadata } from '../protocol/thread.js';
import type { StoreItemType } from '../stores/ids.js';
import { delegateOptionalMethods } from '../stores/delegate-optional.js';
import { Store, type SortOrder } from '../stores/store.js';

/** The part of `BlobAttachmentStore` this wrapper needs. */
export interface AttachmentUrlSigner<TContext> {
  withFreshPreviewUrl<T extends Attachment>(attachment: T, context: TContext): Promise<T>;
  finalizePresignedUpload(attachment: Attachment, context: TContext): Promise<Attachment>;
}

/**
 * A `Store` that delegates everything to another store, but hands out attachments (on their own
 * and inside user messages) with freshly signed preview URLs, the "short-lived signed URL
 * generated at load time" of docs/protocol.md §4.6. Stored URLs may have expired; loaded ones have not.
 * With presigned uploads it also finalizes an uploaded attachment the first time it is loaded.
 */
export class AttachmentUrlStore<TContext> extends Store<TContext> {
  constructor(
    private readonly inner: Store<TContext>,
    private readonly signer: AttachmentUrlSigner<TContext>,
  ) {
    super();
    delegateOptionalMethods(this, inner);
  }

  private async freshItem(item: ThreadItem, context: TContext): Promise<ThreadItem> {
    if (item.type !== 'user_message' || item.attachments.length === 0) return item;
    const attachments = await Promise.all(
      item.attachments.map((a) => this.signer.withFreshPreviewUrl(a, context)),
    );
    return { ...item, attachments };
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

  async loadAttachment(attachmentId: string, context: TContext): Promise<Attachment> {
    const stored = await this.inner.loadAttachment(attachmentId, context);
    const current = await this.signer.finalizePresignedUpload(stored, context);
    return this.signer.withFreshPreviewUrl(current, context);
  }

  async loadThreadItems(
    threadId: string,
    after: string | null | undefined,
    limit: number,
    order: SortOrder,
    context: TContext,
  ): Promise<Page<ThreadItem>> {
    const page = await this.inner.loadThreadItems(threadId, after, limit, order, context);
    const data = await Promise.all(page.data.map((item) => this.freshItem(item, context)));
    return { ...page, data };
  }

  async loadItem(threadId: string, itemId: string, context: TContext): Promise<ThreadItem> {
    return this.freshItem(await this.inner.loadItem(threadId, itemId, context), context);
  }

  loadThread(threadId: string, context: TContext): Promise<ThreadMetadata> {
    return this.inner.loadThread(threadId, context);
  }

  saveThread(thread: ThreadMetadata, context: TContext): Promise<void> {
    return this.inner.saveThread(thread, context);
  }

  saveAttachment(attachment: Attachment, context: TContext): Promise<void> {
    return this.inner.saveAttachment(attachment, context);
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

  deleteThread(threadId: string, context: TContext): Promise<void> {
    return this.inner.deleteThread(threadId, context);
  }

  deleteThreadItem(threadId: string, itemId: string, context: TContext): Promise<void> {
    return this.inner.deleteThreadItem(threadId, itemId, context);
  }
}
