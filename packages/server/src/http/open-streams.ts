/** One request in flight: abort it to cancel its work (a stream persists what was already sent). */
export interface OpenStream {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
  /** Called once the response has ended (normally, by error or cancelled); idempotent. */
  release(): void;
}

/**
 * The ChatKit requests in flight, above all open SSE streams, so a graceful shutdown can wait for
 * them to finish and then cancel the rest. A stream is released only after its cancellation was
 * persisted (`handleStreamCancelled`), so "idle" means nothing is left to save.
 */
export class OpenStreams {
  private readonly streams = new Set<OpenStream>();
  private idleWaiters: (() => void)[] = [];

  get size(): number {
    return this.streams.size;
  }

  /** Registers a request; its signal aborts on {@link abortAll} or {@link OpenStream.abort}. */
  open(): OpenStream {
    const controller = new AbortController();
    let released = false;
    const stream: OpenStream = {
      signal: controller.signal,
      abort: (reason) => controller.abort(reason),
      release: () => {
        if (released) return;
        released = true;
        this.streams.delete(stream);
        if (this.streams.size === 0) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const resolve of waiters) resolve();
        }
      },
    };
    this.streams.add(stream);
    return stream;
  }

  /** Aborts every open request's signal. */
  abortAll(reason?: unknown): void {
    for (const stream of this.streams) stream.abort(reason);
  }

  /** Resolves true when no request is open, or false after `timeoutMs`. */
  whenIdle(timeoutMs: number): Promise<boolean> {
    if (this.streams.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((w) => w !== done);
        resolve(false);
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.idleWaiters.push(done);
    });
  }
}
