import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
  type StorageClass,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ConflictError } from '../../errors.js';
import {
  BLOB_KEY_PATTERN,
  type BlobStore,
  type PresignDownloadOptions,
  type PresignedUpload,
  type PresignUploadOptions,
  type StoredBlob,
} from '../blob-store.js';
import { concatBytes } from '../byte-streams.js';

export interface S3BlobStoreOptions {
  /** A configured client; for MinIO-style servers set `endpoint` and `forcePathStyle: true`. */
  client: S3Client;
  bucket: string;
  /** Prepended to every object key. Default `attachments/`. */
  prefix?: string;
  /** Uploads larger than this are sent as a multipart upload in parts of this size. Default 8 MiB (minimum 5 MiB, S3's rule). */
  partSize?: number;
  /**
   * Storage class of every object written (`STANDARD_IA`, `INTELLIGENT_TIERING`…), sent as
   * `x-amz-storage-class` (a signed query parameter of presigned uploads). Default: the bucket's
   * (`STANDARD`).
   */
  storageClass?: StorageClass | undefined;
}

const MIN_PART_SIZE = 5 * 1024 * 1024;
const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
/** SigV4 presigned URLs live at most 7 days. */
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

const statusOf = (error: unknown): number | undefined =>
  (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;

/** 412 (the key exists) or 409 (a concurrent conditional write won): the upload was already made. */
const isAlreadyUploaded = (error: unknown): boolean => {
  const status = statusOf(error);
  return status === 412 || status === 409;
};

const isNotFound = (error: unknown): boolean =>
  statusOf(error) === 404 ||
  (error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound'));

const clampExpiry = (seconds: number): number =>
  Math.min(Math.max(1, Math.ceil(seconds)), MAX_PRESIGN_SECONDS);

/**
 * Blobs as objects in an S3-compatible bucket (AWS S3, MinIO, R2, …) under `<prefix><key>`.
 * Writes are conditional (`If-None-Match: *`), so an upload never replaces an existing object;
 * bodies are streamed as a multipart upload once they outgrow one part, so memory stays bounded,
 * and an upload that fails midway is aborted. Also presigns browser uploads and downloads.
 */
export class S3BlobStore implements BlobStore {
  readonly client: S3Client;
  readonly bucket: string;
  private readonly prefix: string;
  private readonly partSize: number;
  private readonly storageClass: StorageClass | undefined;

  constructor(options: S3BlobStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? 'attachments/';
    this.partSize = Math.max(options.partSize ?? DEFAULT_PART_SIZE, MIN_PART_SIZE);
    this.storageClass = options.storageClass;
  }

  private objectKey(key: string): string {
    if (!BLOB_KEY_PATTERN.test(key)) throw new Error(`Invalid blob key ${JSON.stringify(key)}`);
    return `${this.prefix}${key}`;
  }

  async put(
    key: string,
    body: AsyncIterable<Uint8Array>,
    options: { contentType: string },
  ): Promise<number> {
    const Key = this.objectKey(key);
    const Bucket = this.bucket;
    let held: Uint8Array[] = [];
    let heldBytes = 0;
    let size = 0;
    let uploadId: string | undefined;
    const parts: CompletedPart[] = [];
    const uploadPart = async (bytes: Uint8Array) => {
      uploadId ??= (
        await this.client.send(
          new CreateMultipartUploadCommand({
            Bucket,
            Key,
            ContentType: options.contentType,
            StorageClass: this.storageClass,
          }),
        )
      ).UploadId;
      const PartNumber = parts.length + 1;
      const { ETag } = await this.client.send(
        new UploadPartCommand({
          Bucket,
          Key,
          UploadId: uploadId,
          PartNumber,
          Body: bytes,
          ContentLength: bytes.byteLength,
        }),
      );
      parts.push({ ETag, PartNumber });
    };
    try {
      for await (const chunk of body) {
        held.push(chunk);
        heldBytes += chunk.byteLength;
        size += chunk.byteLength;
        if (heldBytes < this.partSize) continue;
        const all = concatBytes(held, heldBytes);
        let offset = 0;
        for (; all.byteLength - offset >= this.partSize; offset += this.partSize) {
          await uploadPart(all.subarray(offset, offset + this.partSize));
        }
        held = offset < all.byteLength ? [all.subarray(offset)] : [];
        heldBytes = all.byteLength - offset;
      }
      const rest = concatBytes(held, heldBytes);
      if (uploadId === undefined) {
        await this.client.send(
          new PutObjectCommand({
            Bucket,
            Key,
            Body: rest,
            ContentLength: rest.byteLength,
            ContentType: options.contentType,
            StorageClass: this.storageClass,
            IfNoneMatch: '*',
          }),
        );
        return size;
      }
      if (rest.byteLength > 0) await uploadPart(rest);
      await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
          IfNoneMatch: '*',
        }),
      );
      return size;
    } catch (error) {
      if (uploadId !== undefined) {
        // Best effort: the original error is the one to report, and a bucket lifecycle rule
        // (AbortIncompleteMultipartUpload) collects any upload whose abort fails.
        await this.client
          .send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: uploadId }))
          .catch(() => undefined);
      }
      if (isAlreadyUploaded(error))
        throw new ConflictError('This attachment has already been uploaded');
      throw error;
    }
  }

  async get(key: string, options: { firstBytes?: number } = {}): Promise<StoredBlob | undefined> {
    const range =
      options.firstBytes === undefined
        ? undefined
        : `bytes=0-${Math.max(0, options.firstBytes - 1)}`;
    try {
      const output = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), Range: range }),
      );
      if (!output.Body) return undefined;
      // A ranged read reports the whole size after the slash of Content-Range.
      const total = Number(output.ContentRange?.split('/')[1] ?? output.ContentLength ?? 0);
      return {
        body: output.Body.transformToWebStream() as ReadableStream<Uint8Array>,
        size: total,
        contentType: output.ContentType,
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
      );
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
    );
  }

  /**
   * A presigned PUT. `Content-Length` and `If-None-Match: *` are signed, so the object store
   * refuses another size and a second upload; the checksum the SDK would compute over the
   * (empty) request body is left out, or every real upload would mismatch it.
   */
  async presignUpload(key: string, options: PresignUploadOptions): Promise<PresignedUpload> {
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: this.objectKey(key),
      ContentType: options.contentType,
      ContentLength: options.contentLength,
      StorageClass: this.storageClass,
      IfNoneMatch: '*',
    });
    command.middlewareStack.add(
      (next) => async (args) => {
        const headers = (args.request as { headers?: Record<string, string> }).headers ?? {};
        for (const name of Object.keys(headers)) {
          if (/^x-amz-(checksum-|sdk-checksum-algorithm)/i.test(name)) delete headers[name];
        }
        return next(args);
      },
      { step: 'build', priority: 'low', name: 'threadlineOmitPresignChecksum' },
    );
    const url = await getSignedUrl(this.client, command, {
      expiresIn: clampExpiry(options.expiresInSeconds),
    });
    return {
      url,
      method: 'PUT',
      headers: { 'content-type': options.contentType, 'if-none-match': '*' },
    };
  }

  /** A presigned GET whose response carries our content type and disposition. */
  async presignDownload(key: string, options: PresignDownloadOptions): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: this.objectKey(key),
      ResponseContentType: options.contentType,
      ResponseContentDisposition: options.contentDisposition,
      ResponseCacheControl: 'private, max-age=300',
    });
    return getSignedUrl(this.client, command, { expiresIn: clampExpiry(options.expiresInSeconds) });
  }
}
