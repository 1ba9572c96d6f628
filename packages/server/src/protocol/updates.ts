import { z } from 'zod';
import { AnnotationSchema, AssistantMessageContentSchema } from './content.js';
import { GeneratedImageSchema } from './items.js';
import { WidgetComponentSchema, WidgetRootSchema } from './widgets/index.js';
import { TaskSchema } from './workflow.js';

export const AssistantMessageContentPartAddedSchema = z.object({
  type: z.literal('assistant_message.content_part.added'),
  content_index: z.number().int(),
  content: AssistantMessageContentSchema,
});
export const AssistantMessageContentPartTextDeltaSchema = z.object({
  type: z.literal('assistant_message.content_part.text_delta'),
  content_index: z.number().int(),
  delta: z.string(),
});
export const AssistantMessageContentPartAnnotationAddedSchema = z.object({
  type: z.literal('assistant_message.content_part.annotation_added'),
  content_index: z.number().int(),
  annotation_index: z.number().int(),
  annotation: AnnotationSchema,
});
export const AssistantMessageContentPartDoneSchema = z.object({
  type: z.literal('assistant_message.content_part.done'),
  content_index: z.number().int(),
  content: AssistantMessageContentSchema,
});
export const WidgetStreamingTextValueDeltaSchema = z.object({
  type: z.literal('widget.streaming_text.value_delta'),
  component_id: z.string(),
  delta: z.string(),
  done: z.boolean(),
});
export const WidgetRootUpdatedSchema = z.object({
  type: z.literal('widget.root.updated'),
  widget: WidgetRootSchema,
});
export const WidgetComponentUpdatedSchema = z.object({
  type: z.literal('widget.component.updated'),
  component_id: z.string(),
  component: WidgetComponentSchema,
});
export const WorkflowTaskAddedSchema = z.object({
  type: z.literal('workflow.task.added'),
  task_index: z.number().int(),
  task: TaskSchema,
});
/** Carries the full task, not a delta. */
export const WorkflowTaskUpdatedSchema = z.object({
  type: z.literal('workflow.task.updated'),
  task_index: z.number().int(),
  task: TaskSchema,
});
export const GeneratedImageUpdatedSchema = z.object({
  type: z.literal('generated_image.updated'),
  image: GeneratedImageSchema,
  /** 0..1 */
  progress: z.number().nullish(),
});

export const ThreadItemUpdateSchema = z.discriminatedUnion('type', [
  AssistantMessageContentPartAddedSchema,
  AssistantMessageContentPartTextDeltaSchema,
  AssistantMessageContentPartAnnotationAddedSchema,
  AssistantMessageContentPartDoneSchema,
  WidgetStreamingTextValueDeltaSchema,
  WidgetRootUpdatedSchema,
  WidgetComponentUpdatedSchema,
  WorkflowTaskAddedSchema,
  WorkflowTaskUpdatedSchema,
  GeneratedImageUpdatedSchema,
]);
export type ThreadItemUpdate = z.output<typeof ThreadItemUpdateSchema>;
export type ThreadItemUpdateInput = z.input<typeof ThreadItemUpdateSchema>;
