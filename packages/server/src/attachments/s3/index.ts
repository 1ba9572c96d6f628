/**
 * @module Attachment bytes in an S3-compatible object store (AWS S3, MinIO, R2…), with presigned
 * uploads and previews. Needs `@aws-sdk/client-s3` and `@aws-sdk/s3-request-presigner`, plus the
 * peers of `@threadline/server/attachments` (busboy, file-type).
 */
export { S3AttachmentStore, type S3AttachmentStoreOptions } from './s3-attachment-store.js';
export { S3BlobStore, type S3BlobStoreOptions } from './s3-blob-store.js';
