import type { ThreadStreamEvent } from '../protocol/events.js';
import type { ThreadItem } from '../protocol/items.js';
import { isHiddenItem } from '../protocol/items.js';
import type { Page } from '../protocol/page.js';
import type { Thread, ThreadMetadata } from '../protocol/thread.js';

/**
 * Output rules of docs/protocol.md §1.3: null-valued keys are dropped everywhere, and an attachment's
 * integration `metadata` never leaves the server. Attachments are recognised structurally
 * (`mime_type` + `name`), so the rule holds wherever one is nested.
 */
function wireReplacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  if (value === null) return undefined;
  if (key === 'metadata' && typeof this.mime_type === 'string' && typeof this.name === 'string') {
    return undefined;
  }
  return value;
}

/** Compact wire JSON of any protocol object. */
export function toWireJson(value: unknown): string {
  return JSON.stringify(value, wireReplacer);
}

const encoder = new TextEncoder();
const DATA_PREFIX = 'data: ';
const FRAME_END = '\n\n';

/**
 * One SSE frame: `data: <json>\n\n`, encoded once. Text deltas are the hot path and carry only
 * non-null strings and numbers, so they skip the replacer.
 */
export function encodeEvent(event: ThreadStreamEvent): Uint8Array {
  const json =
    event.type === 'thread.item.updated' &&
    event.update.type === 'assistant_message.content_part.text_delta'
      ? JSON.stringify(event)
      : toWireJson(event);
  return encoder.encode(DATA_PREFIX + json + FRAME_END);
}

/** The items a client may see: hidden context is stored for the model only (§6.10). */
export function visibleItems(page: Page<ThreadItem>): Page<ThreadItem> {
  return { ...page, data: page.data.filter((item) => !isHiddenItem(item)) };
}

const EMPTY_PAGE: Page<ThreadItem> = { data: [], has_more: false };

/**
 * The public form of a thread (§4.2): integration metadata replaced by `{}`, hidden items removed,
 * an empty page when no items are given.
 */
export function publicThread(thread: ThreadMetadata, items: Page<ThreadItem> = EMPTY_PAGE): Thread {
  return {
    id: thread.id,
    title: thread.title,
    created_at: thread.created_at,
    status: thread.status,
    allowed_image_domains: thread.allowed_image_domains,
    metadata: {},
    items: visibleItems(items),
  };
}
