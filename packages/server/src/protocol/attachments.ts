import { z } from 'zod';

/** How the client uploads the bytes in a two-phase upload (§4.6). */
export const UploadDescriptorSchema = z.object({
  url: z.string(),
  method: z.enum(['POST', 'PUT']),
  headers: z.record(z.string(), z.string()).default({}),
});
export type UploadDescriptor = z.output<typeof UploadDescriptorSchema>;

const attachmentBase = {
  id: z.string(),
  name: z.string(),
  mime_type: z.string(),
  upload_descriptor: UploadDescriptorSchema.nullish(),
  /** Set by the server when a user message containing the attachment is saved. */
  thread_id: z.string().nullish(),
  /** Integration-only; never serialized to clients. */
  metadata: z.record(z.string(), z.unknown()).nullish(),
};

export const FileAttachmentSchema = z.object({ ...attachmentBase, type: z.literal('file') });
export const ImageAttachmentSchema = z.object({
  ...attachmentBase,
  type: z.literal('image'),
  /** Thumbnail URL; may be a short-lived signed URL. */
  preview_url: z.string(),
});
export const AttachmentSchema = z.discriminatedUnion('type', [
  FileAttachmentSchema,
  ImageAttachmentSchema,
]);
export type FileAttachment = z.output<typeof FileAttachmentSchema>;
export type ImageAttachment = z.output<typeof ImageAttachmentSchema>;
export type Attachment = z.output<typeof AttachmentSchema>;

/**
 * Params of `attachments.create`, as a browser reports the file: `mime_type` is `""` for a type
 * it does not know, `name` may be empty, and `size` is -1 when unknown (docs/protocol.md §2.14).
 * The attachment store decides what those mean (the blob stores sniff the type from the bytes).
 */
export const AttachmentCreateParamsSchema = z.object({
  name: z.string(),
  size: z
    .number()
    .int('must be a whole number of bytes')
    .min(-1, 'must be a number of bytes, or -1 when unknown'),
  mime_type: z.string(),
});
export type AttachmentCreateParams = z.output<typeof AttachmentCreateParamsSchema>;
