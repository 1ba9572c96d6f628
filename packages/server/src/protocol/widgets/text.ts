import { z } from 'zod';
import {
  CaptionSizeSchema,
  ColorSchema,
  EditablePropsSchema,
  FontWeightSchema,
  NumberOrStringSchema,
  TextAlignSchema,
  TextSizeSchema,
  TitleSizeSchema,
  componentBase,
} from './shared.js';

// Text components (docs/protocol.md §8.3). `Text` and `Markdown` with an `id` are streaming-text
// targets: their `value` may only grow by appending (§8.5).

/** Plain text with typography controls. */
export const TextSchema = z.looseObject({
  type: z.literal('Text'),
  ...componentBase,
  value: z.string(),
  /** Streaming-friendly transitions while `value` grows; `false` ends the stream (§8.5). */
  streaming: z.boolean().nullish(),
  italic: z.boolean().nullish(),
  lineThrough: z.boolean().nullish(),
  color: ColorSchema.nullish(),
  weight: FontWeightSchema.nullish(),
  width: NumberOrStringSchema.nullish(),
  size: TextSizeSchema.nullish(),
  textAlign: TextAlignSchema.nullish(),
  truncate: z.boolean().nullish(),
  minLines: z.number().int().nullish(),
  maxLines: z.number().int().nullish(),
  /** `false`, or the options that make the text editable inline. */
  editable: z.union([z.literal(false), EditablePropsSchema]).nullish(),
});
export type Text = z.output<typeof TextSchema>;

/** A headline. */
export const TitleSchema = z.looseObject({
  type: z.literal('Title'),
  ...componentBase,
  value: z.string(),
  color: ColorSchema.nullish(),
  weight: FontWeightSchema.nullish(),
  size: TitleSizeSchema.nullish(),
  textAlign: TextAlignSchema.nullish(),
  truncate: z.boolean().nullish(),
  maxLines: z.number().int().nullish(),
});
export type Title = z.output<typeof TitleSchema>;

/** Small supporting text. */
export const CaptionSchema = z.looseObject({
  type: z.literal('Caption'),
  ...componentBase,
  value: z.string(),
  color: ColorSchema.nullish(),
  weight: FontWeightSchema.nullish(),
  size: CaptionSizeSchema.nullish(),
  textAlign: TextAlignSchema.nullish(),
  truncate: z.boolean().nullish(),
  maxLines: z.number().int().nullish(),
});
export type Caption = z.output<typeof CaptionSchema>;

/** Markdown content, optionally streamed. */
export const MarkdownSchema = z.looseObject({
  type: z.literal('Markdown'),
  ...componentBase,
  value: z.string(),
  streaming: z.boolean().nullish(),
});
export type Markdown = z.output<typeof MarkdownSchema>;

/** A label tied to a form field by name. */
export const LabelSchema = z.looseObject({
  type: z.literal('Label'),
  ...componentBase,
  value: z.string(),
  fieldName: z.string(),
  size: TextSizeSchema.nullish(),
  weight: FontWeightSchema.nullish(),
  textAlign: TextAlignSchema.nullish(),
  color: ColorSchema.nullish(),
});
export type Label = z.output<typeof LabelSchema>;

/** A small status or category badge. */
export const BadgeSchema = z.looseObject({
  type: z.literal('Badge'),
  ...componentBase,
  label: z.string(),
  color: z.enum(['secondary', 'success', 'danger', 'warning', 'info', 'discovery']).nullish(),
  variant: z.enum(['solid', 'soft', 'outline']).nullish(),
  size: z.enum(['sm', 'md', 'lg']).nullish(),
  pill: z.boolean().nullish(),
});
export type Badge = z.output<typeof BadgeSchema>;
