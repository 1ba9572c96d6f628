import { ConfigurationError } from '../../errors.js';
import type { Attachment } from '../../protocol/attachments.js';
import type { ThreadItem } from '../../protocol/items.js';
import type { Page } from '../../protocol/page.js';
import type { ThreadMetadata } from '../../protocol/thread.js';
import { parseCreatedAt } from '../ordering.js';
import type { Owner } from '../owner.js';

/** Owner columns of every row; `tenant` is '' when the owner has none. */
export interface OwnerParams {
  owner: string;
  tenant: string;
}

/** Column values for an owner, checking what a custom `resolveOwner` returned. */
export function ownerParams(owner: Owner): OwnerParams {
  if (typeof owner.userId !== 'string' || owner.userId === '') {
    throw new ConfigurationError(
      'resolveOwner returned no userId: every stored row needs an owner',
    );
  }
  return { owner: owner.userId, tenant: owner.tenantId ?? '' };
}

/** Parameters of `saveThread`: metadata fields only (the server may pass a `Thread` with items). */
export function threadParams(
  thread: ThreadMetadata,
  encode: (document: unknown) => string = JSON.stringify,
): {
  id: string;
  created_at: string;
  created_ms: number;
  data: string;
} {
  const { id, title, created_at, status, allowed_image_domains, metadata } = thread;
  return {
    id,
    created_at,
    created_ms: parseCreatedAt(created_at),
    data: encode({ id, title, created_at, status, allowed_image_domains, metadata }),
  };
}

/** Parameters of `addThreadItem`/`saveItem`. */
export function itemParams(
  threadId: string,
  item: ThreadItem,
  encode: (document: unknown) => string = JSON.stringify,
): {
  thread_id: string;
  id: string;
  created_at: string;
  created_ms: number;
  type: string;
  data: string;
} {
  return {
    thread_id: threadId,
    id: item.id,
    created_at: item.created_at,
    created_ms: parseCreatedAt(item.created_at),
    type: item.type,
    data: encode(item),
  };
}

/** Parameters of `saveAttachment`; `created_ms` is only written on first insert. */
export function attachmentParams(
  attachment: Attachment,
  encode: (document: unknown) => string = JSON.stringify,
): {
  id: string;
  thread_id: string | null;
  created_ms: number;
  data: string;
} {
  return {
    id: attachment.id,
    thread_id: attachment.thread_id ?? null,
    created_ms: Date.now(),
    data: encode(attachment),
  };
}

/** Largest page a store will fetch; bigger limits are clamped. */
const MAX_LIMIT = 1_000_000;

/** A page size as an integer in [0, MAX_LIMIT]; NaN and negatives become 0. */
export function normalizeLimit(limit: number): number {
  if (!(limit > 0)) return 0;
  return Math.min(Math.floor(limit), MAX_LIMIT);
}

/**
 * Turns `limit + 1` fetched rows into a page: `has_more` when the extra row came back, and then
 * `after` = id of the last returned element (docs/protocol.md §7.2). With `limit` 0 there is no last
 * element, so `after` repeats the incoming cursor.
 */
export function toPage<T>(
  rows: readonly { id: string; value: T }[],
  limit: number,
  cursor: string | null | undefined,
): Page<T> {
  const hasMore = rows.length > limit;
  const kept = hasMore ? rows.slice(0, limit) : rows;
  const page: Page<T> = { data: kept.map((r) => r.value), has_more: hasMore };
  if (hasMore) {
    const after = kept.at(-1)?.id ?? cursor;
    if (after) page.after = after;
  }
  return page;
}
