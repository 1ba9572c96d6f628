import { z } from 'zod';
import { ThreadItemSchema } from './items.js';

/** Response of `threads.sync_custom_action`; `{}` when nothing changed. */
export const SyncCustomActionResponseSchema = z.object({
  updated_item: ThreadItemSchema.nullish(),
});
export type SyncCustomActionResponse = z.input<typeof SyncCustomActionResponseSchema>;

export const TranscriptionResultSchema = z.object({ text: z.string() });
export type TranscriptionResult = z.output<typeof TranscriptionResultSchema>;

/** Audio handed to `transcribe`: raw MIME (`audio/webm;codecs=opus`) and its media type (`audio/webm`). */
export interface AudioInput {
  data: Uint8Array;
  mime_type: string;
  media_type: string;
}
