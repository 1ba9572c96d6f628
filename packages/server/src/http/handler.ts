import type { ChatKitServer } from '../server/chatkit-server.js';
import { isStreamingResult } from '../server/results.js';
import { readBody } from './body-limit.js';
import { errorResponse, jsonError } from './error-response.js';
import { frameBatches } from './frame-batches.js';

export interface ChatKitHandlerOptions<TContext> {
  /**
   * Builds the request context once per request (auth, user id, locale). Throw a `Response`
   * (e.g. a 401) to answer the request without processing it.
   */
  getContext: (request: Request) => TContext | Promise<TContext>;
  /** Largest accepted request body; default 10 MiB (dictation audio arrives base64-encoded). */
  maxBodyBytes?: number;
}

export const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
} as const;

const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * A web-standard `(Request) => Promise<Response>` for the ChatKit endpoint: works as a Hono
 * handler, a Next.js route, `Bun.serve`, `Deno.serve`, or under @hono/node-server.
 * A client disconnect (the request's signal) or a cancelled response body cancels the stream.
 */
export function createChatKitHandler<TContext>(
  server: ChatKitServer<TContext>,
  options: ChatKitHandlerOptions<TContext>,
): (request: Request) => Promise<Response> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async (request) => {
    if (request.method !== 'POST') {
      return jsonError(
        405,
        { error: { code: 'method_not_allowed', message: 'Use POST' } },
        { allow: 'POST' },
      );
    }
    const abort = new AbortController();
    const onClientGone = () => abort.abort(request.signal.reason);
    request.signal.addEventListener('abort', onClientGone, { once: true });
    try {
      const context = await options.getContext(request);
      const body = await readBody(request, maxBodyBytes);
      const result = await server.process(body, context, { signal: abort.signal });
      if (!isStreamingResult(result)) {
        request.signal.removeEventListener('abort', onClientGone);
        return new Response(result.json, { headers: { 'content-type': 'application/json' } });
      }
      const frames = frameBatches(result[Symbol.asyncIterator]());
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const chunk = await frames.next();
          if (chunk === undefined) {
            request.signal.removeEventListener('abort', onClientGone);
            controller.close();
          } else {
            controller.enqueue(chunk);
          }
        },
        async cancel(reason) {
          abort.abort(reason);
          await frames.return();
        },
      });
      return new Response(stream, { headers: SSE_HEADERS });
    } catch (error) {
      request.signal.removeEventListener('abort', onClientGone);
      if (error instanceof Response) return error;
      const { response, unexpected } = errorResponse(error);
      if (unexpected) server.logger.error('ChatKit request failed', error);
      return response;
    }
  };
}
