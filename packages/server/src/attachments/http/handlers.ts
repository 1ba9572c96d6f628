import { PayloadTooLargeError } from '../../errors.js';
import { errorResponse, jsonError } from '../../http/error-response.js';
import { consoleLogger, type Logger } from '../../server/logger.js';
import { toWireJson } from '../../server/serialize.js';
import type { BlobAttachmentStore } from '../blob-attachment-store.js';
import { inlineDisposition } from '../content-disposition.js';
import { iterateStream } from '../byte-streams.js';
import { AttachmentTokenError } from '../upload-tokens.js';
import { isMultipart, readMultipartFile, type MultipartFile } from './multipart.js';

export interface AttachmentHandlerOptions {
  /** Where unexpected failures are logged. Default: the console. */
  logger?: Logger | undefined;
}

/** Room for multipart boundaries and part headers on top of the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** Headers for user bytes served from our origin: never sniffed, never run as a page. */
const SERVED_FILE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
} as const;

const wireJson = (status: number, body: string): Response =>
  new Response(body, { status, headers: { 'content-type': 'application/json' } });

/**
 * Maps an error to a JSON error response (`{error: {code, message}}`): refused tokens are 403,
 * everything else follows `http/error-response.ts`; unexpected failures are logged.
 */
export function attachmentErrorResponse(error: unknown, logger: Logger = consoleLogger): Response {
  if (error instanceof Response) return error;
  if (error instanceof AttachmentTokenError) {
    return jsonError(403, { error: { code: error.code, message: error.message } });
  }
  const { response, unexpected } = errorResponse(error);
  if (unexpected) logger.error('Attachment request failed', error);
  return response;
}

/** An upload without a body. */
async function* noBytes(): AsyncGenerator<Uint8Array> {}

const declaredLength = (request: Request): number | undefined => {
  const value = Number(request.headers.get('content-length') ?? NaN);
  return Number.isFinite(value) ? value : undefined;
};

/**
 * `POST <base>/upload`, the client's `{type: "direct", uploadUrl}` strategy: multipart field
 * `file`, streamed into storage under the size limit, content checked, metadata saved for the
 * context's owner. Answers 201 with the attachment JSON (metadata stripped).
 */
export async function handleDirectUpload<TContext>(
  attachments: BlobAttachmentStore<TContext>,
  request: Request,
  context: TContext,
  options: AttachmentHandlerOptions = {},
): Promise<Response> {
  let file: MultipartFile | undefined;
  try {
    const length = declaredLength(request);
    if (length !== undefined && length > attachments.limits.maxBytes + MULTIPART_OVERHEAD_BYTES) {
      throw new PayloadTooLargeError(
        `Attachments may be at most ${attachments.limits.maxBytes} bytes`,
      );
    }
    file = await readMultipartFile(request, 'file');
    const attachment = await attachments.uploadDirect(file, context);
    return wireJson(201, toWireJson(attachment));
  } catch (error) {
    return attachmentErrorResponse(error, options.logger);
  } finally {
    file?.release();
  }
}

/**
 * `PUT <base>/upload/<token>`, phase 2 of a two-phase upload (`upload_descriptor.url`). The body
 * is the raw file, or a multipart body with field `file` (also accepted with POST). Answers 200
 * with the attachment JSON; 403 for an expired or forged URL, 409 for a used one.
 */
export async function handleTwoPhaseUpload<TContext>(
  attachments: BlobAttachmentStore<TContext>,
  request: Request,
  token: string,
  options: AttachmentHandlerOptions = {},
): Promise<Response> {
  let file: MultipartFile | undefined;
  try {
    // The body is opened only once the token has been accepted.
    const attachment = await attachments.completeUpload(token, async () => {
      if (!isMultipart(request)) {
        return {
          body: request.body ? iterateStream(request.body) : noBytes(),
          contentLength: declaredLength(request),
        };
      }
      file = await readMultipartFile(request, 'file');
      return { body: file.body };
    });
    return wireJson(200, toWireJson(attachment));
  } catch (error) {
    return attachmentErrorResponse(error, options.logger);
  } finally {
    file?.release();
  }
}

/**
 * `GET|HEAD <base>/attachments/<id>/preview?token=…`, an image's `preview_url`: the bytes with
 * their stored type, inline, `nosniff` and a sandboxing CSP, cacheable privately while the token
 * lives; or a redirect to a presigned object-store URL.
 */
export async function handlePreview<TContext>(
  attachments: BlobAttachmentStore<TContext>,
  request: Request,
  attachmentId: string,
  token: string | null,
  options: AttachmentHandlerOptions = {},
): Promise<Response> {
  try {
    if (!token) throw new AttachmentTokenError('invalid_token', 'This link is not valid');
    const preview = await attachments.openPreview(attachmentId, token);
    if (preview.kind === 'redirect') {
      return new Response(null, {
        status: 302,
        headers: { location: preview.url, 'cache-control': 'no-store' },
      });
    }
    const { attachment, blob, maxAgeSeconds } = preview;
    const headers = {
      'content-type': attachment.mime_type,
      'content-length': String(blob.size),
      'content-disposition': inlineDisposition(attachment.name),
      'cache-control': `private, max-age=${maxAgeSeconds}`,
      ...SERVED_FILE_HEADERS,
    };
    if (request.method === 'HEAD') {
      await blob.body.cancel();
      return new Response(null, { status: 200, headers });
    }
    return new Response(blob.body, { status: 200, headers });
  } catch (error) {
    return attachmentErrorResponse(error, options.logger);
  }
}
