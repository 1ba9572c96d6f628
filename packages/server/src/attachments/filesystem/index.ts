/**
 * @module Attachment bytes on the local filesystem (`<dataDir>/attachments/`). Needs Node (`node:fs`)
 * plus the peers of `@threadline/server/attachments` (busboy, file-type).
 */
export {
  FilesystemAttachmentStore,
  type FilesystemAttachmentStoreOptions,
} from './filesystem-attachment-store.js';
export { FilesystemBlobStore } from './filesystem-blob-store.js';
