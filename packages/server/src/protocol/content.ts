import { z } from 'zod';
import { IconNameSchema } from './icons.js';

// ---- user side (§4.4) ----

export const UserMessageTextContentSchema = z.object({
  type: z.literal('input_text'),
  text: z.string(),
});

/** An @-mention of an app entity; `data` comes from the client's `entities.onTagSearch`. */
export const UserMessageTagContentSchema = z.object({
  type: z.literal('input_tag'),
  id: z.string(),
  text: z.string(),
  data: z.record(z.string(), z.unknown()),
  group: z.string().nullish(),
  interactive: z.boolean().default(false),
});

export const UserMessageContentSchema = z.discriminatedUnion('type', [
  UserMessageTextContentSchema,
  UserMessageTagContentSchema,
]);
export type UserMessageTextContent = z.output<typeof UserMessageTextContentSchema>;
export type UserMessageTagContent = z.output<typeof UserMessageTagContentSchema>;
export type UserMessageContent = z.output<typeof UserMessageContentSchema>;

export const ToolChoiceSchema = z.object({ id: z.string() });

/** Composer tool and model picker choices for one turn. */
export const InferenceOptionsSchema = z.object({
  tool_choice: ToolChoiceSchema.nullish(),
  model: z.string().nullish(),
});
export type InferenceOptions = z.output<typeof InferenceOptionsSchema>;

// ---- sources and annotations (§4.5) ----

const sourceBase = {
  title: z.string(),
  description: z.string().nullish(),
  timestamp: z.string().nullish(),
  group: z.string().nullish(),
};

export const URLSourceSchema = z.object({
  ...sourceBase,
  type: z.literal('url'),
  url: z.string(),
  attribution: z.string().nullish(),
});
export const FileSourceSchema = z.object({
  ...sourceBase,
  type: z.literal('file'),
  filename: z.string(),
});
export const EntitySourceSchema = z.object({
  ...sourceBase,
  type: z.literal('entity'),
  id: z.string(),
  icon: IconNameSchema.nullish(),
  label: z.string().nullish(),
  inline_label: z.string().nullish(),
  interactive: z.boolean().default(false),
  data: z.record(z.string(), z.unknown()).default({}),
  /** Deprecated and ignored by the client. */
  preview: z.literal('lazy').nullish(),
});
export const SourceSchema = z.discriminatedUnion('type', [
  URLSourceSchema,
  FileSourceSchema,
  EntitySourceSchema,
]);
export type URLSource = z.output<typeof URLSourceSchema>;
export type FileSource = z.output<typeof FileSourceSchema>;
export type EntitySource = z.output<typeof EntitySourceSchema>;
export type Source = z.output<typeof SourceSchema>;

/** A citation; `index` is the character offset in the text where the marker goes. */
export const AnnotationSchema = z.object({
  // Defaulted as in the reference (Pydantic fills the literal), so `{ source }` is accepted.
  type: z.literal('annotation').default('annotation'),
  source: SourceSchema,
  index: z.number().int().nullish(),
});
export type Annotation = z.output<typeof AnnotationSchema>;

export const AssistantMessageContentSchema = z.object({
  // Defaulted as in the reference, so `{ text }` is a complete part.
  type: z.literal('output_text').default('output_text'),
  text: z.string(),
  annotations: z.array(AnnotationSchema).default([]),
});
export type AssistantMessageContent = z.output<typeof AssistantMessageContentSchema>;
