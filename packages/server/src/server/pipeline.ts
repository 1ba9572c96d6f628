import { BaseStreamError, CustomStreamError } from '../errors.js';
import type { ErrorEvent, ThreadStreamEvent, ThreadStreamEventInput } from '../protocol/events.js';
import { isHiddenItem, type ThreadItem } from '../protocol/items.js';
import type { ThreadMetadata } from '../protocol/thread.js';
import type { Store } from '../stores/store.js';
import { TurnCheckpoints, type CheckpointOptions } from './checkpoints.js';
import type { Logger } from './logger.js';
import { normalizeEvent } from './normalize-event.js';
import { applyPendingUpdate } from './pending-items.js';
import { frameEvent, publicThread } from './serialize.js';
import { threadFingerprint } from './thread-changes.js';

/** What the pipeline needs from the server: the store, hooks it calls, and a logger. */
export interface PipelineHost<TContext> {
  readonly store: Store<TContext>;
  readonly logger: Logger;
  /** Partial answers are stored while streaming unless this is `false` (docs/crash-safety.md). */
  readonly checkpoints?: CheckpointOptions | false | undefined;
  getStreamOptions(thread: ThreadMetadata, context: TContext): { allow_cancel: boolean };
  handleStreamCancelled(
    thread: ThreadMetadata,
    pendingItems: ThreadItem[],
    context: TContext,
  ): Promise<void>;
}

/** One stream: optional server-side prelude (e.g. saving the user message), then the integration. */
export interface StreamPlan<TContext> {
  thread: ThreadMetadata;
  context: TContext;
  signal: AbortSignal;
  /** Server work before `stream_options`; its events are sent first, each as soon as it is ready. */
  prelude?: () => AsyncIterable<ThreadStreamEvent>;
  /** Aborts the hooks' signal; called when the consumer stops reading without an abort. */
  abort?: () => void;
  /** The integration's events (`respond`/`action`), started after `stream_options`. */
  source: () => AsyncIterable<ThreadStreamEventInput>;
  /** Called once when the stream has ended and everything is stored (releases the turn lease). */
  onClosed?: () => Promise<void>;
}

/** Converts anything an integration threw into the one `error` event the client sees (§6.3 step 6). */
function errorEventFor(error: unknown): ErrorEvent {
  if (error instanceof CustomStreamError) {
    return { type: 'error', code: 'custom', message: error.message, allow_retry: error.allowRetry };
  }
  if (error instanceof BaseStreamError) {
    return { type: 'error', code: error.code, allow_retry: error.allowRetry };
  }
  return { type: 'error', code: 'stream.error', allow_retry: true };
}

const TEXT_DELTA = 'assistant_message.content_part.text_delta';

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * The event pipeline (chatkit-python `_process_events`, §6.3): emits `stream_options`, then every
 * event the integration yields, persisting `done`/`removed`/`replaced`, hiding hidden items,
 * tracking pending items for cancellation and emitting `thread.updated` when the hook mutated the
 * thread. Any failure, the integration's or the server's own, becomes one `error` event and the
 * stream ends cleanly.
 *
 * Cancellation: when `signal` aborts, or the consumer stops iterating, the integration's iterator
 * is told to `return()` (its cleanup runs; its model call aborts on the same signal) and
 * `handleStreamCancelled` persists what the user already saw, exactly once, before the stream ends.
 */
export function processEvents<TContext>(
  host: PipelineHost<TContext>,
  plan: StreamPlan<TContext>,
): AsyncIterableIterator<string> {
  return new EventPipeline(host, plan);
}

/**
 * A hand-written async iterator rather than an async generator: a text delta then costs one
 * `await` of the integration and one encode, with no generator resumption in between (the
 * difference is measurable in `npm run bench`). Frames other than the one being returned wait in
 * `queue`.
 */
class EventPipeline<TContext> implements AsyncIterableIterator<string> {
  private readonly queue: string[] = [];
  private readonly pending = new Map<string, ThreadItem>();
  private phase: 'prelude' | 'stream' | 'done' = 'prelude';
  private prelude: AsyncIterator<ThreadStreamEvent> | undefined;
  private iterator: AsyncIterator<ThreadStreamEventInput> | undefined;
  private settled = false;
  private cancelling: Promise<void> | undefined;
  private snapshot: string;
  private readonly checkpoints: TurnCheckpoints<TContext> | undefined;
  private readonly onAbort = () => {
    this.cancel().catch((error: unknown) =>
      this.host.logger.error('handleStreamCancelled failed', error),
    );
  };

  constructor(
    private readonly host: PipelineHost<TContext>,
    private readonly plan: StreamPlan<TContext>,
  ) {
    this.snapshot = threadFingerprint(plan.thread);
    if (host.checkpoints !== false) {
      this.checkpoints = new TurnCheckpoints(
        host.store,
        plan.thread,
        plan.context,
        this.pending,
        host.logger,
        host.checkpoints,
      );
    }
    plan.signal.addEventListener('abort', this.onAbort, { once: true });
    if (plan.signal.aborted) this.settled = true;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /**
   * Fast path: with nothing queued and the integration streaming, the next frame is one `.then`
   * on the integration's `next()`; a text delta resolves it directly, anything else goes through
   * the general step below.
   */
  next(): Promise<IteratorResult<string>> {
    if (this.queue.length === 0 && this.phase === 'stream' && !this.settled) {
      return this.iterator!.next().then(this.onPulled, this.onPullFailed);
    }
    return this.step();
  }

  private readonly onPulled = (
    next: IteratorResult<ThreadStreamEventInput>,
  ): IteratorResult<string> | Promise<IteratorResult<string>> => {
    if (!this.settled && !next.done) {
      const raw = next.value;
      // A text delta is only applied to the pending copy and forwarded: no validation, persistence
      // or thread-change check (a change between deltas is picked up by the next other event or
      // at the end of the stream).
      // A delta with a wrong shape takes the general path, where validation turns it into the
      // stream's error event (deviation #8).
      if (
        raw.type === 'thread.item.updated' &&
        raw.update.type === TEXT_DELTA &&
        typeof raw.update.delta === 'string' &&
        Number.isInteger(raw.update.content_index)
      ) {
        try {
          const item = this.pending.get(raw.item_id);
          if (item) {
            applyPendingUpdate(item, raw.update);
            this.checkpoints?.onDelta(raw.item_id);
          }
          return { value: frameEvent(raw as ThreadStreamEvent), done: false };
        } catch (error) {
          return this.fail(error).then(() => this.next());
        }
      }
    }
    return this.afterPull(next).then(() => this.next());
  };

  private readonly onPullFailed = (error: unknown): Promise<IteratorResult<string>> =>
    this.fail(error).then(() => this.next());

  /** Queued frames first; then the prelude; the end of the stream once settled. */
  private async step(): Promise<IteratorResult<string>> {
    for (;;) {
      if (this.queue.length > 0) return { value: this.queue.shift()!, done: false };
      if (this.settled || this.phase === 'done') return this.close();
      if (this.phase === 'stream') return this.next();
      await this.guard(() => this.advancePrelude());
    }
  }

  /** Handles a pulled result that is not a text delta (or arrived after a cancel). */
  private async afterPull(next: IteratorResult<ThreadStreamEventInput>): Promise<void> {
    if (this.settled) return;
    if (next.done) return this.guard(() => this.end());
    return this.guard(() => this.handle(next.value));
  }

  /** The consumer stopped reading: treat it as a cancel (§6.9) and stop the hooks too. */
  async return(): Promise<IteratorResult<string>> {
    if (!this.settled) {
      this.plan.abort?.();
      void this.cancel();
    }
    return this.close();
  }

  /** Sends the prelude's events one at a time, then `stream_options`, then starts the integration. */
  private async advancePrelude(): Promise<void> {
    const { plan, host } = this;
    if (plan.prelude) {
      this.prelude ??= plan.prelude()[Symbol.asyncIterator]();
      const next = await this.prelude.next();
      if (!next.done) {
        this.queue.push(frameEvent(next.value));
        return;
      }
    }
    if (this.settled) return;
    this.queue.push(
      frameEvent({
        type: 'stream_options',
        stream_options: host.getStreamOptions(plan.thread, plan.context),
      }),
    );
    this.snapshot = threadFingerprint(plan.thread);
    this.iterator = plan.source()[Symbol.asyncIterator]();
    this.phase = 'stream';
  }

  /** Persists, forwards and checks one non-delta integration event (§6.3 step 4). */
  private async handle(raw: ThreadStreamEventInput): Promise<void> {
    const { store } = this.host;
    const { thread, context } = this.plan;
    const event = normalizeEvent(raw);
    let forward = true;
    switch (event.type) {
      case 'thread.item.added':
        this.pending.set(event.item.id, structuredClone(event.item));
        break;
      case 'thread.item.done':
        await this.checkpoints?.finish(event.item.id);
        await store.addThreadItem(thread.id, event.item, context);
        this.pending.delete(event.item.id);
        forward = !isHiddenItem(event.item);
        break;
      case 'thread.item.removed':
        await this.checkpoints?.finish(event.item_id);
        await store.deleteThreadItem(thread.id, event.item_id, context);
        this.pending.delete(event.item_id);
        break;
      case 'thread.item.replaced':
        await this.checkpoints?.finish(event.item.id);
        await store.saveItem(thread.id, event.item, context);
        this.pending.delete(event.item.id);
        break;
      case 'thread.item.updated': {
        const item = this.pending.get(event.item_id);
        if (item) {
          applyPendingUpdate(item, event.update);
          if (item.type === 'assistant_message') this.checkpoints?.onDelta(item.id);
        }
        break;
      }
      default:
        break;
    }
    if (this.settled) return;
    if (forward) this.queue.push(frameEvent(event));
    await this.pushThreadUpdate();
  }

  /** Emits `thread.updated` (after saving) when the hook mutated the thread. */
  private async pushThreadUpdate(): Promise<void> {
    const { thread, context } = this.plan;
    const now = threadFingerprint(thread);
    if (now === this.snapshot) return;
    await this.host.store.saveThread(thread, context);
    this.snapshot = now;
    this.queue.push(frameEvent({ type: 'thread.updated', thread: publicThread(thread) }));
  }

  /** Normal end, or the end after an error event (§6.3 steps 5 and 7). */
  private async end(): Promise<void> {
    await this.checkpoints?.stop();
    if (!this.settled) await this.pushThreadUpdate();
    this.settled = true;
    this.phase = 'done';
  }

  /** Runs a step, turning any failure into the stream's one `error` event. */
  private async guard(step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      await this.fail(error);
    }
  }

  private async fail(error: unknown): Promise<void> {
    if (this.settled || this.plan.signal.aborted) {
      this.phase = 'done';
      return;
    }
    const { logger } = this.host;
    // The failure may be the server's (an invalid event, a store write) while the integration
    // sits suspended at a yield: close it so its cleanup runs (a no-op if it threw itself).
    this.iterator?.return?.().catch((e: unknown) => logger.warn('Integration cleanup failed', e));
    if (!(error instanceof BaseStreamError)) {
      logger.error('Error while generating streamed response', error);
    }
    this.queue.push(frameEvent(errorEventFor(error)));
    try {
      await this.end();
    } catch (cause) {
      logger.error('Saving the thread after an error failed', cause);
      this.settled = true;
      this.phase = 'done';
    }
  }

  private cancel(): Promise<void> {
    if (this.settled) return this.cancelling ?? Promise.resolve();
    this.settled = true;
    this.phase = 'done';
    this.cancelling = this.persistCancellation();
    return this.cancelling;
  }

  private async persistCancellation(): Promise<void> {
    const iterator = this.iterator;
    await this.checkpoints?.stop();
    // Before the integration starts there is nothing of the assistant's to keep (the reference
    // handles cancellation only inside `_process_events`).
    if (!iterator) return;
    iterator.return?.().catch((error: unknown) => {
      this.host.logger.warn('Integration cleanup after cancellation failed', error);
    });
    const { thread, context } = this.plan;
    await this.host.handleStreamCancelled(thread, [...this.pending.values()], context);
  }

  /** Ends the stream once any cancellation is stored, so a client that stops and sends again finds it. */
  private async close(): Promise<IteratorResult<string>> {
    this.queue.length = 0;
    this.phase = 'done';
    this.plan.signal.removeEventListener('abort', this.onAbort);
    await this.cancelling;
    await this.plan.onClosed?.();
    return DONE;
  }
}
