import { z } from 'zod';
import { IconNameSchema } from '../icons.js';
import {
  ColorSchema,
  IconSizeSchema,
  IntOrStringSchema,
  NumberOrStringSchema,
  RadiusValueSchema,
  SpacingSchema,
  componentBase,
} from './shared.js';

// Media components (docs/protocol.md §8.3).

/** A built-in icon (or a `vendor:`/`lucide:` one, §8.8). */
export const IconSchema = z.looseObject({
  type: z.literal('Icon'),
  ...componentBase,
  name: IconNameSchema,
  color: ColorSchema.nullish(),
  size: IconSizeSchema.nullish(),
});
export type Icon = z.output<typeof IconSchema>;

/** An image with sizing and fitting controls. */
export const ImageSchema = z.looseObject({
  type: z.literal('Image'),
  ...componentBase,
  src: z.string(),
  alt: z.string().nullish(),
  fit: z.enum(['cover', 'contain', 'fill', 'scale-down', 'none']).nullish(),
  /** Focal point inside the frame. */
  position: z
    .enum([
      'top left',
      'top',
      'top right',
      'left',
      'center',
      'right',
      'bottom left',
      'bottom',
      'bottom right',
    ])
    .nullish(),
  radius: RadiusValueSchema.nullish(),
  frame: z.boolean().nullish(),
  flush: z.boolean().nullish(),
  height: IntOrStringSchema.nullish(),
  width: IntOrStringSchema.nullish(),
  size: IntOrStringSchema.nullish(),
  minHeight: IntOrStringSchema.nullish(),
  minWidth: IntOrStringSchema.nullish(),
  minSize: IntOrStringSchema.nullish(),
  maxHeight: IntOrStringSchema.nullish(),
  maxWidth: IntOrStringSchema.nullish(),
  maxSize: IntOrStringSchema.nullish(),
  margin: z.union([z.number().int(), z.string(), SpacingSchema]).nullish(),
  background: ColorSchema.nullish(),
  aspectRatio: NumberOrStringSchema.nullish(),
  flex: IntOrStringSchema.nullish(),
});
export type Image = z.output<typeof ImageSchema>;
