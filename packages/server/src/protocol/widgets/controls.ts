import { z } from 'zod';
import { ActionConfigSchema } from '../actions.js';
import { IconNameSchema } from '../icons.js';
import {
  ControlSizeSchema,
  ControlVariantSchema,
  RadioOptionSchema,
  SelectOptionSchema,
  componentBase,
} from './shared.js';

// Interactive components (docs/protocol.md §8.3). Named controls inside a `Form` (or a Card with
// `asForm`) add their value to the submitted action payload under `name` (§5.1).

const GutterSizeSchema = z.enum(['2xs', 'xs', 'sm', 'md', 'lg', 'xl']);

/** A button, optionally wired to an action. */
export const ButtonSchema = z.looseObject({
  type: z.literal('Button'),
  ...componentBase,
  /** Submit the nearest form. */
  submit: z.boolean().nullish(),
  label: z.string().nullish(),
  onClickAction: ActionConfigSchema.nullish(),
  iconStart: IconNameSchema.nullish(),
  iconEnd: IconNameSchema.nullish(),
  style: z.enum(['primary', 'secondary']).nullish(),
  iconSize: z.enum(['sm', 'md', 'lg', 'xl', '2xl']).nullish(),
  color: z
    .enum(['primary', 'secondary', 'info', 'discovery', 'success', 'caution', 'warning', 'danger'])
    .nullish(),
  variant: ControlVariantSchema.nullish(),
  size: ControlSizeSchema.nullish(),
  pill: z.boolean().nullish(),
  /** Equal width and height (icon buttons). */
  uniform: z.boolean().nullish(),
  /** Full available width. */
  block: z.boolean().nullish(),
  disabled: z.boolean().nullish(),
});
export type Button = z.output<typeof ButtonSchema>;

/** A dropdown. */
export const SelectSchema = z.looseObject({
  type: z.literal('Select'),
  ...componentBase,
  name: z.string(),
  options: z.array(SelectOptionSchema),
  onChangeAction: ActionConfigSchema.nullish(),
  placeholder: z.string().nullish(),
  defaultValue: z.string().nullish(),
  variant: ControlVariantSchema.nullish(),
  size: ControlSizeSchema.nullish(),
  pill: z.boolean().nullish(),
  block: z.boolean().nullish(),
  clearable: z.boolean().nullish(),
  disabled: z.boolean().nullish(),
  /** Show a search field; when absent the client searches once there are more than 15 options. */
  searchable: z.boolean().nullish(),
});
export type Select = z.output<typeof SelectSchema>;

/** A date input. */
export const DatePickerSchema = z.looseObject({
  type: z.literal('DatePicker'),
  ...componentBase,
  name: z.string(),
  onChangeAction: ActionConfigSchema.nullish(),
  placeholder: z.string().nullish(),
  /** ISO-8601 date-time. */
  defaultValue: z.string().nullish(),
  /** Earliest selectable date (ISO-8601, inclusive). */
  min: z.string().nullish(),
  /** Latest selectable date (ISO-8601, inclusive). */
  max: z.string().nullish(),
  variant: ControlVariantSchema.nullish(),
  size: ControlSizeSchema.nullish(),
  side: z.enum(['top', 'bottom', 'left', 'right']).nullish(),
  align: z.enum(['start', 'center', 'end']).nullish(),
  pill: z.boolean().nullish(),
  block: z.boolean().nullish(),
  clearable: z.boolean().nullish(),
  disabled: z.boolean().nullish(),
});
export type DatePicker = z.output<typeof DatePickerSchema>;

/** A checkbox. */
export const CheckboxSchema = z.looseObject({
  type: z.literal('Checkbox'),
  ...componentBase,
  name: z.string(),
  label: z.string().nullish(),
  defaultChecked: z.boolean().nullish(),
  onChangeAction: ActionConfigSchema.nullish(),
  disabled: z.boolean().nullish(),
  required: z.boolean().nullish(),
});
export type Checkbox = z.output<typeof CheckboxSchema>;

const textFieldBase = {
  ...componentBase,
  name: z.string(),
  defaultValue: z.string().nullish(),
  required: z.boolean().nullish(),
  pattern: z.string().nullish(),
  placeholder: z.string().nullish(),
  allowAutofillExtensions: z.boolean().nullish(),
  autoSelect: z.boolean().nullish(),
  autoFocus: z.boolean().nullish(),
  disabled: z.boolean().nullish(),
  variant: z.enum(['soft', 'outline']).nullish(),
  size: ControlSizeSchema.nullish(),
  /** Edge gutter; overrides the one implied by `size`. */
  gutterSize: GutterSizeSchema.nullish(),
};

/** A single-line text input. */
export const InputSchema = z.looseObject({
  type: z.literal('Input'),
  ...textFieldBase,
  inputType: z.enum(['number', 'email', 'text', 'password', 'tel', 'url']).nullish(),
  pill: z.boolean().nullish(),
});
export type Input = z.output<typeof InputSchema>;

/** A multi-line text input. */
export const TextareaSchema = z.looseObject({
  type: z.literal('Textarea'),
  ...textFieldBase,
  rows: z.number().int().nullish(),
  autoResize: z.boolean().nullish(),
  maxRows: z.number().int().nullish(),
});
export type Textarea = z.output<typeof TextareaSchema>;

/** A group of radio buttons. */
export const RadioGroupSchema = z.looseObject({
  type: z.literal('RadioGroup'),
  ...componentBase,
  name: z.string(),
  options: z.array(RadioOptionSchema).nullish(),
  /** Accessible label; falls back to `name`. */
  ariaLabel: z.string().nullish(),
  onChangeAction: ActionConfigSchema.nullish(),
  defaultValue: z.string().nullish(),
  direction: z.enum(['row', 'col']).nullish(),
  disabled: z.boolean().nullish(),
  required: z.boolean().nullish(),
});
export type RadioGroup = z.output<typeof RadioGroupSchema>;
