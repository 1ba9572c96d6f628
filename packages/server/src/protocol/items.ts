import { z } from 'zod';
import { AttachmentSchema } from './attachments.js';
import {
  AssistantMessageContentSchema,
  InferenceOptionsSchema,
  UserMessageContentSchema,
} from './content.js';
import { StructuredInputSchema } from './structured-input.js';
import { WidgetRootSchema } from './widgets/index.js';
import { TaskSchema, WorkflowSchema } from './workflow.js';

const itemBase = {
  id: z.string(),
  thread_id: z.string(),
  /** ISO-8601; we emit UTC with `Z`, and accept any ISO-8601 on input. */
  created_at: z.string(),
};

export const UserMessageItemSchema = z.object({
  ...itemBase,
  type: z.literal('user_message'),
  content: z.array(UserMessageContentSchema),
  attachments: z.array(AttachmentSchema).default([]),
  quoted_text: z.string().nullish(),
  inference_options: InferenceOptionsSchema,
});
export const AssistantMessageItemSchema = z.object({
  ...itemBase,
  type: z.literal('assistant_message'),
  content: z.array(AssistantMessageContentSchema),
});
export const ClientToolCallItemSchema = z.object({
  ...itemBase,
  type: z.literal('client_tool_call'),
  status: z.enum(['pending', 'completed']).default('pending'),
  call_id: z.string(),
  name: z.string(),
  arguments: z.record(z.string(), z.unknown()),
  output: z.unknown().optional(),
});
export const WidgetItemSchema = z.object({
  ...itemBase,
  type: z.literal('widget'),
  widget: WidgetRootSchema,
  /** Clipboard text for the copy button. */
  copy_text: z.string().nullish(),
});
export const GeneratedImageSchema = z.object({ id: z.string(), url: z.string() });
export const GeneratedImageItemSchema = z.object({
  ...itemBase,
  type: z.literal('generated_image'),
  /** Absent while the image is generating. */
  image: GeneratedImageSchema.nullish(),
});
export const StructuredInputItemSchema = z.object({
  ...itemBase,
  type: z.literal('structured_input'),
  status: z.enum(['pending', 'answered', 'skipped']).default('pending'),
  inputs: z.array(StructuredInputSchema),
});
export const WorkflowItemSchema = z.object({
  ...itemBase,
  type: z.literal('workflow'),
  workflow: WorkflowSchema,
});
export const TaskItemSchema = z.object({
  ...itemBase,
  type: z.literal('task'),
  task: TaskSchema,
});
/** UI hint marking the end of an assistant turn. */
export const EndOfTurnItemSchema = z.object({ ...itemBase, type: z.literal('end_of_turn') });
/** Integration-defined context for the model; never sent to the client. */
export const HiddenContextItemSchema = z.object({
  ...itemBase,
  type: z.literal('hidden_context_item'),
  content: z.unknown(),
});
/** SDK-internal context (e.g. the cancellation note); never sent to the client. */
export const SDKHiddenContextItemSchema = z.object({
  ...itemBase,
  type: z.literal('sdk_hidden_context'),
  content: z.string(),
});

export const ThreadItemSchema = z.discriminatedUnion('type', [
  UserMessageItemSchema,
  AssistantMessageItemSchema,
  ClientToolCallItemSchema,
  WidgetItemSchema,
  GeneratedImageItemSchema,
  StructuredInputItemSchema,
  WorkflowItemSchema,
  TaskItemSchema,
  EndOfTurnItemSchema,
  HiddenContextItemSchema,
  SDKHiddenContextItemSchema,
]);

export type UserMessageItem = z.output<typeof UserMessageItemSchema>;
export type AssistantMessageItem = z.output<typeof AssistantMessageItemSchema>;
export type ClientToolCallItem = z.output<typeof ClientToolCallItemSchema>;
export type WidgetItem = z.output<typeof WidgetItemSchema>;
export type GeneratedImage = z.output<typeof GeneratedImageSchema>;
export type GeneratedImageItem = z.output<typeof GeneratedImageItemSchema>;
export type StructuredInputItem = z.output<typeof StructuredInputItemSchema>;
export type WorkflowItem = z.output<typeof WorkflowItemSchema>;
export type TaskItem = z.output<typeof TaskItemSchema>;
export type EndOfTurnItem = z.output<typeof EndOfTurnItemSchema>;
export type HiddenContextItem = z.output<typeof HiddenContextItemSchema>;
export type SDKHiddenContextItem = z.output<typeof SDKHiddenContextItemSchema>;
export type ThreadItem = z.output<typeof ThreadItemSchema>;
/** What an integration may construct: defaulted fields are optional. */
export type ThreadItemInput = z.input<typeof ThreadItemSchema>;

export const HIDDEN_ITEM_TYPES: ReadonlySet<string> = new Set([
  'hidden_context_item',
  'sdk_hidden_context',
]);

/** Hidden items are stored for the model but never sent to the client (§6.10). */
export const isHiddenItem = (item: { type: string }): boolean => HIDDEN_ITEM_TYPES.has(item.type);
