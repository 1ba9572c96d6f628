import { z } from 'zod';
import { ActionConfigSchema } from '../actions.js';
import { WidgetComponentSchema } from './component.js';
import {
  AlignmentSchema,
  BorderSchema,
  BordersSchema,
  ColorSchema,
  IntOrStringSchema,
  JustificationSchema,
  NumberOrStringSchema,
  RadiusValueSchema,
  SpacingSchema,
  componentBase,
} from './shared.js';

// Layout components (docs/protocol.md §8.3). `children` are getters: the component schema is recursive.

const SpacingValueSchema = z.union([z.number(), z.string(), SpacingSchema]);

/**
 * Props shared by `Box`, `Row`, `Col` and `Form` (chatkit-python `BoxBase`), except `children`:
 * spreading a getter would evaluate it, so each schema declares its own.
 */
const boxBase = {
  ...componentBase,
  align: AlignmentSchema.nullish(),
  justify: JustificationSchema.nullish(),
  wrap: z.enum(['nowrap', 'wrap', 'wrap-reverse']).nullish(),
  flex: IntOrStringSchema.nullish(),
  gap: IntOrStringSchema.nullish(),
  height: NumberOrStringSchema.nullish(),
  width: NumberOrStringSchema.nullish(),
  /** Sets both width and height. */
  size: NumberOrStringSchema.nullish(),
  minHeight: IntOrStringSchema.nullish(),
  minWidth: IntOrStringSchema.nullish(),
  minSize: IntOrStringSchema.nullish(),
  maxHeight: IntOrStringSchema.nullish(),
  maxWidth: IntOrStringSchema.nullish(),
  maxSize: IntOrStringSchema.nullish(),
  padding: SpacingValueSchema.nullish(),
  margin: SpacingValueSchema.nullish(),
  border: z.union([z.number().int(), BorderSchema, BordersSchema]).nullish(),
  radius: RadiusValueSchema.nullish(),
  background: ColorSchema.nullish(),
  aspectRatio: NumberOrStringSchema.nullish(),
};

const DirectionSchema = z.enum(['row', 'col']);

/** Generic flex container. */
export const BoxSchema = z.looseObject({
  type: z.literal('Box'),
  ...boxBase,
  get children() {
    return z.array(WidgetComponentSchema).nullish();
  },
  direction: DirectionSchema.nullish(),
});
export type Box = z.output<typeof BoxSchema>;

/** Horizontal flex container. */
export const RowSchema = z.looseObject({
  type: z.literal('Row'),
  ...boxBase,
  get children() {
    return z.array(WidgetComponentSchema).nullish();
  },
});
export type Row = z.output<typeof RowSchema>;

/** Vertical flex container. */
export const ColSchema = z.looseObject({
  type: z.literal('Col'),
  ...boxBase,
  get children() {
    return z.array(WidgetComponentSchema).nullish();
  },
});
export type Col = z.output<typeof ColSchema>;

/** A form: named controls inside it submit their values with `onSubmitAction` (§5.1). */
export const FormSchema = z.looseObject({
  type: z.literal('Form'),
  ...boxBase,
  get children() {
    return z.array(WidgetComponentSchema).nullish();
  },
  onSubmitAction: ActionConfigSchema.nullish(),
  direction: DirectionSchema.nullish(),
});
export type Form = z.output<typeof FormSchema>;

/** Flexible space pushing siblings apart. */
export const SpacerSchema = z.looseObject({
  type: z.literal('Spacer'),
  ...componentBase,
  minSize: IntOrStringSchema.nullish(),
});
export type Spacer = z.output<typeof SpacerSchema>;

/** A horizontal rule between sections. */
export const DividerSchema = z.looseObject({
  type: z.literal('Divider'),
  ...componentBase,
  color: ColorSchema.nullish(),
  size: IntOrStringSchema.nullish(),
  spacing: IntOrStringSchema.nullish(),
  /** Extend to the container edge, ignoring its padding. */
  flush: z.boolean().nullish(),
});
export type Divider = z.output<typeof DividerSchema>;

/** Animates layout changes of its single child. */
export const TransitionSchema = z.looseObject({
  type: z.literal('Transition'),
  ...componentBase,
  /** One component (not a list). Declared required-but-nullable upstream; absent after drop-nulls. */
  get children() {
    return WidgetComponentSchema.nullish();
  },
});
export type Transition = z.output<typeof TransitionSchema>;

/** One row of a `ListView` (only valid as its direct child). */
export const ListViewItemSchema = z.looseObject({
  type: z.literal('ListViewItem'),
  ...componentBase,
  get children() {
    return z.array(WidgetComponentSchema);
  },
  onClickAction: ActionConfigSchema.nullish(),
  gap: IntOrStringSchema.nullish(),
  align: AlignmentSchema.nullish(),
});
export type ListViewItem = z.output<typeof ListViewItemSchema>;
