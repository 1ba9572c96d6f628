/**
 * @module Node fast path for a ChatKit endpoint: reads the `node:http` request and writes frames
 * straight to the `ServerResponse` with backpressure, without a `Request`, a `ReadableStream` or a
 * copy per chunk. Shares the lifecycle (open streams, `close()`) of the web-standard handler it
 * wraps, so one app can serve both.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { PayloadTooLargeError } from '../errors.js';
import { ENDPOINT, SSE_HEADERS, type ChatKitEndpoint } from '../http/endpoint.js';
import { pumpFrames, type FrameSink } from '../http/frame-pump.js';
import type { ChatKitHandler } from '../http/handler.js';

export interface NodeHandlerOptions<TContext> {
  /** Builds the context when a call passes none; throw a `Response` (e.g. a 401) to refuse. */
  getContext?: ((request: IncomingMessage) => TContext | Promise<TContext>) | undefined;
}

/** What a host that authenticated the request itself passes per call. */
export interface NodeChatKitCall<TContext> {
  context: TContext;
  /** Cancels the request as a client disconnect would. */
  signal?: AbortSignal | undefined;
  /** Extra response headers (e.g. CORS or a request id set by the host's middleware). */
  headers?: OutgoingHttpHeaders | undefined;
}

/**
 * Handles one request; resolves with the status once the response head is written (a stream goes
 * on writing after that).
 */
export type NodeChatKitHandler<TContext> = (
  request: IncomingMessage,
  response: ServerResponse,
  call?: NodeChatKitCall<TContext>,
) => Promise<number>;

const JSON_TYPE = 'application/json';

/** Reads the body up to `maxBytes`; past it, the rest is discarded so the 413 can still be sent. */
function readNodeBody(request: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const parsed = (request as { body?: unknown }).body;
  // Already parsed by a framework (e.g. express.json()): `process()` takes the object.
  if (parsed !== undefined && request.readableEnded) {
    return Promise.resolve(new TextEncoder().encode(JSON.stringify(parsed)));
  }
  const tooLarge = () => new PayloadTooLargeError(`Request body exceeds ${maxBytes} bytes`);
  if (Number(request.headers['content-length'] ?? NaN) > maxBytes) {
    request.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      cleanup();
      request.resume();
      reject(tooLarge());
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}

async function sendResponse(
  response: ServerResponse,
  answer: Response,
  extra: OutgoingHttpHeaders | undefined,
): Promise<number> {
  const body = await answer.text();
  const headers: OutgoingHttpHeaders = { ...extra };
  answer.headers.forEach((value, name) => (headers[name] = value));
  response.writeHead(answer.status, headers);
  response.end(body);
  return answer.status;
}

/** Resolves on `drain`, or when the response closes (the pump then sees it stopped). */
function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

/**
 * The Node adapter of a handler made by `createChatKitHandler`: same server, limits and lifecycle.
 *
 * @example
 * ```ts
 * import { createServer, type IncomingMessage } from 'node:http';
 * import type { ChatKitServer } from '@threadline/server';
 * import { createChatKitHandler } from '@threadline/server/http';
 * import { createNodeHandler } from '@threadline/server/node';
 * // given: declare const server: ChatKitServer<{ userId: string }>;
 * // given: declare const userOf: (req: IncomingMessage) => string;
 *
 * const chatkit = createChatKitHandler(server);
 * const onNode = createNodeHandler(chatkit, { getContext: (req) => ({ userId: userOf(req) }) });
 * createServer((req, res) => void onNode(req, res)).listen(3000);
 * process.on('SIGTERM', () => void chatkit.close({ graceMs: 10_000 }));
 * ```
 */
export function createNodeHandler<TContext>(
  handler: ChatKitHandler<TContext>,
  options: NodeHandlerOptions<TContext> = {},
): NodeChatKitHandler<TContext> {
  const endpoint = (handler as unknown as { [ENDPOINT]?: ChatKitEndpoint<TContext> })[ENDPOINT];
  if (!endpoint) throw new TypeError('createNodeHandler: pass a handler from createChatKitHandler');

  return async (request, response, call) => {
    const { getContext } = options;
    const disconnected = new AbortController();
    const onClose = () => {
      if (!response.writableFinished) disconnected.abort(new Error('The client disconnected'));
    };
    response.once('close', onClose);
    const result = await endpoint.run({
      method: request.method ?? 'GET',
      getContext: () => {
        if (call) return call.context;
        if (getContext) return getContext(request);
        throw new Error('createNodeHandler: pass getContext, or a context per call');
      },
      readBody: (maxBytes) => readNodeBody(request, maxBytes),
      signals: [disconnected.signal, call?.signal],
    });
    if (result.kind === 'response') {
      response.off('close', onClose);
      return sendResponse(response, result.response, call?.headers);
    }
    if (result.kind === 'json') {
      response.off('close', onClose);
      response.writeHead(200, {
        ...call?.headers,
        'content-type': JSON_TYPE,
        'content-length': Buffer.byteLength(result.json),
      });
      response.end(result.json);
      return 200;
    }

    const { frames, abort, release } = result;
    let stopped = false;
    const stop = async (reason: unknown) => {
      if (stopped) return;
      stopped = true;
      abort(reason);
      try {
        await frames.return?.();
      } finally {
        release();
      }
    };
    // A disconnect cancels the turn; the pump sees `stopped` and writes nothing more.
    disconnected.signal.addEventListener('abort', () => void stop(disconnected.signal.reason), {
      once: true,
    });
    const sink: FrameSink = {
      get stopped() {
        return stopped || response.destroyed;
      },
      write: (chunk) => response.write(chunk),
      ready: () => drained(response),
    };
    response.writeHead(200, { ...call?.headers, ...SSE_HEADERS });
    pumpFrames(frames, sink).then(
      () => {
        if (stopped) return;
        stopped = true;
        response.off('close', onClose);
        response.end();
        release();
      },
      (error: unknown) => {
        if (stopped) return;
        stopped = true;
        // The server turns failures into an `error` event; this guards against a bug.
        endpoint.logger.error('ChatKit stream failed', error);
        response.off('close', onClose);
        response.end();
        release();
      },
    );
    return 200;
  };
}
