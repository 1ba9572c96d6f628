import { z } from 'zod';
import { ThreadItemSchema } from './items.js';
import { pageSchema } from './page.js';

export const ThreadStatusSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('active') }),
  /** Composer visible but disabled; the placeholder shows the reason. */
  z.object({ type: z.literal('locked'), reason: z.string().nullish() }),
  /** Composer replaced by a banner. */
  z.object({ type: z.literal('closed'), reason: z.string().nullish() }),
]);
export type ThreadStatus = z.output<typeof ThreadStatusSchema>;

/** What stores load and save (§4.2). */
export const ThreadMetadataSchema = z.object({
  id: z.string(),
  title: z.string().nullish(),
  created_at: z.string(),
  status: ThreadStatusSchema.default({ type: 'active' }),
  allowed_image_domains: z.array(z.string()).nullish(),
  /** Server-private: never sent to the client (the public form always carries `{}`). */
  metadata: z.record(z.string(), z.unknown()).default({}),
});
export type ThreadMetadata = z.output<typeof ThreadMetadataSchema>;

export const ThreadItemPageSchema = pageSchema(ThreadItemSchema);

export const ThreadSchema = ThreadMetadataSchema.extend({ items: ThreadItemPageSchema });
export type Thread = z.output<typeof ThreadSchema>;
