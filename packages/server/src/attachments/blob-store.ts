/** Where attachment bytes live. Keys come from `blobKeyForAttachment`; a user's filename never does. */
export interface BlobStore {
  /**
   * Stores `body` under `key`, all or nothing: if the body fails (too large, refused type, client
   * gone) or the write fails, nothing is left behind and the error is rethrown. Refuses to replace
   * an existing blob with `ConflictError`, which is what makes upload URLs single-use.
   * Resolves to the number of bytes stored.
   */
  put(
    key: string,
    body: AsyncIterable<Uint8Array>,
    options: { contentType: string },
  ): Promise<number>;
  /** The blob's bytes, or `undefined` when there is none. `firstBytes` reads only that many leading bytes. */
  get(key: string, options?: { firstBytes?: number }): Promise<StoredBlob | undefined>;
  exists(key: string): Promise<boolean>;
  /** Deletes the blob; a missing blob is not an error. */
  delete(key: string): Promise<void>;
  /** Optional: a presigned URL the browser can PUT the bytes to directly (object stores). */
  presignUpload?(key: string, options: PresignUploadOptions): Promise<PresignedUpload>;
  /** Optional: a presigned URL the browser can GET the bytes from directly (object stores). */
  presignDownload?(key: string, options: PresignDownloadOptions): Promise<string>;
}

export interface StoredBlob {
  body: ReadableStream<Uint8Array>;
  /** Size of the whole blob in bytes (not of a partial read). */
  size: number;
  /** The content type recorded at upload, when the backend records one. */
  contentType?: string | undefined;
}

export interface PresignUploadOptions {
  contentType: string;
  /**
   * Exact size the upload must have; object stores sign it so a different size is rejected.
   * Absent when the browser did not know the size: the limit is then checked on the stored bytes.
   */
  contentLength?: number;
  expiresInSeconds: number;
}

export interface PresignedUpload {
  url: string;
  method: 'PUT' | 'POST';
  /** Headers the browser must send with the upload. */
  headers: Record<string, string>;
}

export interface PresignDownloadOptions {
  contentType: string;
  /** `Content-Disposition` the object store should answer with. */
  contentDisposition: string;
  expiresInSeconds: number;
}

const SAFE_ID = /^[A-Za-z0-9_]{1,128}$/;

/**
 * The storage key of an attachment: its id when that is plain (`atc_…`, the default ids), else
 * `sha256-<hex>` of the id. Keys are therefore always `[A-Za-z0-9_-]`, safe as a file name or an
 * object key, and two ids never share one (a plain id cannot contain `-`).
 */
export async function blobKeyForAttachment(attachmentId: string): Promise<string> {
  if (SAFE_ID.test(attachmentId)) return attachmentId;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(attachmentId));
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
  return `sha256-${hex}`;
}

/** Blob keys as the stores accept them (a second line of defence against path tricks). */
export const BLOB_KEY_PATTERN = /^[A-Za-z0-9_-]{1,200}$/;
