/** One open SSE response: abort `controller` to cancel it through the SDK's cancellation path. */
export interface OpenStream {
  readonly controller: AbortController;
  /** Call once the response body has ended (normally, by error or cancelled). */
  release(): void;
}

/**
 * The SSE responses in flight, so a graceful shutdown can wait for them to finish and then cancel
 * the rest (their signals abort; the server keeps each partial answer).
 */
export class OpenStreams {
  private readonly streams = new Set<OpenStream>();
  private idleWaiters: (() => void)[] = [];

  get size(): number {
    return this.streams.size;
  }

  open(): OpenStream {
    const controller = new AbortController();
    let released = false;
    const stream: OpenStream = {
      controller,
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

  /** Aborts every open stream's signal. */
  abortAll(reason: unknown): void {
    for (const stream of this.streams) stream.controller.abort(reason);
  }

  /** Resolves true when no stream is open, or false after `timeoutMs`. */
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
