import type { FeedbackKind } from '../protocol/requests.js';
import type { Owner } from './owner.js';

/** One `items.feedback` request as stored: who rated which items of which thread, and when. */
export interface FeedbackRecord {
  id: string;
  threadId: string;
  itemIds: string[];
  kind: FeedbackKind;
  userId: string;
  tenantId: string | null;
  /** ISO 8601, set by the store when it saves the record. */
  createdAt: string;
}

/** Filters of `Store.listFeedback`. */
export interface ListFeedbackOptions {
  /** Only feedback given at or after this time. */
  since?: Date;
  /** At most this many records (oldest first); defaults to 1000. */
  limit?: number;
}

export const DEFAULT_FEEDBACK_LIMIT = 1000;

/** A new record for `owner`, stamped now. */
export function newFeedbackRecord(
  threadId: string,
  itemIds: string[],
  kind: FeedbackKind,
  owner: Owner,
): FeedbackRecord {
  return {
    id: `fb_${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`,
    threadId,
    itemIds: [...itemIds],
    kind,
    userId: owner.userId,
    tenantId: owner.tenantId ?? null,
    createdAt: new Date().toISOString(),
  };
}

/** The effective limit: a positive integer, `DEFAULT_FEEDBACK_LIMIT` when unset. */
export const feedbackLimit = (options: ListFeedbackOptions): number =>
  Math.max(1, Math.floor(options.limit ?? DEFAULT_FEEDBACK_LIMIT));
