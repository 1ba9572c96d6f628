import { z } from 'zod';
import { ActionConfigSchema } from '../actions.js';
import { IconNameSchema } from '../icons.js';

// Token enums and helper shapes shared by the widget components (docs/protocol.md §8.3). Helper objects
// are loose: unknown keys are kept, never dropped (§8.1).

/** Corner radius tokens. */
export const RadiusValueSchema = z.enum([
  '2xs',
  'xs',
  'sm',
  'md',
  'lg',
  'xl',
  '2xl',
  '3xl',
  '4xl',
  'full',
  '100%',
  'none',
]);
export type RadiusValue = z.output<typeof RadiusValueSchema>;

/** Horizontal text alignment. */
export const TextAlignSchema = z.enum(['start', 'center', 'end']);
export type TextAlign = z.output<typeof TextAlignSchema>;

/** Body text sizes (`Text`, `Label`). */
export const TextSizeSchema = z.enum(['xs', 'sm', 'md', 'lg', 'xl']);
export type TextSize = z.output<typeof TextSizeSchema>;

/** Icon sizes. */
export const IconSizeSchema = z.enum(['xs', 'sm', 'md', 'lg', 'xl', '2xl', '3xl']);
export type IconSize = z.output<typeof IconSizeSchema>;

/** Title text sizes. */
export const TitleSizeSchema = z.enum(['sm', 'md', 'lg', 'xl', '2xl', '3xl', '4xl', '5xl']);
export type TitleSize = z.output<typeof TitleSizeSchema>;

/** Caption text sizes. */
export const CaptionSizeSchema = z.enum(['sm', 'md', 'lg']);
export type CaptionSize = z.output<typeof CaptionSizeSchema>;

/** Flexbox cross-axis alignment. */
export const AlignmentSchema = z.enum(['start', 'center', 'end', 'baseline', 'stretch']);
export type Alignment = z.output<typeof AlignmentSchema>;

/** Flexbox main-axis distribution. */
export const JustificationSchema = z.enum([
  'start',
  'center',
  'end',
  'between',
  'around',
  'evenly',
  'stretch',
]);
export type Justification = z.output<typeof JustificationSchema>;

/** Visual variants of buttons and form controls. */
export const ControlVariantSchema = z.enum(['solid', 'soft', 'outline', 'ghost']);
export type ControlVariant = z.output<typeof ControlVariantSchema>;

/** Sizes of buttons and form controls. */
export const ControlSizeSchema = z.enum(['3xs', '2xs', 'xs', 'sm', 'md', 'lg', 'xl', '2xl', '3xl']);
export type ControlSize = z.output<typeof ControlSizeSchema>;

/** Font weight tokens (`weight` of Text, Title, Caption, Label). */
export const FontWeightSchema = z.enum(['normal', 'medium', 'semibold', 'bold']);
export type FontWeight = z.output<typeof FontWeightSchema>;

/** A color for the light and the dark theme. */
export const ThemeColorSchema = z.looseObject({ light: z.string(), dark: z.string() });
export type ThemeColor = z.output<typeof ThemeColorSchema>;

/** A color token (`secondary`, `surface`, `red-100`…), any CSS color, or a `{light, dark}` pair. */
export const ColorSchema = z.union([z.string(), ThemeColorSchema]);

/** A number (px or spacing units, fractional allowed) or a CSS string. */
export const NumberOrStringSchema = z.union([z.number(), z.string()]);

/** An integer (px or spacing units) or a CSS string. */
export const IntOrStringSchema = z.union([z.number().int(), z.string()]);

/** Per-edge spacing; each value is a spacing unit or a CSS string. */
export const SpacingSchema = z.looseObject({
  top: NumberOrStringSchema.nullish(),
  right: NumberOrStringSchema.nullish(),
  bottom: NumberOrStringSchema.nullish(),
  left: NumberOrStringSchema.nullish(),
  x: NumberOrStringSchema.nullish(),
  y: NumberOrStringSchema.nullish(),
});
export type Spacing = z.output<typeof SpacingSchema>;

/** One border edge. */
export const BorderSchema = z.looseObject({
  size: z.number().int(),
  color: ColorSchema.nullish(),
  style: z
    .enum(['solid', 'dashed', 'dotted', 'double', 'groove', 'ridge', 'inset', 'outset'])
    .nullish(),
});
export type Border = z.output<typeof BorderSchema>;

const BorderEdgeSchema = z.union([z.number().int(), BorderSchema]);

/** Borders per edge; each is a thickness in px or a `Border`. */
export const BordersSchema = z.looseObject({
  top: BorderEdgeSchema.nullish(),
  right: BorderEdgeSchema.nullish(),
  bottom: BorderEdgeSchema.nullish(),
  left: BorderEdgeSchema.nullish(),
  x: BorderEdgeSchema.nullish(),
  y: BorderEdgeSchema.nullish(),
});
export type Borders = z.output<typeof BordersSchema>;

/** Integer bounds (declared by the reference, used by no component). */
export const MinMaxSchema = z.looseObject({
  min: z.number().int().nullish(),
  max: z.number().int().nullish(),
});
export type MinMax = z.output<typeof MinMaxSchema>;

/** Inline-editing options of a `Text`. */
export const EditablePropsSchema = z.looseObject({
  name: z.string(),
  autoFocus: z.boolean().nullish(),
  autoSelect: z.boolean().nullish(),
  autoComplete: z.string().nullish(),
  allowAutofillExtensions: z.boolean().nullish(),
  pattern: z.string().nullish(),
  placeholder: z.string().nullish(),
  required: z.boolean().nullish(),
});
export type EditableProps = z.output<typeof EditablePropsSchema>;

/** Status header with an icon. */
export const WidgetStatusWithIconSchema = z.looseObject({
  text: z.string(),
  icon: IconNameSchema.nullish(),
});
/** Status header with a favicon URL. */
export const WidgetStatusWithFaviconSchema = z.looseObject({
  text: z.string(),
  favicon: z.string().nullish(),
  /** Frame the favicon for contrast. */
  frame: z.boolean().nullish(),
});
/** Status header shown above a `Card` or `ListView`. */
export const WidgetStatusSchema = z.union([
  WidgetStatusWithIconSchema,
  WidgetStatusWithFaviconSchema,
]);
export type WidgetStatus = z.output<typeof WidgetStatusSchema>;

/** A confirm/cancel button in a card footer. */
export const CardActionSchema = z.looseObject({ label: z.string(), action: ActionConfigSchema });
export type CardAction = z.output<typeof CardActionSchema>;

/** One option of a `Select`. */
export const SelectOptionSchema = z.looseObject({
  value: z.string(),
  label: z.string(),
  disabled: z.boolean().nullish(),
  /** Secondary text below the label. */
  description: z.string().nullish(),
});
export type SelectOption = z.output<typeof SelectOptionSchema>;

/** One option of a `RadioGroup`. */
export const RadioOptionSchema = z.looseObject({
  label: z.string(),
  value: z.string(),
  disabled: z.boolean().nullish(),
});
export type RadioOption = z.output<typeof RadioOptionSchema>;

/** Props every component accepts: a React-style `key` and an `id` (targets streaming text). */
export const componentBase = {
  key: z.string().nullish(),
  id: z.string().nullish(),
};
