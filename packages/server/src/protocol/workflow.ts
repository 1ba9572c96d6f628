import { z } from 'zod';
import { IconNameSchema } from './icons.js';
import { FileSourceSchema, URLSourceSchema } from './content.js';

const taskBase = {
  /** Only rendered inside a workflow. */
  status_indicator: z.enum(['none', 'loading', 'complete']).default('none'),
};

export const CustomTaskSchema = z.object({
  ...taskBase,
  type: z.literal('custom'),
  title: z.string().nullish(),
  icon: IconNameSchema.nullish(),
  content: z.string().nullish(),
});
export const SearchTaskSchema = z.object({
  ...taskBase,
  type: z.literal('web_search'),
  title: z.string().nullish(),
  title_query: z.string().nullish(),
  queries: z.array(z.string()).default([]),
  sources: z.array(URLSourceSchema).default([]),
});
export const ThoughtTaskSchema = z.object({
  ...taskBase,
  type: z.literal('thought'),
  title: z.string().nullish(),
  content: z.string(),
});
export const FileTaskSchema = z.object({
  ...taskBase,
  type: z.literal('file'),
  title: z.string().nullish(),
  sources: z.array(FileSourceSchema).default([]),
});
export const ImageTaskSchema = z.object({
  ...taskBase,
  type: z.literal('image'),
  title: z.string().nullish(),
});

export const TaskSchema = z.discriminatedUnion('type', [
  CustomTaskSchema,
  SearchTaskSchema,
  ThoughtTaskSchema,
  FileTaskSchema,
  ImageTaskSchema,
]);
export type CustomTask = z.output<typeof CustomTaskSchema>;
export type SearchTask = z.output<typeof SearchTaskSchema>;
export type ThoughtTask = z.output<typeof ThoughtTaskSchema>;
export type FileTask = z.output<typeof FileTaskSchema>;
export type ImageTask = z.output<typeof ImageTaskSchema>;
export type Task = z.output<typeof TaskSchema>;

export const CustomSummarySchema = z.object({ title: z.string(), icon: IconNameSchema.nullish() });
/** Whole seconds the workflow took. */
export const DurationSummarySchema = z.object({ duration: z.number().int() });
/** Undiscriminated, as in chatkit-python: a title summary or a duration summary. */
export const WorkflowSummarySchema = z.union([CustomSummarySchema, DurationSummarySchema]);
export type WorkflowSummary = z.output<typeof WorkflowSummarySchema>;

export const WorkflowSchema = z.object({
  type: z.enum(['custom', 'reasoning']),
  tasks: z.array(TaskSchema),
  summary: WorkflowSummarySchema.nullish(),
  expanded: z.boolean().default(false),
});
export type Workflow = z.output<typeof WorkflowSchema>;
