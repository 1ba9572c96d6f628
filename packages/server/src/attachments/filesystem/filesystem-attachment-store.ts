import { join } from 'node:path';
import { BlobAttachmentStore } from '../blob-attachment-store.js';
import type { BlobAttachmentStoreOptions } from '../blob-attachment-store-options.js';
import { FilesystemBlobStore } from './filesystem-blob-store.js';

export interface FilesystemAttachmentStoreOptions<TContext> extends Omit<
  BlobAttachmentStoreOptions<TContext>,
  'blobs' | 'uploadVia' | 'previewVia'
> {
  /** The application's data directory; bytes go to `<dataDir>/attachments/`. */
  dataDir: string;
}

/**
 * Attachments on the local disk under `<dataDir>/attachments/`: uploads and previews go through
 * the server's attachment routes (`createAttachmentRoutes`).
 *
 * @example
 * ```ts
 * import { createChatKitServer } from '@threadline/server';
 * import { FilesystemAttachmentStore } from '@threadline/server/attachments/filesystem';
 * import { SqliteStore } from '@threadline/server/stores/sqlite';
 *
 * type Ctx = { userId: string };
 * const store = new SqliteStore<Ctx>({ path: './data/chat.db' });
 * const attachments = new FilesystemAttachmentStore<Ctx>({
 *   store,
 *   dataDir: './data',
 *   secret: process.env.ATTACHMENT_SECRET!,
 *   baseUrl: 'https://api.example.com/chatkit',
 *   limits: { maxBytes: 10_000_000 },
 * });
 * // The server fills in fresh preview URLs when messages load (`attachments.wrapStore(store)`).
 * const server = createChatKitServer({
 *   store,
 *   attachmentStore: attachments,
 *   async *respond() {
 *     // … the model's turn
 *   },
 * });
 * ```
 */
export class FilesystemAttachmentStore<TContext = unknown> extends BlobAttachmentStore<TContext> {
  readonly directory: string;

  constructor(options: FilesystemAttachmentStoreOptions<TContext>) {
    const directory = join(options.dataDir, 'attachments');
    super({ ...options, blobs: new FilesystemBlobStore(directory) });
    this.directory = directory;
  }
}
