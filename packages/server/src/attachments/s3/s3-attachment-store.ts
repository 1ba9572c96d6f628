import { S3Client, type S3ClientConfig, type StorageClass } from '@aws-sdk/client-s3';
import { BlobAttachmentStore } from '../blob-attachment-store.js';
import type { BlobAttachmentStoreOptions } from '../blob-attachment-store-options.js';
import { S3BlobStore } from './s3-blob-store.js';

export interface S3AttachmentStoreOptions<TContext> extends Omit<
  BlobAttachmentStoreOptions<TContext>,
  'blobs'
> {
  /**
   * A client, or its configuration. For MinIO-style servers: `{ endpoint, forcePathStyle: true,
   * region, credentials }`.
   */
  s3: S3Client | S3ClientConfig;
  bucket: string;
  /** Object key prefix. Default `attachments/`. */
  prefix?: string;
  /** Multipart part size for uploads through the server. Default 8 MiB. */
  partSize?: number;
  /** Storage class of the stored objects (`STANDARD_IA`…). Default: the bucket's. */
  storageClass?: StorageClass | undefined;
}

/**
 * Attachments in an S3-compatible bucket. By default uploads and previews go through the server's
 * attachment routes (size and type enforced while streaming). `uploadVia: 'object-store'` hands
 * the browser a presigned PUT instead; `previewVia: 'object-store'` makes the preview route
 * redirect to a presigned GET, so the object store serves the bytes.
 *
 * @example
 * ```ts
 * import { S3AttachmentStore } from '@threadline/server/attachments/s3';
 * import { PostgresStore } from '@threadline/server/stores/postgres';
 *
 * const attachments = new S3AttachmentStore<{ userId: string }>({
 *   store: new PostgresStore({ connectionString: process.env.DATABASE_URL! }),
 *   bucket: 'chat-files',
 *   secret: process.env.ATTACHMENT_SECRET!,
 *   baseUrl: 'https://api.example.com/chatkit',
 *   s3: { region: 'us-east-1', endpoint: 'http://minio:9000', forcePathStyle: true },
 *   previewVia: 'object-store',
 * });
 * ```
 */
export class S3AttachmentStore<TContext = unknown> extends BlobAttachmentStore<TContext> {
  readonly client: S3Client;

  constructor(options: S3AttachmentStoreOptions<TContext>) {
    const client = options.s3 instanceof S3Client ? options.s3 : new S3Client(options.s3);
    super({
      ...options,
      blobs: new S3BlobStore({
        client,
        bucket: options.bucket,
        prefix: options.prefix,
        partSize: options.partSize,
        storageClass: options.storageClass,
      }),
    });
    this.client = client;
  }
}
