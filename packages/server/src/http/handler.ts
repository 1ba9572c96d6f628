import type { ChatKitServer } from '../server/chatkit-server.js';
import { readBody } from './body-limit.js';
import { ChatKitEndpoint, ENDPOINT, SSE_HEADERS, type ChatKitCloseOptions } from './endpoint.js';
import { pumpFrames } from './frame-pump.js';
import type { OpenStreams } from './open-streams.js';

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
   * Wraps the work that produces the response body, which goes on after the handler returned:
   * e.g. `(step) => storage.run(scope, step)` to keep a request id in the logs.
   */
  scope?: (<T>(step: () => Promise<T>) => Promise<T>) | undefined;
}

export type { ChatKitCloseOptions };

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

const JSON_HEADERS = { 'content-type': 'application/json' } as const;
const direct = <T>(step: () => Promise<T>): Promise<T> => step();
const encoder = new TextEncoder();

/**
 * A web-standard `(Request) => Promise<Response>` for the ChatKit endpoint: works as a Hono
 * handler, a Next.js route, `Bun.serve`, `Deno.serve`, or under @hono/node-server (on Node,
 * `@threadline/server/node` writes to the socket directly and is faster).
 * A client disconnect (the request's signal), the call's signal, `close()` or a cancelled response
 * body cancels the stream.
 *
 * @example
 * ```ts
 * import type { ChatKitServer } from '@threadline/server';
 * import { createChatKitHandler } from '@threadline/server/http';
 * import { Hono } from 'hono';
 * // given: type Ctx = { userId: string };
 * // given: declare const server: ChatKitServer<Ctx>;
 * // given: declare const getContext: (request: Request) => Ctx;
 *
 * const app = new Hono();
 * const chatkit = createChatKitHandler(server, { getContext });
 * app.post('/chatkit', (c) => chatkit(c.req.raw));
 * // or, with a context built for this call:
 * app.post('/chatkit/mine', (c) => chatkit.handle(c.req.raw, { context: { userId: 'u1' } }));
 * process.on('SIGTERM', () => void chatkit.close({ graceMs: 10_000 }));
 * ```
 */
export function createChatKitHandler<TContext>(
  server: ChatKitServer<TContext>,
  options: ChatKitHandlerOptions<TContext> = {},
): ChatKitHandler<TContext> {
  const endpoint = new ChatKitEndpoint(server, options.maxBodyBytes);

  async function run(
    request: Request,
    getContext: () => TContext | Promise<TContext>,
    call: Omit<ChatKitCall<TContext>, 'context'>,
  ): Promise<Response> {
    const result = await endpoint.run({
      method: request.method,
      getContext,
      readBody: (maxBytes) => readBody(request, maxBytes),
      signals: [request.signal, call.signal],
    });
    if (result.kind === 'response') return result.response;
    if (result.kind === 'json') return new Response(result.json, { headers: JSON_HEADERS });
    const { frames, abort, release } = result;
    const scope = call.scope ?? direct;
    let stopped = false;
    let resume: (() => void) | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const sink = {
          get stopped() {
            return stopped;
          },
          write(chunk: string) {
            controller.enqueue(encoder.encode(chunk));
            return (controller.desiredSize ?? 1) > 0;
          },
          ready: () => new Promise<void>((resolve) => (resume = resolve)),
        };
        void scope(() => pumpFrames(frames, sink)).then(
          () => {
            if (stopped) return;
            stopped = true;
            release();
            controller.close();
          },
          (error: unknown) => {
            if (stopped) return;
            stopped = true;
            // The server turns failures into an `error` event; this guards against a bug.
            endpoint.logger.error('ChatKit stream failed', error);
            release();
            controller.close();
          },
        );
      },
      pull() {
        const wake = resume;
        resume = undefined;
        wake?.();
      },
      cancel: (reason) =>
        scope(async () => {
          // A read pending now resolves later: the pump sees `stopped` and leaves the closed
          // controller alone.
          stopped = true;
          abort(reason);
          resume?.();
          try {
            await frames.return?.();
          } finally {
            release();
          }
        }),
    });
    return new Response(body, { headers: SSE_HEADERS });
  }

  const handler = ((request: Request) => {
    const { getContext } = options;
    if (!getContext) {
      const error = new Error('createChatKitHandler: pass getContext, or call handler.handle()');
      return Promise.resolve(endpoint.fail(error));
    }
    return run(request, () => getContext(request), {});
  }) as ChatKitHandler<TContext>;
  handler.handle = (request, call) => run(request, () => call.context, call);
  Object.defineProperty(handler, 'openStreams', { value: endpoint.openStreams, enumerable: true });
  Object.defineProperty(handler, ENDPOINT, { value: endpoint });
  handler.close = (close) => endpoint.close(close);
  return handler;
}
