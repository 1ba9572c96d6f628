import type { Attachment, AttachmentCreateParams } from '../protocol/attachments.js';
import type { ThreadItem } from '../protocol/items.js';
import type { Page } from '../protocol/page.js';
import type { ThreadMetadata } from '../protocol/thread.js';
import { NotImplementedError } from '../errors.js';
import type { FeedbackKind } from '../protocol/requests.js';
import type { FeedbackRecord, ListFeedbackOptions } from './feedback.js';
import { defaultGenerateId, type StoreItemType } from './ids.js';

export type SortOrder = 'asc' | 'desc';

/**
 * Persistence for threads, items and attachment metadata (chatkit-python `Store`, camelCased,
 * context last). Every method is scoped by `context`: another user's thread, item or attachment
 * must raise `NotFoundError`, exactly as a missing one does.
 *
 * Contract (docs/protocol.md §7):
 * - `loadThreadItems`/`loadThreads` order by creation, ties broken by insertion order; `after` is an
 *   exclusive cursor (an id); `has_more` is computed by fetching one extra; `after` is set only when
 *   `has_more`.
 * - `addThreadItem` is idempotent (an upsert): the reference calls it twice for a continued workflow.
 * - `saveItem`, `saveThread` and `saveAttachment` are upserts.
 * - `deleteThreadItem` of an absent item is not an error.
 */
export abstract class Store<TContext = unknown> {
  generateThreadId(_context: TContext): string {
    return defaultGenerateId('thread');
  }

  generateItemId(itemType: StoreItemType, _thread: ThreadMetadata, _context: TContext): string {
    return defaultGenerateId(itemType);
  }

  abstract loadThread(threadId: string, context: TContext): Promise<ThreadMetadata>;
  abstract saveThread(thread: ThreadMetadata, context: TContext): Promise<void>;
  abstract loadThreadItems(
    threadId: string,
    after: string | null | undefined,
    limit: number,
    order: SortOrder,
    context: TContext,
  ): Promise<Page<ThreadItem>>;
  abstract saveAttachment(attachment: Attachment, context: TContext): Promise<void>;
  abstract loadAttachment(attachmentId: string, context: TContext): Promise<Attachment>;
  abstract deleteAttachment(attachmentId: string, context: TContext): Promise<void>;
  abstract loadThreads(
    limit: number,
    after: string | null | undefined,
    order: SortOrder,
    context: TContext,
  ): Promise<Page<ThreadMetadata>>;
  abstract addThreadItem(threadId: string, item: ThreadItem, context: TContext): Promise<void>;
  abstract saveItem(threadId: string, item: ThreadItem, context: TContext): Promise<void>;
  abstract loadItem(threadId: string, itemId: string, context: TContext): Promise<ThreadItem>;
  abstract deleteThread(threadId: string, context: TContext): Promise<void>;
  abstract deleteThreadItem(threadId: string, itemId: string, context: TContext): Promise<void>;

  /**
   * Optional maintenance, for every owner: deletes up to `limit` attachment records that no message
   * references (`thread_id` unset) and were created before `createdBeforeMs` (epoch ms), returning
   * their ids so the attachment store can delete their bytes. Abandoned and refused uploads.
   */
  deleteUnsentAttachments?(createdBeforeMs: number, limit: number): Promise<string[]>;

  /**
   * Optional, for serializing turns (docs/crash-safety.md): takes the thread's lease for `holder`
   * until `ttlMs` from now when it is free, expired, or already held by `holder` (a renewal).
   * Returns false when another holder has it. Shared by every process using the same database.
   */
  leaseThread?(threadId: string, holder: string, ttlMs: number): Promise<boolean>;
  /**
   * Optional: a cheap round trip that throws `StoreUnavailableError` when the database is down or
   * stalled, so `threads.create` can answer 503 before its (lazy) stream starts.
   */
  ping?(): Promise<void>;
  /** Gives the lease back if `holder` still has it. */
  releaseThreadLease?(threadId: string, holder: string): Promise<void>;

  /**
   * Optional: records one `items.feedback` request for the context's owner (the caller has
   * checked the thread is theirs). When present, `ChatKitServer.addFeedback` calls it by default.
   */
  saveFeedback?(
    threadId: string,
    itemIds: string[],
    kind: FeedbackKind,
    context: TContext,
  ): Promise<FeedbackRecord>;
  /** Optional, for every owner (exports, dashboards): stored feedback, oldest first. */
  listFeedback?(options?: ListFeedbackOptions): Promise<FeedbackRecord[]>;
}

/**
 * Attachment bytes (chatkit-python `AttachmentStore`). The server saves the metadata that
 * `createAttachment` returns; implementations must not.
 */
export abstract class AttachmentStore<TContext = unknown> {
  /** When set, a user message may reference at most this many attachments (400 otherwise). */
  readonly maxAttachmentsPerMessage?: number | undefined;

  /** Delete the stored bytes; the server then deletes the metadata from the `Store`. */
  abstract deleteAttachment(attachmentId: string, context: TContext): Promise<void>;

  /** Build a file or image attachment with an `upload_descriptor` (two-phase upload, phase 1). */
  async createAttachment(_params: AttachmentCreateParams, _context: TContext): Promise<Attachment> {
    throw new NotImplementedError(
      'This AttachmentStore must override createAttachment() to support two-phase file upload',
    );
  }

  /**
   * Optional: delete the bytes of every attachment of a thread, called by `threads.delete` before
   * the store deletes the thread (bytes of sent attachments live as long as their thread).
   */
  deleteThreadAttachments?(threadId: string, context: TContext): Promise<void>;

  /**
   * Optional: whether the bytes of a (two-phase) attachment have arrived. When implemented, a
   * message referencing an attachment that is not uploaded (never sent, or refused with 413/415)
   * is rejected with a 400 naming it, before anything is written.
   */
  isUploaded?(attachment: Attachment, context: TContext): boolean | Promise<boolean>;

  /**
   * Optional: the `Store` to use with this attachment store, given the one the server was handed
   * (`BlobAttachmentStore` returns one that signs fresh preview URLs on load). `ChatKitServer`
   * applies it, so the wiring cannot be forgotten; it must return `store` unchanged when `store`
   * already includes its wrapper.
   */
  wrapStore?(store: Store<TContext>): Store<TContext>;

  generateAttachmentId(_mimeType: string, _context: TContext): string {
    return defaultGenerateId('attachment');
  }
}
