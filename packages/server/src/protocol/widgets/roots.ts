import { z } from 'zod';
import { WidgetChildrenSchema, WidgetComponentSchema } from './component.js';
import { ListViewItemSchema } from './layout.js';
import {
  CardActionSchema,
  ColorSchema,
  SpacingSchema,
  WidgetStatusSchema,
  componentBase,
} from './shared.js';

// Widget roots (docs/protocol.md §8.2): what a `WidgetItem` holds.

const ThemeSchema = z.enum(['light', 'dark']);

/** A card: the usual widget root. */
export const CardSchema = z.looseObject({
  type: z.literal('Card'),
  ...componentBase,
  get children() {
    return z.array(WidgetComponentSchema);
  },
  /** The card acts as a form: confirm/cancel receive the form data. */
  asForm: z.boolean().nullish(),
  background: ColorSchema.nullish(),
  size: z.enum(['sm', 'md', 'lg', 'full']).nullish(),
  padding: z.union([z.number(), z.string(), SpacingSchema]).nullish(),
  status: WidgetStatusSchema.nullish(),
  /** Collapse the body once the main action has completed. */
  collapsed: z.boolean().nullish(),
  confirm: CardActionSchema.nullish(),
  cancel: CardActionSchema.nullish(),
  /** Force the light or dark theme for this subtree. */
  theme: ThemeSchema.nullish(),
});
export type Card = z.output<typeof CardSchema>;

/** A list of `ListViewItem`s. */
export const ListViewSchema = z.looseObject({
  type: z.literal('ListView'),
  ...componentBase,
  get children() {
    return z.array(ListViewItemSchema);
  },
  /** Items shown before "Show more". */
  limit: z.union([z.number().int(), z.literal('auto')]).nullish(),
  status: WidgetStatusSchema.nullish(),
  theme: ThemeSchema.nullish(),
});
export type ListView = z.output<typeof ListViewSchema>;

/** A layout root with any props, used for entity previews (chatkit-python `BasicRoot`). */
export const BasicRootSchema = z.looseObject({
  type: z.literal('Basic'),
  ...componentBase,
  /** One component or a list; may nest other roots. */
  get children() {
    return WidgetChildrenSchema.nullish();
  },
});
export type BasicRoot = z.output<typeof BasicRootSchema>;

/** A widget root: `Card`, `ListView` or `Basic`, discriminated on `type`. */
export const WidgetRootSchema = z.discriminatedUnion('type', [
  CardSchema,
  ListViewSchema,
  BasicRootSchema,
]);
export type WidgetRoot = z.output<typeof WidgetRootSchema>;
/** A widget root as an integration may write it: ActionConfig defaults may be left out. */
export type WidgetRootInput = z.input<typeof WidgetRootSchema>;
