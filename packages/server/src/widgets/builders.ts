import type { z } from 'zod';
import { ActionConfigSchema } from '../protocol/actions.js';
import type {
  BadgeSchema,
  BasicRootSchema,
  BoxSchema,
  ButtonSchema,
  CaptionSchema,
  CardSchema,
  ChartSchema,
  CheckboxSchema,
  ColSchema,
  DatePickerSchema,
  DividerSchema,
  FormSchema,
  IconSchema,
  ImageSchema,
  InputSchema,
  LabelSchema,
  ListViewItemSchema,
  ListViewSchema,
  MarkdownSchema,
  RadioGroupSchema,
  RowSchema,
  SelectSchema,
  SpacerSchema,
  TextareaSchema,
  TextSchema,
  TitleSchema,
  TransitionSchema,
} from '../protocol/widgets/index.js';

/**
 * The declared props of a component, without `type` and without the open index signature, so a
 * misspelt prop is a type error. Defaulted fields (ActionConfig `handler`…) are optional.
 */
export type WidgetProps<T> = {
  [
    K in keyof T as string extends K
      ? never
      : number extends K
        ? never
        : K extends 'type'
          ? never
          : K
  ]: T[K];
};

/** A builder for one component type: props in (optional when none is required), wire JSON out. */
export type WidgetBuilder<S extends z.ZodType> = (
  ...props: object extends WidgetProps<z.input<S>>
    ? [props?: WidgetProps<z.input<S>>]
    : [props: WidgetProps<z.input<S>>]
) => z.output<S>;

/** Props holding an ActionConfig, and props holding a CardAction (`{label, action}`). */
const ACTION_PROPS: ReadonlySet<string> = new Set([
  'onClickAction',
  'onSubmitAction',
  'onChangeAction',
]);
const CARD_ACTION_PROPS: ReadonlySet<string> = new Set(['confirm', 'cancel']);

/** Drops `undefined` and `null` props: the wire never carries them (§1.3). */
function compact(props: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

/** Fills `handler`/`loadingBehavior`/`streaming` the way parsing does, so built widgets match parsed ones (§5.2). */
function withActionDefaults(action: unknown): unknown {
  return typeof action === 'object' && action !== null
    ? ActionConfigSchema.parse(compact(action))
    : action;
}

function builder<S extends z.ZodType>(type: string): WidgetBuilder<S> {
  return (...args) => {
    const out: Record<string, unknown> = { type };
    for (const [key, value] of Object.entries(compact(args[0] ?? {}))) {
      if (ACTION_PROPS.has(key)) out[key] = withActionDefaults(value);
      else if (CARD_ACTION_PROPS.has(key) && typeof value === 'object' && value !== null) {
        const cardAction = compact(value);
        out[key] = { ...cardAction, action: withActionDefaults(cardAction.action) };
      } else out[key] = value;
    }
    return out as z.output<S>;
  };
}

// chatkit-python's typed component classes, as functions returning plain JSON (§8.2–8.3).

/** Builds a `Card` root. */
export const Card = builder<typeof CardSchema>('Card');
/** Builds a `ListView` root. */
export const ListView = builder<typeof ListViewSchema>('ListView');
/** Builds a `ListViewItem` (a direct child of `ListView`). */
export const ListViewItem = builder<typeof ListViewItemSchema>('ListViewItem');
/** Builds a `Basic` root (chatkit-python `BasicRoot`). */
export const Basic = builder<typeof BasicRootSchema>('Basic');
/** Builds a `Box`. */
export const Box = builder<typeof BoxSchema>('Box');
/** Builds a `Row`. */
export const Row = builder<typeof RowSchema>('Row');
/** Builds a `Col`. */
export const Col = builder<typeof ColSchema>('Col');
/** Builds a `Form`. */
export const Form = builder<typeof FormSchema>('Form');
/** Builds a `Text`. */
export const Text = builder<typeof TextSchema>('Text');
/** Builds a `Title`. */
export const Title = builder<typeof TitleSchema>('Title');
/** Builds a `Caption`. */
export const Caption = builder<typeof CaptionSchema>('Caption');
/** Builds a `Markdown`. */
export const Markdown = builder<typeof MarkdownSchema>('Markdown');
/** Builds a `Badge`. */
export const Badge = builder<typeof BadgeSchema>('Badge');
/** Builds a `Divider`. */
export const Divider = builder<typeof DividerSchema>('Divider');
/** Builds an `Icon`. */
export const Icon = builder<typeof IconSchema>('Icon');
/** Builds an `Image`. */
export const Image = builder<typeof ImageSchema>('Image');
/** Builds a `Button`. */
export const Button = builder<typeof ButtonSchema>('Button');
/** Builds a `Spacer`. */
export const Spacer = builder<typeof SpacerSchema>('Spacer');
/** Builds a `Select`. */
export const Select = builder<typeof SelectSchema>('Select');
/** Builds a `DatePicker`. */
export const DatePicker = builder<typeof DatePickerSchema>('DatePicker');
/** Builds a `Checkbox`. */
export const Checkbox = builder<typeof CheckboxSchema>('Checkbox');
/** Builds an `Input`. */
export const Input = builder<typeof InputSchema>('Input');
/** Builds a `Textarea`. */
export const Textarea = builder<typeof TextareaSchema>('Textarea');
/** Builds a `Label`. */
export const Label = builder<typeof LabelSchema>('Label');
/** Builds a `RadioGroup`. */
export const RadioGroup = builder<typeof RadioGroupSchema>('RadioGroup');
/** Builds a `Transition` (one child). */
export const Transition = builder<typeof TransitionSchema>('Transition');
/** Builds a `Chart`. */
export const Chart = builder<typeof ChartSchema>('Chart');
