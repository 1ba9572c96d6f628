import { z } from 'zod';

/** A page of results; `after` is the cursor for the next page, present only when `has_more` (§4.1). */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item).default([]),
    has_more: z.boolean().default(false),
    after: z.string().nullish(),
  });

export interface Page<T> {
  data: T[];
  has_more: boolean;
  after?: string | null;
}
