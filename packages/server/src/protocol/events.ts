import { z } from 'zod';
import { IconNameSchema } from './icons.js';
import { ThreadItemSchema } from './items.js';
import { ThreadSchema } from './thread.js';
import { ThreadItemUpdateSchema } from './updates.js';

export const ThreadCreatedEventSchema = z.object({
  type: z.literal('thread.created'),
  thread: ThreadSchema,
});
export const ThreadUpdatedEventSchema = z.object({
  type: z.literal('thread.updated'),
  thread: ThreadSchema,
});
/** Not persisted: tracked as pending until done/removed/replaced. */
export const ThreadItemAddedEventSchema = z.object({
  type: z.literal('thread.item.added'),
  item: ThreadItemSchema,
});
export const ThreadItemUpdatedEventSchema = z.object({
  type: z.literal('thread.item.updated'),
  item_id: z.string(),
  update: ThreadItemUpdateSchema,
});
/** Persisted with `addThreadItem`. */
export const ThreadItemDoneEventSchema = z.object({
  type: z.literal('thread.item.done'),
  item: ThreadItemSchema,
});
/** Persisted with `deleteThreadItem`. */
export const ThreadItemRemovedEventSchema = z.object({
  type: z.literal('thread.item.removed'),
  item_id: z.string(),
});
/** Persisted with `saveItem` (upsert). */
export const ThreadItemReplacedEventSchema = z.object({
  type: z.literal('thread.item.replaced'),
  item: ThreadItemSchema,
});
export const StreamOptionsSchema = z.object({ allow_cancel: z.boolean() });
export type StreamOptions = z.output<typeof StreamOptionsSchema>;
export const StreamOptionsEventSchema = z.object({
  type: z.literal('stream_options'),
  stream_options: StreamOptionsSchema,
});
export const ProgressUpdateEventSchema = z.object({
  type: z.literal('progress_update'),
  icon: IconNameSchema.nullish(),
  text: z.string(),
});
export const ClientEffectEventSchema = z.object({
  type: z.literal('client_effect'),
  name: z.string(),
  data: z.record(z.string(), z.unknown()).default({}),
});
/** `stream.error`: the client shows its own text; `custom`: `message` is shown verbatim. */
export const ErrorEventSchema = z.object({
  type: z.literal('error'),
  code: z.string().default('custom'),
  message: z.string().nullish(),
  allow_retry: z.boolean().default(false),
});
export const NoticeEventSchema = z.object({
  type: z.literal('notice'),
  level: z.enum(['info', 'warning', 'danger']),
  /** Markdown allowed. */
  message: z.string(),
  title: z.string().nullish(),
});

export const ThreadStreamEventSchema = z.discriminatedUnion('type', [
  ThreadCreatedEventSchema,
  ThreadUpdatedEventSchema,
  ThreadItemAddedEventSchema,
  ThreadItemUpdatedEventSchema,
  ThreadItemDoneEventSchema,
  ThreadItemRemovedEventSchema,
  ThreadItemReplacedEventSchema,
  StreamOptionsEventSchema,
  ProgressUpdateEventSchema,
  ClientEffectEventSchema,
  ErrorEventSchema,
  NoticeEventSchema,
]);
export type ThreadStreamEvent = z.output<typeof ThreadStreamEventSchema>;
/** What `respond`/`action` may yield: fields with defaults may be omitted. */
export type ThreadStreamEventInput = z.input<typeof ThreadStreamEventSchema>;
export type ThreadItemAddedEvent = z.output<typeof ThreadItemAddedEventSchema>;
export type ThreadItemUpdatedEvent = z.output<typeof ThreadItemUpdatedEventSchema>;
export type ThreadItemDoneEvent = z.output<typeof ThreadItemDoneEventSchema>;
export type ThreadItemRemovedEvent = z.output<typeof ThreadItemRemovedEventSchema>;
export type ThreadItemReplacedEvent = z.output<typeof ThreadItemReplacedEventSchema>;
export type ProgressUpdateEvent = z.output<typeof ProgressUpdateEventSchema>;
export type ClientEffectEvent = z.output<typeof ClientEffectEventSchema>;
export type ErrorEvent = z.output<typeof ErrorEventSchema>;
export type NoticeEvent = z.output<typeof NoticeEventSchema>;
