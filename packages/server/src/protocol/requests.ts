import { z } from 'zod';
import { ActionSchema } from './actions.js';
import { AttachmentCreateParamsSchema } from './attachments.js';
import { InferenceOptionsSchema, UserMessageContentSchema } from './content.js';
import { StructuredInputSubmissionSchema } from './structured-input.js';

/** The user's turn as the composer sends it (§4.4). Attachments are ids. */
export const UserMessageInputSchema = z.object({
  content: z.array(UserMessageContentSchema),
  attachments: z.array(z.string()),
  quoted_text: z.string().nullish(),
  inference_options: InferenceOptionsSchema,
});
export type UserMessageInput = z.output<typeof UserMessageInputSchema>;

/** Page size: null or 0 means the default (20). Capped so one request cannot read a whole table. */
const LimitSchema = z.number().int().min(0).max(1000).nullish();
const OrderSchema = z.enum(['asc', 'desc']).default('desc');
const ThreadIdSchema = z.string().min(1);

const request = <T extends string, P extends z.ZodType>(type: T, params: P) =>
  z.object({
    type: z.literal(type),
    params,
    /** Parsed but never passed to hooks (§1.4); hosts may fold it into the context. */
    metadata: z.record(z.string(), z.unknown()).default({}),
  });

const customActionParams = z.object({
  thread_id: ThreadIdSchema,
  item_id: z.string().nullish(),
  action: ActionSchema,
});

// ---- streaming (SSE) ----
export const ThreadsCreateReqSchema = request(
  'threads.create',
  z.object({ input: UserMessageInputSchema }),
);
export const ThreadsAddUserMessageReqSchema = request(
  'threads.add_user_message',
  z.object({ thread_id: ThreadIdSchema, input: UserMessageInputSchema }),
);
export const ThreadsAddClientToolOutputReqSchema = request(
  'threads.add_client_tool_output',
  // `result` is required but may be any JSON value, including null.
  z.object({ thread_id: ThreadIdSchema, result: z.unknown() }).refine((p) => 'result' in p, {
    message: 'result is required (it may be null)',
    path: ['result'],
  }),
);
export const ThreadsAddStructuredInputReqSchema = request(
  'threads.add_structured_input',
  z.object({
    thread_id: ThreadIdSchema,
    item_id: z.string().min(1),
    input: StructuredInputSubmissionSchema,
  }),
);
export const ThreadsRetryAfterItemReqSchema = request(
  'threads.retry_after_item',
  z.object({ thread_id: ThreadIdSchema, item_id: z.string().min(1) }),
);
export const ThreadsCustomActionReqSchema = request('threads.custom_action', customActionParams);

// ---- non-streaming (JSON) ----
export const ThreadsSyncCustomActionReqSchema = request(
  'threads.sync_custom_action',
  customActionParams,
);
export const ThreadsGetByIdReqSchema = request(
  'threads.get_by_id',
  z.object({ thread_id: ThreadIdSchema }),
);
export const ThreadsListReqSchema = request(
  'threads.list',
  z.object({ limit: LimitSchema, order: OrderSchema, after: z.string().nullish() }),
);
export const ThreadsUpdateReqSchema = request(
  'threads.update',
  z.object({ thread_id: ThreadIdSchema, title: z.string() }),
);
export const ThreadsDeleteReqSchema = request(
  'threads.delete',
  z.object({ thread_id: ThreadIdSchema }),
);
export const ItemsListReqSchema = request(
  'items.list',
  z.object({
    thread_id: ThreadIdSchema,
    limit: LimitSchema,
    order: OrderSchema,
    after: z.string().nullish(),
  }),
);
export const ItemsFeedbackReqSchema = request(
  'items.feedback',
  z.object({
    thread_id: ThreadIdSchema,
    item_ids: z.array(z.string()),
    kind: z.enum(['positive', 'negative']),
  }),
);
export const AttachmentsCreateReqSchema = request(
  'attachments.create',
  AttachmentCreateParamsSchema,
);
export const AttachmentsDeleteReqSchema = request(
  'attachments.delete',
  z.object({ attachment_id: z.string().min(1) }),
);
export const InputTranscribeReqSchema = request(
  'input.transcribe',
  z.object({ audio_base64: z.string(), mime_type: z.string().min(1) }),
);

export const StreamingReqSchema = z.discriminatedUnion('type', [
  ThreadsCreateReqSchema,
  ThreadsAddUserMessageReqSchema,
  ThreadsAddClientToolOutputReqSchema,
  ThreadsAddStructuredInputReqSchema,
  ThreadsRetryAfterItemReqSchema,
  ThreadsCustomActionReqSchema,
]);
export const NonStreamingReqSchema = z.discriminatedUnion('type', [
  ThreadsSyncCustomActionReqSchema,
  ThreadsGetByIdReqSchema,
  ThreadsListReqSchema,
  ThreadsUpdateReqSchema,
  ThreadsDeleteReqSchema,
  ItemsListReqSchema,
  ItemsFeedbackReqSchema,
  AttachmentsCreateReqSchema,
  AttachmentsDeleteReqSchema,
  InputTranscribeReqSchema,
]);
export const ChatKitReqSchema = z.discriminatedUnion('type', [
  ...StreamingReqSchema.options,
  ...NonStreamingReqSchema.options,
]);

export type StreamingReq = z.output<typeof StreamingReqSchema>;
export type NonStreamingReq = z.output<typeof NonStreamingReqSchema>;
export type ChatKitReq = z.output<typeof ChatKitReqSchema>;
export type ChatKitReqType = ChatKitReq['type'];
export type FeedbackKind = 'positive' | 'negative';

/** The six request types answered with an SSE stream; the derived single list of op names. */
export const STREAMING_REQUEST_TYPES: ReadonlySet<string> = new Set(
  StreamingReqSchema.options.map((o) => o.shape.type.value),
);
export const REQUEST_TYPES: readonly ChatKitReqType[] = ChatKitReqSchema.options.map(
  (o) => o.shape.type.value,
);
