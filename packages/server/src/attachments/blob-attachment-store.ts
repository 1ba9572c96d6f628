import {
  ConfigurationError,
  ConflictError,
  NotFoundError,
  PayloadTooLargeError,
} from '../errors.js';
import type {
  Attachment,
  AttachmentCreateParams,
  UploadDescriptor,
} from '../protocol/attachments.js';
import { defaultResolveOwner, ownerKey, type Owner, type ResolveOwner } from '../stores/owner.js';
import { wrapsStore } from '../stores/delegating-store.js';
import { AttachmentStore, type Store } from '../stores/store.js';
import type {
  BlobAttachmentStoreOptions,
  PreviewResult,
  UploadBody,
} from './blob-attachment-store-options.js';
import { AttachmentUrlStore } from './attachment-url-store.js';
import { concatBytes, iterateStream } from './byte-streams.js';
import { blobKeyForAttachment, type BlobStore, type StoredBlob } from './blob-store.js';
import { inlineDisposition } from './content-disposition.js';
import {
  assertMimeTypeAllowed,
  DEFAULT_ATTACHMENT_NAME,
  resolveAttachmentLimits,
  validateAttachmentName,
  validateAttachmentParams,
  validateMimeType,
  type AttachmentLimits,
} from './limits.js';
import { SNIFF_BYTES, verifyContentType } from './sniff.js';
import { guardUpload } from './upload-guard.js';
import { AttachmentTokenSigner } from './upload-tokens.js';

const DEFAULT_UPLOAD_TTL_SECONDS = 900;
const DEFAULT_PREVIEW_TTL_SECONDS = 3600;
/** How long a redirect to the object store stays valid (the browser follows it at once). */
const REDIRECT_TTL_SECONDS = 300;
const MAX_PREVIEW_CACHE_SECONDS = 3600;

const defaultContextForOwner = <TContext>(owner: Owner): TContext =>
  ({ userId: owner.userId, tenantId: owner.tenantId ?? null }) as unknown as TContext;

/**
 * An `AttachmentStore` over any `BlobStore`: two-phase uploads with signed single-use upload URLs,
 * direct uploads, signed expiring image previews, and byte cleanup on delete. The filesystem and
 * S3 stores are this class with their blob store built in.
 *
 * Give it to the `ChatKitServer` as `attachmentStore`; the server then wraps its store with
 * `wrapStore`, which re-signs preview URLs whenever an attachment or a message is loaded (passing
 * the raw store or `.store` both work).
 */
export class BlobAttachmentStore<TContext = unknown> extends AttachmentStore<TContext> {
  /**
   * The metadata store with fresh preview URLs on every load: what `ChatKitServer` uses (it
   * derives it with `wrapStore`), for code that loads attachments or messages outside a server.
   */
  readonly store: Store<TContext>;
  readonly limits: AttachmentLimits;
  readonly tokens: AttachmentTokenSigner;
  /** Path of `baseUrl` (e.g. `/chatkit`): where `createAttachmentRoutes` listens. */
  readonly basePath: string;
  readonly presignedUploads: boolean;
  /** `limits.maxPerMessage`, under the name a server-side check can read from any AttachmentStore. */
  override readonly maxAttachmentsPerMessage: number;
  protected readonly metadata: Store<TContext>;
  protected readonly blobs: BlobStore;
  private readonly baseUrl: string;
  private readonly uploadTtl: number;
  private readonly previewTtl: number;
  private readonly presignedPreviews: boolean;
  private readonly resolveOwner: ResolveOwner<TContext>;
  private readonly contextForOwner: (owner: Owner) => TContext;
  private readonly now: () => number;

  constructor(options: BlobAttachmentStoreOptions<TContext>) {
    super();
    const base = URL.canParse(String(options.baseUrl))
      ? new URL(String(options.baseUrl))
      : undefined;
    if (base?.protocol !== 'http:' && base?.protocol !== 'https:') {
      throw new ConfigurationError('baseUrl must be an absolute http(s) URL');
    }
    this.baseUrl = `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
    this.basePath = base.pathname.replace(/\/+$/, '');
    this.metadata = options.store;
    this.blobs = options.blobs;
    this.limits = resolveAttachmentLimits(options.limits);
    this.maxAttachmentsPerMessage = this.limits.maxPerMessage;
    this.now = options.now ?? Date.now;
    this.tokens = new AttachmentTokenSigner({ secret: options.secret, now: this.now });
    this.uploadTtl = options.uploadUrlTtlSeconds ?? DEFAULT_UPLOAD_TTL_SECONDS;
    this.previewTtl = options.previewUrlTtlSeconds ?? DEFAULT_PREVIEW_TTL_SECONDS;
    this.presignedUploads = options.uploadVia === 'object-store';
    this.presignedPreviews = options.previewVia === 'object-store';
    if (this.presignedUploads && !this.blobs.presignUpload) {
      throw new ConfigurationError(
        'uploadVia "object-store" needs a blob store that presigns uploads',
      );
    }
    if (this.presignedPreviews && !this.blobs.presignDownload) {
      throw new ConfigurationError(
        'previewVia "object-store" needs a blob store that presigns downloads',
      );
    }
    this.resolveOwner = options.resolveOwner ?? defaultResolveOwner;
    this.contextForOwner = options.contextForOwner ?? defaultContextForOwner;
    this.store = this.wrapStore(this.metadata);
  }

  // ---- AttachmentStore ----

  /**
   * `store` with fresh preview URLs on every load (and presigned uploads finalized): an
   * `AttachmentUrlStore` around it, unless `store` already has this store's one inside.
   */
  override wrapStore(store: Store<TContext>): Store<TContext> {
    const signs = (layer: Store<TContext>) =>
      layer instanceof AttachmentUrlStore && layer.signer === this;
    return wrapsStore(store, signs) ? store : new AttachmentUrlStore(store, this);
  }

  /** Two-phase upload, phase 1: validates, then returns the attachment with its upload URL (the server saves it). */
  override async createAttachment(
    params: AttachmentCreateParams,
    context: TContext,
  ): Promise<Attachment> {
    const { name, size, mimeType } = validateAttachmentParams(params, this.limits);
    const id = this.generateAttachmentId(mimeType, context);
    const owner = this.resolveOwner(context);
    const key = await blobKeyForAttachment(id);
    let upload_descriptor: UploadDescriptor;
    if (this.presignedUploads) {
      upload_descriptor = await this.blobs.presignUpload!(key, {
        contentType: mimeType,
        ...(size !== undefined ? { contentLength: size } : {}),
        expiresInSeconds: this.uploadTtl,
      });
    } else {
      const token = await this.tokens.sign({
        attachmentId: id,
        owner,
        purpose: 'upload',
        expiresInSeconds: this.uploadTtl,
      });
      upload_descriptor = { url: `${this.baseUrl}/upload/${token}`, method: 'PUT', headers: {} };
    }
    return this.buildAttachment({ id, name, mimeType, size, owner, upload_descriptor });
  }

  /** Deletes the bytes (the server has checked ownership and then deletes the metadata). */
  override async deleteAttachment(attachmentId: string, _context: TContext): Promise<void> {
    await this.blobs.delete(await blobKeyForAttachment(attachmentId));
  }

  /**
   * Deletes bytes and metadata of the attachments sent in a thread's messages (called by
   * `threads.delete`). An attachment since re-sent in another thread is kept.
   */
  override async deleteThreadAttachments(threadId: string, context: TContext): Promise<void> {
    const ids = new Set<string>();
    let after: string | undefined;
    do {
      const page = await this.metadata.loadThreadItems(threadId, after, 100, 'asc', context);
      for (const item of page.data) {
        if (item.type === 'user_message') for (const a of item.attachments) ids.add(a.id);
      }
      after = page.has_more ? (page.after ?? undefined) : undefined;
    } while (after !== undefined);
    for (const id of ids) {
      const attachment = await this.metadata.loadAttachment(id, context).catch((error: unknown) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      });
      if (attachment && attachment.thread_id && attachment.thread_id !== threadId) continue;
      await this.blobs.delete(await blobKeyForAttachment(id));
      if (attachment) await this.metadata.deleteAttachment(id, context);
    }
  }

  /** A two-phase attachment is uploaded once its bytes arrived and passed the checks. */
  override isUploaded(attachment: Attachment): boolean {
    return !attachment.upload_descriptor;
  }

  /**
   * Deletes attachments no message references that are older than `maxAgeMs`: uploads that were
   * never sent, never completed, or refused (413/415). Rows first, then bytes, in batches; returns
   * how many were removed. Needs a metadata store with `deleteUnsentAttachments` (the SQL stores).
   */
  async sweepAbandonedUploads(maxAgeMs: number, batch = 500): Promise<number> {
    const sweep = this.metadata.deleteUnsentAttachments?.bind(this.metadata);
    if (!sweep) {
      throw new ConfigurationError('This metadata store cannot list unsent attachments');
    }
    const cutoff = this.now() - maxAgeMs;
    let removed = 0;
    for (;;) {
      const ids = await sweep(cutoff, batch);
      for (const id of ids) await this.blobs.delete(await blobKeyForAttachment(id));
      removed += ids.length;
      if (ids.length < batch) return removed;
    }
  }

  // ---- uploads ----

  /**
   * Direct upload (`POST /chatkit/upload`): validates name and type, streams the bytes into the
   * blob store under the limit, checks the content, then saves the metadata for the context's owner.
   */
  async uploadDirect(
    file: { filename: string; mimeType: string; body: AsyncIterable<Uint8Array> },
    context: TContext,
  ): Promise<Attachment> {
    const name = validateAttachmentName(file.filename, 'file', DEFAULT_ATTACHMENT_NAME);
    const declared = validateMimeType(
      file.mimeType || 'application/octet-stream',
      this.limits,
      'file',
    );
    const owner = this.resolveOwner(context);
    const id = this.generateAttachmentId(declared, context);
    const key = await blobKeyForAttachment(id);
    let mimeType = declared;
    const size = await this.blobs.put(
      key,
      guardUpload(file.body, {
        maxBytes: this.limits.maxBytes,
        inspect: async (head) => {
          mimeType = await verifyContentType({
            declared,
            head,
            allowedMimeTypes: this.limits.allowedMimeTypes,
          });
        },
      }),
      { contentType: declared },
    );
    const attachment = await this.buildAttachment({ id, name, mimeType, size, owner });
    try {
      await this.metadata.saveAttachment(attachment, context);
    } catch (error) {
      await this.blobs.delete(key);
      throw error;
    }
    return attachment;
  }

  /**
   * Two-phase upload, phase 2 (`PUT <upload_descriptor.url>`): the token names the attachment and
   * its owner. Refused when the URL is expired or tampered (`AttachmentTokenError`), or already
   * used (`ConflictError`). `upload` may be a function, called only once the URL is accepted.
   * On success `upload_descriptor` is cleared.
   */
  async completeUpload(
    token: string,
    upload: UploadBody | (() => Promise<UploadBody>),
  ): Promise<Attachment> {
    const { attachmentId, owner } = await this.tokens.verify(token, 'upload');
    const context = this.contextFor(owner);
    const pending = await this.metadata.loadAttachment(attachmentId, context);
    const key = await blobKeyForAttachment(attachmentId);
    if (!pending.upload_descriptor || (await this.blobs.exists(key))) {
      throw new ConflictError('This upload URL has already been used');
    }
    if (typeof upload === 'function') upload = await upload();
    const maxBytes = this.uploadLimit(pending);
    if (upload.contentLength !== undefined && upload.contentLength > maxBytes) {
      throw new PayloadTooLargeError(`This upload may be at most ${maxBytes} bytes`);
    }
    let mimeType = pending.mime_type;
    const size = await this.blobs.put(
      key,
      guardUpload(upload.body, {
        maxBytes,
        inspect: async (head) => {
          mimeType = await this.verifyUploadedType(pending.mime_type, head);
        },
      }),
      { contentType: pending.mime_type },
    );
    return this.markUploaded(attachmentId, key, { size, mimeType, owner }, context);
  }

  /**
   * For `uploadVia: 'object-store'`: once the browser has PUT the bytes, sniffs them and clears
   * `upload_descriptor`. Bytes not uploaded yet leave the attachment pending; bytes that do not
   * match their type are deleted with the metadata (`UnsupportedMediaTypeError`).
   */
  async finalizePresignedUpload(attachment: Attachment, context: TContext): Promise<Attachment> {
    if (!this.presignedUploads || !attachment.upload_descriptor) return attachment;
    const key = await blobKeyForAttachment(attachment.id);
    const blob = await this.blobs.get(key, { firstBytes: SNIFF_BYTES });
    if (!blob) return attachment;
    const chunks: Uint8Array[] = [];
    for await (const chunk of iterateStream(blob.body)) chunks.push(chunk);
    let mimeType: string;
    try {
      if (blob.size > this.uploadLimit(attachment)) {
        throw new PayloadTooLargeError(
          `This upload may be at most ${this.uploadLimit(attachment)} bytes`,
        );
      }
      const head = concatBytes(chunks).subarray(0, SNIFF_BYTES);
      mimeType = await this.verifyUploadedType(attachment.mime_type, head);
    } catch (error) {
      await this.blobs.delete(key);
      await this.metadata.deleteAttachment(attachment.id, context);
      throw error;
    }
    const owner = this.resolveOwner(context);
    return this.markUploaded(attachment.id, key, { size: blob.size, mimeType, owner }, context);
  }

  // ---- reading ----

  /**
   * Resolves a preview URL (`GET …/attachments/<id>/preview?token=…`): the token must be a
   * preview token for this id, and its owner must still own the image.
   */
  async openPreview(attachmentId: string, token: string): Promise<PreviewResult> {
    const verified = await this.tokens.verify(token, 'preview', { attachmentId });
    const context = this.contextFor(verified.owner);
    let attachment = await this.metadata.loadAttachment(attachmentId, context);
    attachment = await this.finalizePresignedUpload(attachment, context);
    const missing = () => new NotFoundError(`Attachment ${attachmentId} has no preview`);
    if (attachment.type !== 'image' || attachment.upload_descriptor) throw missing();
    const key = await blobKeyForAttachment(attachmentId);
    if (this.presignedPreviews) {
      if (!(await this.blobs.exists(key))) throw missing();
      const url = await this.blobs.presignDownload!(key, {
        contentType: attachment.mime_type,
        contentDisposition: inlineDisposition(attachment.name),
        expiresInSeconds: REDIRECT_TTL_SECONDS,
      });
      return { kind: 'redirect', url };
    }
    const blob = await this.blobs.get(key);
    if (!blob) throw missing();
    const remaining = Math.floor((verified.expiresAt - this.now()) / 1000);
    return {
      kind: 'bytes',
      attachment,
      blob,
      maxAgeSeconds: Math.max(0, Math.min(remaining, MAX_PREVIEW_CACHE_SECONDS)),
    };
  }

  /**
   * The bytes of an uploaded attachment the context's owner owns, e.g. to give them to a model in
   * `respond`. `NotFoundError` when missing, foreign or not uploaded yet.
   */
  async openAttachment(
    attachmentId: string,
    context: TContext,
  ): Promise<{ attachment: Attachment; blob: StoredBlob }> {
    const attachment = await this.store.loadAttachment(attachmentId, context);
    const blob = attachment.upload_descriptor
      ? undefined
      : await this.blobs.get(await blobKeyForAttachment(attachmentId));
    if (!blob) throw new NotFoundError(`Attachment ${attachmentId} has not been uploaded`);
    return { attachment, blob };
  }

  /**
   * The attachment with a freshly signed `preview_url` when it is an image whose preview we
   * serve; anything else is returned unchanged (another store's URLs are never rewritten).
   */
  async withFreshPreviewUrl<T extends Attachment>(attachment: T, context: TContext): Promise<T> {
    if (attachment.type !== 'image' || !attachment.preview_url.startsWith(this.previewPrefix)) {
      return attachment;
    }
    const preview_url = await this.previewUrl(attachment.id, this.resolveOwner(context));
    return { ...attachment, preview_url };
  }

  // ---- internals ----

  private get previewPrefix(): string {
    return `${this.baseUrl}/attachments/`;
  }

  private async previewUrl(attachmentId: string, owner: Owner): Promise<string> {
    const token = await this.tokens.sign({
      attachmentId,
      owner,
      purpose: 'preview',
      expiresInSeconds: this.previewTtl,
    });
    return `${this.previewPrefix}${encodeURIComponent(attachmentId)}/preview?token=${token}`;
  }

  private async buildAttachment(input: {
    id: string;
    name: string;
    mimeType: string;
    /** `undefined` while a two-phase upload's size is unknown. */
    size: number | undefined;
    owner: Owner;
    upload_descriptor?: UploadDescriptor;
    /** Kept from the stored record (`thread_id`, integration metadata) when rebuilt. */
    carried?: Pick<Attachment, 'thread_id' | 'metadata'>;
  }): Promise<Attachment> {
    const base = {
      id: input.id,
      name: input.name,
      mime_type: input.mimeType,
      ...(input.upload_descriptor ? { upload_descriptor: input.upload_descriptor } : {}),
      ...(input.carried?.thread_id ? { thread_id: input.carried.thread_id } : {}),
      metadata: {
        ...input.carried?.metadata,
        ...(input.size !== undefined ? { size: input.size } : {}),
      },
    };
    return input.mimeType.startsWith('image/')
      ? { ...base, type: 'image', preview_url: await this.previewUrl(input.id, input.owner) }
      : { ...base, type: 'file' };
  }

  /** The declared size of a two-phase upload (never above `maxBytes`). */
  private uploadLimit(attachment: Attachment): number {
    const declared = attachment.metadata?.size;
    return typeof declared === 'number'
      ? Math.min(declared, this.limits.maxBytes)
      : this.limits.maxBytes;
  }

  /**
   * The type to store for uploaded bytes: the declared one, or for `application/octet-stream`
   * (also what a browser's unknown type becomes) the sniffed one, which must be allowed.
   */
  private async verifyUploadedType(declared: string, head: Uint8Array): Promise<string> {
    const mimeType = await verifyContentType({
      declared,
      head,
      allowedMimeTypes: this.limits.allowedMimeTypes,
    });
    assertMimeTypeAllowed(mimeType, this.limits);
    return mimeType;
  }

  /**
   * Clears `upload_descriptor` on the current record (re-read, so a `thread_id` stamped meanwhile
   * is kept), recording the real size and the verified type: an attachment whose type was only
   * known from its bytes becomes an image with a preview. If the attachment was deleted during
   * the upload, the bytes go too.
   */
  private async markUploaded(
    id: string,
    key: string,
    uploaded: { size: number; mimeType: string; owner: Owner },
    context: TContext,
  ): Promise<Attachment> {
    try {
      const current = await this.metadata.loadAttachment(id, context);
      const { upload_descriptor: _done, ...rest } = current;
      const attachment: Attachment =
        current.mime_type === uploaded.mimeType
          ? { ...rest, metadata: { ...current.metadata, size: uploaded.size } }
          : await this.buildAttachment({
              id,
              name: current.name,
              mimeType: uploaded.mimeType,
              size: uploaded.size,
              owner: uploaded.owner,
              carried: { thread_id: current.thread_id, metadata: current.metadata },
            });
      await this.metadata.saveAttachment(attachment, context);
      return attachment;
    } catch (error) {
      await this.blobs.delete(key);
      throw error;
    }
  }

  private contextFor(owner: Owner): TContext {
    const context = this.contextForOwner(owner);
    if (ownerKey(this.resolveOwner(context)) !== ownerKey(owner)) {
      throw new ConfigurationError(
        'contextForOwner() built a context that resolveOwner() maps to a different owner',
      );
    }
    return context;
  }
}
