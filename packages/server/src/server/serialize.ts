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
const TEXT_DELTA = 'assistant_message.content_part.text_delta';
const DELTA_HEAD = 'data: {"type":"thread.item.updated","item_id":';
const DELTA_UPDATE = `,"update":{"type":"${TEXT_DELTA}","content_index":`;

/**
 * The frame up to the delta's value for the last item id and content index seen: consecutive
 * deltas share them, so the id is escaped once per message rather than once per delta. One entry,
 * keyed by value, so interleaved streams only cost a rebuild.
 */
let lastItemId: string | undefined;
let lastIndex = -1;
let lastHead = '';

/**
 * A text delta's frame built around its escaped strings: byte-identical to the generic path for
 * an event in the shape every producer builds (keys in protocol order, nothing extra), and about
 * half its cost, since deltas are most of a stream. Anything else returns undefined.
 */
function textDeltaFrame(event: ThreadStreamEvent): string | undefined {
  if (event.type !== 'thread.item.updated') return undefined;
  const update = event.update;
  if (update.type !== TEXT_DELTA) return undefined;
  const { item_id: itemId } = event;
  const { content_index: index, delta } = update;
  if (typeof itemId !== 'string' || typeof delta !== 'string') return undefined;
  if (typeof index !== 'number' || !Number.isFinite(index)) return undefined;
  if (itemId !== lastItemId || index !== lastIndex) {
    lastHead = `${DELTA_HEAD}${JSON.stringify(itemId)}${DELTA_UPDATE}${index},"delta":`;
    lastItemId = itemId;
    lastIndex = index;
  }
  return `${lastHead}${JSON.stringify(delta)}}}${FRAME_END}`;
}

/**
 * One SSE frame as a string, `data: <json>\n\n`: the cheapest form to hand to the HTTP layer,
 * which encodes each written chunk once. Text deltas are the hot path and use a template.
 */
export function frameEvent(event: ThreadStreamEvent): string {
  return textDeltaFrame(event) ?? DATA_PREFIX + toWireJson(event) + FRAME_END;
}

/** One SSE frame, UTF-8 encoded. */
export function encodeEvent(event: ThreadStreamEvent): Uint8Array {
  return encoder.encode(frameEvent(event));
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
