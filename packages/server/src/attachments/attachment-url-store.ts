import type { Attachment } from '../protocol/attachments.js';
import type { ThreadItem } from '../protocol/items.js';
import type { Page } from '../protocol/page.js';
import { DelegatingStore } from '../stores/delegating-store.js';
import type { SortOrder, Store } from '../stores/store.js';

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
 * `ChatKitServer` puts it around its store itself (`AttachmentStore.wrapStore`).
 */
export class AttachmentUrlStore<TContext> extends DelegatingStore<TContext> {
  constructor(
    inner: Store<TContext>,
    readonly signer: AttachmentUrlSigner<TContext>,
  ) {
    super(inner);
  }

  private async freshItem(item: ThreadItem, context: TContext): Promise<ThreadItem> {
    if (item.type !== 'user_message' || item.attachments.length === 0) return item;
    const attachments = await Promise.all(
      item.attachments.map((a) => this.signer.withFreshPreviewUrl(a, context)),
    );
    return { ...item, attachments };
  }

  override async loadAttachment(attachmentId: string, context: TContext): Promise<Attachment> {
    const stored = await this.inner.loadAttachment(attachmentId, context);
    const current = await this.signer.finalizePresignedUpload(stored, context);
    return this.signer.withFreshPreviewUrl(current, context);
  }

  override async loadThreadItems(
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

  override async loadItem(
    threadId: string,
    itemId: string,
    context: TContext,
  ): Promise<ThreadItem> {
    return this.freshItem(await this.inner.loadItem(threadId, itemId, context), context);
  }
}
