// Attachments for the composer: checking files against the options, uploading them with either
// upload strategy, and local previews.
export { formatBytes } from './format-bytes.js';
export { previewUrl, type PreviewUrl } from './preview-url.js';
export type { FetchLike } from './transfer.js';
export { uploadAttachment, type UploadAttachmentOptions } from './upload-attachment.js';
export { UploadError, type UploadErrorCode } from './upload-error.js';
export {
  acceptAttribute,
  DEFAULT_MAX_COUNT,
  isAccepted,
  maxSizeFor,
  mimeMatches,
  validateFiles,
  type FileLimits,
  type FileValidation,
  type RefusalCode,
  type RefusedFile,
} from './validate-files.js';
