import { jsonError } from '../../http/error-response.js';
import type { Logger } from '../../server/logger.js';
import type { BlobAttachmentStore } from '../blob-attachment-store.js';
import {
  attachmentErrorResponse,
  handleDirectUpload,
  handlePreview,
  handleTwoPhaseUpload,
} from './handlers.js';

export interface AttachmentRoutesOptions<TContext> {
  /**
   * Builds the request context for a direct upload (the other routes authenticate by their signed
   * URL). Use the same function as `createChatKitHandler`; throw a `Response` (e.g. 401) to refuse.
   * Not needed when every call passes its own (`routes(request, { getContext })`).
   */
  getContext?: ((request: Request) => TContext | Promise<TContext>) | undefined;
  /** Path prefix of the routes. Default: the path of the store's `baseUrl`, so minted URLs and routes agree. */
  basePath?: string;
  logger?: Logger;
}

/** Per call: the context of a direct upload, built by the host (after its own auth middleware). */
export interface AttachmentRouteCall<TContext> {
  /** Called only for a direct upload; throw a `Response` (e.g. 401) to refuse. */
  getContext: () => TContext | Promise<TContext>;
}

/** Answers a request to one of our routes, or `undefined` to let the app handle it. */
export type AttachmentRouter<TContext = unknown> = (
  request: Request,
  call?: AttachmentRouteCall<TContext>,
) => Promise<Response | undefined>;

const methodNotAllowed = (allow: string) =>
  jsonError(405, { error: { code: 'method_not_allowed', message: `Use ${allow}` } }, { allow });

const decodeSegment = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
};

/**
 * The attachment routes as one web-standard function, mounted next to the ChatKit endpoint:
 * - `POST <base>/upload`: direct upload (multipart `file`) → 201 attachment JSON;
 * - `PUT|POST <base>/upload/<token>`: two-phase upload, phase 2;
 * - `GET|HEAD <base>/attachments/<id>/preview?token=…`: image previews.
 * Anything else resolves to `undefined`.
 *
 * @example
 * ```ts
 * import { createAttachmentRoutes, type BlobAttachmentStore } from '@threadline/server/attachments';
 * import { Hono } from 'hono';
 * // given: type Ctx = { userId: string };
 * // given: declare const attachments: BlobAttachmentStore<Ctx>;
 * // given: declare const getContext: (request: Request) => Ctx;
 *
 * const app = new Hono();
 * const routes = createAttachmentRoutes(attachments, { getContext });
 * app.all('/chatkit/*', async (c) => (await routes(c.req.raw)) ?? c.notFound());
 * // or, with a context built for this call:
 * app.all('/files/*', async (c, next) =>
 *   (await routes(c.req.raw, { getContext: () => ({ userId: 'u1' }) })) ?? next());
 * ```
 */
export function createAttachmentRoutes<TContext>(
  attachments: BlobAttachmentStore<TContext>,
  options: AttachmentRoutesOptions<TContext> = {},
): AttachmentRouter<TContext> {
  const base = (options.basePath ?? attachments.basePath).replace(/\/+$/, '');
  const handlerOptions = { logger: options.logger };
  return async (request, call) => {
    const { pathname, searchParams } = new URL(request.url);
    if (!pathname.startsWith(`${base}/`)) return undefined;
    const segments = pathname.slice(base.length + 1).split('/');
    const { method } = request;

    if (segments.length === 1 && segments[0] === 'upload') {
      if (method !== 'POST') return methodNotAllowed('POST');
      let context: TContext;
      try {
        const { getContext } = options;
        if (call) context = await call.getContext();
        else if (getContext) context = await getContext(request);
        else throw new Error('createAttachmentRoutes: pass getContext, or one per call');
      } catch (error) {
        return attachmentErrorResponse(error, options.logger);
      }
      return handleDirectUpload(attachments, request, context, handlerOptions);
    }
    if (segments.length === 2 && segments[0] === 'upload') {
      const token = decodeSegment(segments[1]!);
      if (!token) return undefined;
      if (method !== 'PUT' && method !== 'POST') return methodNotAllowed('PUT, POST');
      return handleTwoPhaseUpload(attachments, request, token, handlerOptions);
    }
    if (segments.length === 3 && segments[0] === 'attachments' && segments[2] === 'preview') {
      const id = decodeSegment(segments[1]!);
      if (!id) return undefined;
      if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed('GET, HEAD');
      return handlePreview(attachments, request, id, searchParams.get('token'), handlerOptions);
    }
    return undefined;
  };
}
