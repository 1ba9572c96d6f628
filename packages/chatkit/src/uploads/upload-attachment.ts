// Uploads one file with the configured `api.uploadStrategy` (docs/protocol.md §2.14, §4.6):
// - `direct`: multipart POST (field `file`) to `uploadUrl`; the server answers the attachment;
// - `two_phase`: `attachments.create` → the bytes to `upload_descriptor` (`PUT` raw, `POST`
//   multipart) → the attachment (from the upload answer when it is one, else the created one).
import type { Attachment, FileUploadStrategy } from '@openai/chatkit';
import { msg } from '../i18n/index.js';
import { mimeTypeOf } from './validate-files.js';
import { transfer, type FetchLike, type TransferResponse } from './transfer.js';
import { errorMessageOf, reasonForStatus, UploadError } from './upload-error.js';

/** The attachment as the server sends it (with the two-phase upload target while pending). */
interface WireAttachment {
  id: string;
  type: 'file' | 'image';
  name: string;
  mime_type: string;
  preview_url?: string | null;
  upload_descriptor?: {
    url: string;
    method?: 'POST' | 'PUT';
    headers?: Record<string, string>;
  } | null;
  /** Before chatkit-python 1.5: a URL taking a multipart POST. */
  upload_url?: string | null;
}

export interface UploadAttachmentOptions {
  file: File;
  strategy: FileUploadStrategy;
  /** Sends one JSON ChatKit request (here `attachments.create` / `attachments.delete`) and resolves with its body. */
  request: (body: { type: string; params: Record<string, unknown> }) => Promise<unknown>;
  /** The page's `api.fetch`, when it gave one (progress is then only reported at start and end). */
  fetch?: FetchLike | undefined;
  /**
   * The ChatKit API URL. A two-phase upload target on another origin (e.g. a presigned object-store
   * URL) is sent without the custom fetch, so the page's credentials never go to a third party.
   * Default: the page's origin.
   */
  apiUrl?: string | undefined;
  /** Fraction uploaded, 0..1. */
  onProgress?: ((fraction: number) => void) | undefined;
  signal?: AbortSignal | undefined;
}

function isWireAttachment(value: unknown): value is WireAttachment {
  const v = value as Partial<WireAttachment> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.id === 'string' &&
    (v.type === 'file' || v.type === 'image') &&
    typeof v.name === 'string' &&
    typeof v.mime_type === 'string'
  );
}

/** The attachment as the element API knows it: no upload target, no server fields. */
function toAttachment(wire: WireAttachment): Attachment {
  const common = { id: wire.id, name: wire.name, mime_type: wire.mime_type };
  return wire.type === 'image'
    ? { type: 'image', ...common, preview_url: wire.preview_url ?? '' }
    : { type: 'file', ...common };
}

function parseAttachment(response: TransferResponse): WireAttachment | undefined {
  if (!/json/i.test(response.contentType)) return undefined;
  try {
    const body: unknown = JSON.parse(response.text);
    return isWireAttachment(body) ? body : undefined;
  } catch {
    return undefined;
  }
}

function ensureOk(response: TransferResponse): void {
  if (response.status >= 200 && response.status < 300) return;
  const detail = errorMessageOf(response.text) ?? `The server answered ${response.status}`;
  throw new UploadError(detail, 'http', reasonForStatus(response.status), response.status);
}

const multipart = (file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
};

function pageOrigin(): string | undefined {
  const location = (globalThis as { location?: { href?: string } }).location;
  return location?.href;
}

function sameOrigin(url: string, base: string | undefined): boolean {
  try {
    const reference = base ?? pageOrigin();
    const target = new URL(url, reference);
    return reference !== undefined && target.origin === new URL(reference).origin;
  } catch {
    return false;
  }
}

async function uploadDirect(options: UploadAttachmentOptions, uploadUrl: string) {
  const response = await transfer({
    url: uploadUrl,
    method: 'POST',
    body: multipart(options.file),
    fetch: options.fetch,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  ensureOk(response);
  const attachment = parseAttachment(response);
  if (!attachment) {
    throw new UploadError(
      'The upload URL did not answer with an attachment',
      'invalid_response',
      msg('Upload failed'),
      response.status,
    );
  }
  return toAttachment(attachment);
}

/** Wraps a failed `request()` (whatever the transport threw) as an UploadError. */
function requestFailure(error: unknown, signal: AbortSignal | undefined): UploadError {
  if (error instanceof UploadError) return error;
  if (signal?.aborted) return UploadError.aborted(error);
  const status = (error as { status?: unknown } | null)?.status;
  const code = typeof status === 'number' ? 'http' : 'network';
  const message = error instanceof Error ? error.message : 'attachments.create failed';
  return new UploadError(
    message,
    code,
    reasonForStatus(typeof status === 'number' ? status : undefined),
    typeof status === 'number' ? status : undefined,
    { cause: error },
  );
}

async function uploadTwoPhase(options: UploadAttachmentOptions) {
  const { file, signal } = options;
  options.onProgress?.(0);
  let created: unknown;
  try {
    created = await options.request({
      type: 'attachments.create',
      params: {
        name: file.name,
        size: file.size,
        mime_type: mimeTypeOf(file) || 'application/octet-stream',
      },
    });
  } catch (error) {
    throw requestFailure(error, signal);
  }
  if (!isWireAttachment(created)) {
    throw new UploadError(
      'attachments.create did not answer with an attachment',
      'invalid_response',
      msg('Upload failed'),
    );
  }
  try {
    const descriptor =
      created.upload_descriptor ??
      (created.upload_url ? { url: created.upload_url, method: 'POST' as const } : undefined);
    if (!descriptor?.url) {
      throw new UploadError(
        'attachments.create gave no upload_descriptor',
        'no_upload_target',
        msg('Upload failed'),
      );
    }
    const method = descriptor.method === 'POST' ? 'POST' : 'PUT';
    const headers = { ...(descriptor.headers ?? {}) };
    if (method === 'POST') {
      // The multipart boundary is chosen by the browser.
      for (const name of Object.keys(headers)) {
        if (name.toLowerCase() === 'content-type') delete headers[name];
      }
    }
    const response = await transfer({
      url: descriptor.url,
      method,
      headers,
      body: method === 'POST' ? multipart(file) : file,
      fetch: sameOrigin(descriptor.url, options.apiUrl) ? options.fetch : undefined,
      signal,
      onProgress: options.onProgress,
    });
    ensureOk(response);
    return toAttachment(parseAttachment(response) ?? created);
  } catch (error) {
    // Best effort: do not leave a pending attachment behind (its bytes never arrived).
    options
      .request({ type: 'attachments.delete', params: { attachment_id: created.id } })
      .catch(() => undefined);
    throw error;
  }
}

/** Uploads `file` and resolves with the attachment to send with the message. */
export async function uploadAttachment(options: UploadAttachmentOptions): Promise<Attachment> {
  if (options.signal?.aborted) throw UploadError.aborted(options.signal.reason);
  const attachment =
    options.strategy.type === 'direct'
      ? await uploadDirect(options, options.strategy.uploadUrl)
      : await uploadTwoPhase(options);
  options.onProgress?.(1);
  return attachment;
}
