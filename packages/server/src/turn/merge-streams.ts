import type { AsyncQueue } from './async-queue.js';

/**
 * Interleaves a model stream with the context queue in arrival order (chatkit-python
 * `_merge_generators`, §9.2). The consumer loop polls the queue first (so a tool's progress update
 * is never starved by a fast model), then waits for whichever comes next: the primary's next value
 * or a push to the queue. Values still queued when the primary ends stay in the queue for the
 * caller's final drain, as in the reference.
 *
 * A class rather than an async generator: on the hot path (one model delta after another) it costs
 * one `next()` on the primary and one wake-up promise, no extra generator hop and no
 * `Promise.race` (whose reactions pile up on a long-pending promise).
 *
 * Internal; the consumer loops of `streamWithContext` (context-stream.ts) and
 * `streamAgentResponse` show its use: poll the queue, else `wait()`, then `take()`, and `close()`
 * in a `finally`.
 */
export class QueueMerge<TPrimary, TQueued> {
  private result: IteratorResult<TPrimary> | undefined;
  private failed = false;
  private error: unknown;
  private pending = false;
  private wake: (() => void) | undefined;
  private finished = false;

  constructor(
    private readonly primary: AsyncIterator<TPrimary>,
    private readonly queue: AsyncQueue<TQueued>,
  ) {
    queue.onPush(() => this.wake?.());
  }

  // Bound once: the hot path allocates no closures.
  private readonly onFulfilled = (result: IteratorResult<TPrimary>): void => {
    this.result = result;
    this.wake?.();
  };

  private readonly onRejected = (error: unknown): void => {
    this.failed = true;
    this.error = error;
    this.wake?.();
  };

  private readonly park = (resolve: () => void): void => {
    this.wake = resolve;
  };

  /**
   * Makes sure the primary's next value is requested, and returns a promise to await when nothing
   * is ready yet (it resolves on the primary's next result or on a queue push), else undefined.
   * Then call {@link take}.
   */
  wait(): Promise<void> | undefined {
    if (!this.pending) {
      this.pending = true;
      this.primary.next().then(this.onFulfilled, this.onRejected);
    }
    if (this.result !== undefined || this.failed || this.queue.size > 0) return undefined;
    return new Promise<void>(this.park);
  }

  /**
   * The primary's result if it arrived (rethrowing its error), else undefined (the queue woke the
   * wait: poll it, then wait again).
   */
  take(): IteratorResult<TPrimary> | undefined {
    this.wake = undefined;
    if (this.failed) {
      this.finished = true;
      throw this.error;
    }
    const result = this.result;
    if (result === undefined) return undefined;
    this.result = undefined;
    this.pending = false;
    if (result.done) this.finished = true;
    return result;
  }

  /**
   * Detaches from the queue; if the primary has not finished (the consumer stopped early), tells it
   * to `return()` (for an Agents SDK run this cancels the run) without waiting.
   */
  close(): void {
    this.queue.onPush(undefined);
    this.wake = undefined;
    if (!this.finished) {
      this.finished = true;
      this.primary.return?.()?.catch(() => undefined);
    }
  }
}
