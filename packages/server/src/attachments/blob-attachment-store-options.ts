import type { Attachment } from '../protocol/attachments.js';
import type { Owner, ResolveOwner } from '../stores/owner.js';
import type { Store } from '../stores/store.js';
import type { BlobStore, StoredBlob } from './blob-store.js';
import type { AttachmentLimits } from './limits.js';

export interface BlobAttachmentStoreOptions<TContext> {
  /** The metadata store: the one the `ChatKitServer` is given, without the app's wrappers. */
  store: Store<TContext>;
  /** Where the bytes go. */
  blobs: BlobStore;
  /** Key for the HMAC that signs upload and preview URLs: at least 32 bytes, stable across restarts. */
  secret: string | Uint8Array;
  /**
   * Absolute URL under which the attachment routes are mounted, usually the ChatKit endpoint
   * (`https://api.example.com/chatkit`): uploads go to `<baseUrl>/upload/<token>`, previews are
   * `<baseUrl>/attachments/<id>/preview?token=…`.
   */
  baseUrl: string | URL;
  limits?: Partial<AttachmentLimits>;
  /** Lifetime of a two-phase upload URL. Default 900 s. */
  uploadUrlTtlSeconds?: number;
  /**
   * Lifetime of an image preview URL. Default 3600 s. URLs are re-signed every time the server
   * loads an attachment or a message (see `wrapStore`), so a reloaded thread always has fresh ones.
   */
  previewUrlTtlSeconds?: number;
  /** Who owns a request's data; must agree with the store's. Default: `context.userId`/`user_id`. */
  resolveOwner?: ResolveOwner<TContext>;
  /**
   * Builds a context for a token's owner, used when a browser presents an upload or preview URL
   * without our auth. The default `{ userId, tenantId }` suits stores using the default
   * `resolveOwner`.
   */
  contextForOwner?: (owner: Owner) => TContext;
  /**
   * `server` (default): the browser uploads to our upload route, which enforces size and type
   * while streaming. `object-store`: the browser PUTs straight to a presigned URL (the blob store
   * must support it); the object store enforces the exact size, and the content is sniffed the
   * first time the attachment is loaded (a mismatch deletes it and answers 415).
   */
  uploadVia?: 'server' | 'object-store';
  /** `server` (default): preview bytes stream through our route. `object-store`: the route redirects to a short-lived presigned GET. */
  previewVia?: 'server' | 'object-store';
  /** Clock in milliseconds (tests move it). */
  now?: () => number;
}

/** The bytes of an upload, and the length the request declared (checked before reading). */
export interface UploadBody {
  body: AsyncIterable<Uint8Array>;
  contentLength?: number | undefined;
}

/** What the preview route should answer. */
export type PreviewResult =
  | { kind: 'bytes'; attachment: Attachment; blob: StoredBlob; maxAgeSeconds: number }
  | { kind: 'redirect'; url: string };
