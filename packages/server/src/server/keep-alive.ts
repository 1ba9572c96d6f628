/** An SSE comment: clients ignore it, proxies see traffic on an otherwise idle stream. */
export const KEEP_ALIVE_FRAME = ': keep-alive\n\n';

const KEEP_ALIVE: IteratorResult<string> = { value: KEEP_ALIVE_FRAME, done: false };

/**
 * Sends `KEEP_ALIVE_FRAME` whenever `frames` has produced nothing for `intervalMs` (a long tool
 * call, a slow model), so proxies that cut idle connections keep the stream open. Frames pass
 * through unchanged and in order.
 */
export function withKeepAlive(
  frames: AsyncIterable<string>,
  intervalMs: number,
): AsyncIterableIterator<string> {
  return new KeepAliveFrames(frames[Symbol.asyncIterator](), intervalMs);
}

/**
 * Every frame crosses this wrapper, so a pull costs one promise and a clock read: one timer per
 * stream, armed on the first pull and re-armed from its own callback for the time left (rather
 * than a timer set and cleared per frame), and handlers bound once.
 */
class KeepAliveFrames implements AsyncIterableIterator<string> {
  /** The source's pull in flight (a keep-alive may have answered the pull that started it). */
  private inflight: Promise<IteratorResult<string>> | undefined;
  /** Its outcome when it settled with no pull waiting: handed to the next pull. */
  private settled: { result: IteratorResult<string> } | { error: unknown } | undefined;
  /** The waiting pull, if any, and since when it waits (performance.now()). */
  private resolve: ((result: IteratorResult<string>) => void) | undefined;
  private reject: ((error: unknown) => void) | undefined;
  private waitingSince = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ended = false;

  constructor(
    private readonly source: AsyncIterator<string>,
    private readonly intervalMs: number,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<string>> {
    const settled = this.settled;
    if (settled) {
      this.settled = undefined;
      return 'error' in settled
        ? // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passed through as thrown
          Promise.reject(settled.error)
        : Promise.resolve(settled.result);
    }
    if (!this.inflight) {
      this.inflight = this.source.next();
      this.inflight.then(this.onResult, this.onError);
    }
    this.waitingSince = performance.now();
    if (this.timer === undefined && !this.ended) {
      this.timer = setTimeout(this.onTimer, this.intervalMs);
    }
    return new Promise(this.park);
  }

  private readonly park = (
    resolve: (result: IteratorResult<string>) => void,
    reject: (error: unknown) => void,
  ): void => {
    this.resolve = resolve;
    this.reject = reject;
  };

  private readonly onResult = (result: IteratorResult<string>): void => {
    this.inflight = undefined;
    if (result.done) this.stopTimer();
    const resolve = this.resolve;
    if (!resolve) {
      this.settled = { result };
      return;
    }
    this.resolve = this.reject = undefined;
    resolve(result);
  };

  private readonly onError = (error: unknown): void => {
    this.inflight = undefined;
    this.stopTimer();
    const reject = this.reject;
    if (!reject) {
      this.settled = { error };
      return;
    }
    this.resolve = this.reject = undefined;
    reject(error);
  };

  /** Answers a pull that waited `intervalMs` with a keep-alive; re-arms while the stream lives. */
  private readonly onTimer = (): void => {
    this.timer = undefined;
    if (this.ended) return;
    const resolve = this.resolve;
    if (!resolve) return; // no pull waiting: the next pull re-arms
    const waited = performance.now() - this.waitingSince;
    if (waited >= this.intervalMs) {
      this.resolve = this.reject = undefined;
      resolve(KEEP_ALIVE);
      return;
    }
    this.timer = setTimeout(this.onTimer, this.intervalMs - waited);
  };

  private stopTimer(): void {
    this.ended = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  async return(): Promise<IteratorResult<string>> {
    this.stopTimer();
    this.inflight = undefined;
    this.settled = undefined;
    return (await this.source.return?.()) ?? { value: undefined, done: true };
  }
}
