import type { ChatKitServer } from '../server/chatkit-server.js';
import { isStreamingResult } from '../server/results.js';
import { readBody } from './body-limit.js';
import { errorResponse, jsonError } from './error-response.js';
import { frameBatches } from './frame-batches.js';
import { OpenStreams } from './open-streams.js';

export interface ChatKitHandlerOptions<TContext> {
  /**
   * Builds the request context once per request (auth, user id, locale) when the handler is
   * called as `(request)`. Throw a `Response` (e.g. a 401) to answer the request without
   * processing it. Not needed when every call passes its context (`handler.handle`).
   */
  getContext?: ((request: Request) => TContext | Promise<TContext>) | undefined;
  /** Largest accepted request body; default 10 MiB (dictation audio arrives base64-encoded). */
  maxBodyBytes?: number | undefined;
}

/** What a host that authenticates the request itself passes per call. */
export interface ChatKitCall<TContext> {
  context: TContext;
  /** Cancels the request as a client disconnect would (the request's own signal always does). */
  signal?: AbortSignal | undefined;
  /**
   * Wraps every read of the response body and its cancellation, which run after the handler has
   * returned: e.g. `(step) => storage.run(scope, step)` to keep a request id in the logs.
   */
  scope?: (<T>(step: () => Promise<T>) => Promise<T>) | undefined;
}

/** Options of {@link ChatKitHandler.close}. */
export interface ChatKitCloseOptions {
  /** How long open streams may run to their end; default 0 (cancel at once). */
  graceMs?: number | undefined;
  /** How long cancelled streams get to save their partial answers; default 5 s. */
  settleMs?: number | undefined;
  /** The abort reason the cancelled streams' signals carry. */
  reason?: unknown;
  /** Called when the grace period ends with streams still open, before they are cancelled. */
  onCancel?: ((open: number) => void) | undefined;
}

/** A web-standard ChatKit endpoint with a lifecycle. */
export interface ChatKitHandler<TContext> {
  /** Handles a request, building its context with `options.getContext`. */
  (request: Request): Promise<Response>;
  /** Handles a request whose context the host built (after its own auth middleware). */
  handle(request: Request, call: ChatKitCall<TContext>): Promise<Response>;
  /** The requests in flight. */
  readonly openStreams: OpenStreams;
  /**
   * Graceful shutdown: new requests get a 503, open streams may finish within `graceMs`, then the
   * rest are cancelled and their partial answers saved. Resolves true when every stream ended.
   */
  close(options?: ChatKitCloseOptions): Promise<boolean>;
}

/** Response headers of an SSE stream (internal: the adapters share them). */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
} as const;

const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
const DEFAULT_SETTLE_MS = 5_000;

const direct = <T>(step: () => Promise<T>): Promise<T> => step();

/**
 * A web-standard `(Request) => Promise<Response>` for the ChatKit endpoint: works as a Hono
 * handler, a Next.js route, `Bun.serve`, `Deno.serve`, or under @hono/node-server.
 * A client disconnect (the request's signal), the call's signal, `close()` or a cancelled response
 * body cancels the stream.
 *
 * @example
 * const chatkit = createChatKitHandler(server, { getContext });
 * app.post('/chatkit', (c) => chatkit(c.req.raw));
 * // or, with a context your middleware built:
 * app.post('/chatkit', (c) => chatkit.handle(c.req.raw, { context: c.get('ctx') }));
 * process.on('SIGTERM', () => void chatkit.close({ graceMs: 10_000 }));
 */
export function createChatKitHandler<TContext>(
  server: ChatKitServer<TContext>,
  options: ChatKitHandlerOptions<TContext> = {},
): ChatKitHandler<TContext> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const openStreams = new OpenStreams();
  let closing = false;

  const fail = (error: unknown): Response => {
    if (error instanceof Response) return error;
    const { response, unexpected } = errorResponse(error);
    if (unexpected) server.logger.error('ChatKit request failed', error);
    return response;
  };

  async function run(
    request: Request,
    getContext: () => TContext | Promise<TContext>,
    call: Omit<ChatKitCall<TContext>, 'context'>,
  ): Promise<Response> {
    if (request.method !== 'POST') {
      return jsonError(
        405,
        { error: { code: 'method_not_allowed', message: 'Use POST' } },
        { allow: 'POST' },
      );
    }
    if (closing) {
      return jsonError(
        503,
        { error: { code: 'shutting_down', message: 'The server is shutting down' } },
        { 'retry-after': '5', connection: 'close' },
      );
    }
    const open = openStreams.open();
    const onAbort = (event: Event) => open.abort((event.target as AbortSignal).reason);
    const signals = [request.signal, call.signal].filter((s): s is AbortSignal => !!s);
    for (const signal of signals) {
      if (signal.aborted) open.abort(signal.reason);
      else signal.addEventListener('abort', onAbort, { once: true });
    }
    const release = () => {
      for (const signal of signals) signal.removeEventListener('abort', onAbort);
      open.release();
    };
    try {
      const context = await getContext();
      const body = await readBody(request, maxBodyBytes);
      const result = await server.process(body, context, { signal: open.signal });
      if (!isStreamingResult(result)) {
        release();
        return new Response(result.json, { headers: { 'content-type': 'application/json' } });
      }
      const scope = call.scope ?? direct;
      const frames = frameBatches(result[Symbol.asyncIterator]());
      // A read still pending when the body is cancelled resolves afterwards: it must not touch
      // the closed controller.
      let cancelled = false;
      const stream = new ReadableStream<Uint8Array>({
        pull: (controller) =>
          scope(async () => {
            try {
              const chunk = await frames.next();
              if (cancelled) return;
              if (chunk === undefined) {
                release();
                controller.close();
              } else {
                controller.enqueue(chunk);
              }
            } catch (error) {
              if (cancelled) return;
              // The server turns failures into an `error` event; this guards against a bug.
              server.logger.error('ChatKit stream failed', error);
              release();
              controller.close();
            }
          }),
        cancel: (reason) =>
          scope(async () => {
            cancelled = true;
            open.abort(reason);
            try {
              await frames.return();
            } finally {
              release();
            }
          }),
      });
      return new Response(stream, { headers: SSE_HEADERS });
    } catch (error) {
      release();
      return fail(error);
    }
  }

  const handler = ((request: Request) => {
    const { getContext } = options;
    if (!getContext) {
      return Promise.resolve(
        fail(new Error('createChatKitHandler: pass getContext, or call handler.handle()')),
      );
    }
    return run(request, () => getContext(request), {});
  }) as ChatKitHandler<TContext>;
  handler.handle = (request, call) => run(request, () => call.context, call);
  Object.defineProperty(handler, 'openStreams', { value: openStreams, enumerable: true });
  handler.close = async (close = {}) => {
    closing = true;
    if (await openStreams.whenIdle(close.graceMs ?? 0)) return true;
    close.onCancel?.(openStreams.size);
    openStreams.abortAll(close.reason ?? new Error('The server is shutting down'));
    return openStreams.whenIdle(close.settleMs ?? DEFAULT_SETTLE_MS);
  };
  return handler;
}
