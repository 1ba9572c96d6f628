/**
 * @module Attachment storage for ChatKit: `BlobAttachmentStore` (two-phase and direct uploads,
 * signed single-use upload URLs, signed expiring previews, limits, content sniffing) over a
 * `BlobStore`, and the web-standard HTTP routes for uploads and previews. Needs Node ≥ 20 and the
 * optional peers `busboy` and `file-type`. Backends: `@threadline/server/attachments/filesystem`,
 * `@threadline/server/attachments/s3`.
 */
export { BlobAttachmentStore } from './blob-attachment-store.js';
export type {
  BlobAttachmentStoreOptions,
  PreviewResult,
  UploadBody,
} from './blob-attachment-store-options.js';
export { AttachmentUrlStore, type AttachmentUrlSigner } from './attachment-url-store.js';
export {
  type BlobStore,
  type PresignDownloadOptions,
  type PresignedUpload,
  type PresignUploadOptions,
  type StoredBlob,
} from './blob-store.js';
export {
  DEFAULT_ATTACHMENT_LIMITS,
  isMimeTypeAllowed,
  resolveAttachmentLimits,
  type AttachmentLimits,
  type ValidatedAttachmentParams,
} from './limits.js';
export { isTextualMimeType, sniffMimeType } from './sniff.js';
export {
  AttachmentTokenError,
  AttachmentTokenSigner,
  type AttachmentToken,
  type AttachmentTokenPurpose,
  type AttachmentTokenSignerOptions,
} from './upload-tokens.js';
export { type AttachmentHandlerOptions } from './http/handlers.js';
export {
  createAttachmentRoutes,
  type AttachmentRouteCall,
  type AttachmentRouter,
  type AttachmentRoutesOptions,
} from './http/routes.js';
export { UnsupportedMediaTypeError } from '../errors.js';
