import type { ChatKitServer } from '../server/chatkit-server.js';
import { isStreamingResult } from '../server/results.js';
import { errorResponse, jsonError } from './error-response.js';
import { OpenStreams } from './open-streams.js';

/** One request as the runtime adapters see it. */
export interface EndpointRequest<TContext> {
  method: string;
  getContext: () => TContext | Promise<TContext>;
  readBody: (maxBytes: number) => Promise<Uint8Array>;
  /** Each cancels the request: the client's disconnect, the host's own signal. */
  signals: (AbortSignal | undefined)[];
}

export type EndpointResult =
  | { kind: 'response'; response: Response }
  | { kind: 'json'; json: string }
  | {
      kind: 'stream';
      frames: AsyncIterator<string>;
      /** Cancels the stream (its signal aborts; the partial answer is saved). */
      abort: (reason?: unknown) => void;
      /** Call once the response ended, after the frames' `return()` when cancelled. */
      release: () => void;
    };

/** Options of `close()` on a handler. */
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

export const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
} as const;

/** Where a handler keeps its endpoint, so the Node adapter shares its lifecycle. */
export const ENDPOINT = Symbol('threadline.chatkit-endpoint');

const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
const DEFAULT_SETTLE_MS = 5_000;

/**
 * What every runtime adapter shares: method check, body limit, context, `process()`, error
 * mapping, and the lifecycle (open requests, refusing new ones and cancelling the rest on close).
 */
export class ChatKitEndpoint<TContext> {
  readonly openStreams = new OpenStreams();
  private closing = false;
  private readonly maxBodyBytes: number;

  constructor(
    private readonly server: ChatKitServer<TContext>,
    maxBodyBytes: number | undefined,
  ) {
    this.maxBodyBytes = maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  }

  get logger() {
    return this.server.logger;
  }

  /** The JSON error for a failure; unexpected ones are logged. A thrown `Response` is the answer. */
  fail(error: unknown): Response {
    if (error instanceof Response) return error;
    const { response, unexpected } = errorResponse(error);
    if (unexpected) this.server.logger.error('ChatKit request failed', error);
    return response;
  }

  async run(request: EndpointRequest<TContext>): Promise<EndpointResult> {
    if (request.method !== 'POST') {
      const response = jsonError(
        405,
        { error: { code: 'method_not_allowed', message: 'Use POST' } },
        { allow: 'POST' },
      );
      return { kind: 'response', response };
    }
    if (this.closing) {
      const response = jsonError(
        503,
        { error: { code: 'shutting_down', message: 'The server is shutting down' } },
        { 'retry-after': '5', connection: 'close' },
      );
      return { kind: 'response', response };
    }
    const open = this.openStreams.open();
    const signals = request.signals.filter((s): s is AbortSignal => s !== undefined);
    const onAbort = (event: Event) => open.abort((event.target as AbortSignal).reason);
    for (const signal of signals) {
      if (signal.aborted) open.abort(signal.reason);
      else signal.addEventListener('abort', onAbort, { once: true });
    }
    const release = () => {
      for (const signal of signals) signal.removeEventListener('abort', onAbort);
      open.release();
    };
    try {
      const context = await request.getContext();
      const body = await request.readBody(this.maxBodyBytes);
      const result = await this.server.process(body, context, { signal: open.signal });
      if (!isStreamingResult(result)) {
        release();
        return { kind: 'json', json: result.json };
      }
      return {
        kind: 'stream',
        frames: result[Symbol.asyncIterator](),
        abort: (reason) => open.abort(reason),
        release,
      };
    } catch (error) {
      release();
      return { kind: 'response', response: this.fail(error) };
    }
  }

  async close(options: ChatKitCloseOptions = {}): Promise<boolean> {
    this.closing = true;
    const { openStreams } = this;
    if (await openStreams.whenIdle(options.graceMs ?? 0)) return true;
    options.onCancel?.(openStreams.size);
    openStreams.abortAll(options.reason ?? new Error('The server is shutting down'));
    return openStreams.whenIdle(options.settleMs ?? DEFAULT_SETTLE_MS);
  }
}
