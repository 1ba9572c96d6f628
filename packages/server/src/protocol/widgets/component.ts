import { z } from 'zod';
import { ChartSchema } from './charts.js';
import {
  ButtonSchema,
  CheckboxSchema,
  DatePickerSchema,
  InputSchema,
  RadioGroupSchema,
  SelectSchema,
  TextareaSchema,
} from './controls.js';
import {
  BoxSchema,
  ColSchema,
  DividerSchema,
  FormSchema,
  ListViewItemSchema,
  RowSchema,
  SpacerSchema,
  TransitionSchema,
} from './layout.js';
import { IconSchema, ImageSchema } from './media.js';
import { componentBase } from './shared.js';
import {
  BadgeSchema,
  CaptionSchema,
  LabelSchema,
  MarkdownSchema,
  TextSchema,
  TitleSchema,
} from './text.js';

/**
 * Any widget component as plain JSON: a `type`, optional `key`/`id`, optional `children`, and any
 * other props. Known types are validated by their own schema; every prop is kept (§8.1).
 */
export interface WidgetComponent {
  type: string;
  key?: string | null;
  id?: string | null;
  children?: WidgetComponent | WidgetComponent[] | null;
  [prop: string]: unknown;
}

/**
 * A schema chosen per value. Issues of the chosen schema are re-reported with their own paths, so
 * an invalid `Text` deep in a tree fails at e.g. `children[1].value`, not as an opaque union error.
 */
function dispatch<T>(pick: (value: unknown) => Parser<T>): z.ZodType<T, T> {
  const schema: z.ZodType = z.custom().transform((value, ctx) => {
    const result = pick(value).safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue({ ...issue, input: value } as RawIssue);
    return z.NEVER;
  });
  // Typed here rather than inferred: the pipe's own type (custom → transform) is heavy to relate.
  return schema as z.ZodType<T, T>;
}

type RawIssue = z.core.$ZodRawIssue;

interface Parser<T> {
  safeParse(value: unknown): z.ZodSafeParseResult<T>;
}

/** A component whose `type` is not one of the known ones: any props (chatkit-python `DynamicWidgetComponent`). */
export const DynamicWidgetComponentSchema = z.looseObject({
  type: z.string(),
  ...componentBase,
  /** One component or a list. */
  get children() {
    return WidgetChildrenSchema.nullish();
  },
});
export type DynamicWidgetComponent = z.output<typeof DynamicWidgetComponentSchema>;

// Built on first use: the family modules import this one for `children`, so their schemas are not
// initialised yet while this module evaluates.
let knownComponents: ReadonlyMap<string, Parser<unknown>> | undefined;

function knownComponentSchemas(): ReadonlyMap<string, Parser<unknown>> {
  knownComponents ??= new Map<string, Parser<unknown>>([
    ['Text', TextSchema],
    ['Title', TitleSchema],
    ['Caption', CaptionSchema],
    ['Chart', ChartSchema],
    ['Badge', BadgeSchema],
    ['Markdown', MarkdownSchema],
    ['Box', BoxSchema],
    ['Row', RowSchema],
    ['Col', ColSchema],
    ['Divider', DividerSchema],
    ['Icon', IconSchema],
    ['Image', ImageSchema],
    ['ListViewItem', ListViewItemSchema],
    ['Button', ButtonSchema],
    ['Checkbox', CheckboxSchema],
    ['Spacer', SpacerSchema],
    ['Select', SelectSchema],
    ['DatePicker', DatePickerSchema],
    ['Form', FormSchema],
    ['Input', InputSchema],
    ['Label', LabelSchema],
    ['RadioGroup', RadioGroupSchema],
    ['Textarea', TextareaSchema],
    ['Transition', TransitionSchema],
  ]);
  return knownComponents;
}

/** The `type` values validated by a dedicated component schema (chatkit-python `StrictWidgetComponent`). */
export function isKnownComponentType(type: string): boolean {
  return knownComponentSchemas().has(type);
}

/**
 * A widget component: a known `type` validates against its component schema, any other `type` is a
 * dynamic component. ActionConfig defaults materialize; unknown props are kept.
 */
export const WidgetComponentSchema: z.ZodType<WidgetComponent, WidgetComponent> = dispatch(
  (value) => {
    const type =
      typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
    const known = typeof type === 'string' ? knownComponentSchemas().get(type) : undefined;
    return (known ?? DynamicWidgetComponentSchema) as Parser<WidgetComponent>;
  },
);

const WidgetComponentListSchema = z.array(WidgetComponentSchema);

/** `children` of a dynamic component or `Basic` root: one component or a list of them. */
export const WidgetChildrenSchema: z.ZodType<
  WidgetComponent | WidgetComponent[],
  WidgetComponent | WidgetComponent[]
> = dispatch<WidgetComponent | WidgetComponent[]>((value) =>
  Array.isArray(value) ? WidgetComponentListSchema : WidgetComponentSchema,
);
