import { BaseStreamError, CustomStreamError } from '../errors.js';
import type { ErrorEvent, ThreadStreamEvent, ThreadStreamEventInput } from '../protocol/events.js';
import { isHiddenItem, type ThreadItem } from '../protocol/items.js';
import type { ThreadMetadata } from '../protocol/thread.js';
import type { Store } from '../stores/store.js';
import type { Logger } from './logger.js';
import { normalizeEvent } from './normalize-event.js';
import { applyPendingUpdate } from './pending-items.js';
import { encodeEvent, publicThread } from './serialize.js';
import { threadFingerprint } from './thread-changes.js';

/** What the pipeline needs from the server: the store, hooks it calls, and a logger. */
export interface PipelineHost<TContext> {
  readonly store: Store<TContext>;
  readonly logger: Logger;
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
}

/** Converts anything an integration threw into the one `error` event the client sees (§6.3 step 6). */
export function errorEventFor(error: unknown): ErrorEvent {
  if (error instanceof CustomStreamError) {
    return { type: 'error', code: 'custom', message: error.message, allow_retry: error.allowRetry };
  }
  if (error instanceof BaseStreamError) {
    return { type: 'error', code: error.code, allow_retry: error.allowRetry };
  }
  return { type: 'error', code: 'stream.error', allow_retry: true };
}

const TEXT_DELTA = 'assistant_message.content_part.text_delta';

/**
 * The event pipeline (chatkit-python `_process_events`, §6.3): emits `stream_options`, then every
 * event the integration yields, persisting `done`/`removed`/`replaced`, hiding hidden items,
 * tracking pending items for cancellation and emitting `thread.updated` when the hook mutated the
 * thread. Any failure, the integration's or the server's own, becomes one `error` event and the
 * stream ends cleanly.
 *
 * Cancellation: when `signal` aborts, or the consumer stops iterating, the integration's iterator
 * is told to `return()` (its cleanup runs; its model call aborts on the same signal) and
 * `handleStreamCancelled` persists what the user already saw, exactly once. The abort is handled
 * by a listener rather than racing every `next()`, which keeps the per-event cost flat.
 */
export async function* processEvents<TContext>(
  host: PipelineHost<TContext>,
  plan: StreamPlan<TContext>,
): AsyncGenerator<Uint8Array, void, undefined> {
  const { store, logger } = host;
  const { thread, context, signal } = plan;
  const pending = new Map<string, ThreadItem>();
  let iterator: AsyncIterator<ThreadStreamEventInput> | undefined;
  let settled = false;
  let cancelling: Promise<void> | undefined;

  const cancel = (): Promise<void> => {
    if (settled) return cancelling ?? Promise.resolve();
    settled = true;
    cancelling = persistCancellation();
    return cancelling;
  };
  const persistCancellation = async (): Promise<void> => {
    // Before the integration starts there is nothing of the assistant's to keep (the reference
    // handles cancellation only inside `_process_events`).
    if (!iterator) return;
    iterator.return?.().catch((error: unknown) => {
      logger.warn('Integration cleanup after cancellation failed', error);
    });
    await host.handleStreamCancelled(thread, [...pending.values()], context);
  };
  const onAbort = () => {
    cancel().catch((error: unknown) => logger.error('handleStreamCancelled failed', error));
  };
  signal.addEventListener('abort', onAbort, { once: true });

  let snapshot = threadFingerprint(thread);
  const threadUpdatedFrame = async (): Promise<Uint8Array | undefined> => {
    const now = threadFingerprint(thread);
    if (now === snapshot) return undefined;
    await store.saveThread(thread, context);
    snapshot = now;
    return encodeEvent({ type: 'thread.updated', thread: publicThread(thread) });
  };

  try {
    try {
      if (plan.prelude) {
        for await (const event of plan.prelude()) yield encodeEvent(event);
      }
      // Let response headers flush before the integration starts (step 1).
      await Promise.resolve();
      if (settled) return;
      yield encodeEvent({ type: 'stream_options', stream_options: host.getStreamOptions(thread, context) });
      snapshot = threadFingerprint(thread);
      iterator = plan.source()[Symbol.asyncIterator]();
      for (;;) {
        const next = await iterator.next();
        if (settled) return;
        if (next.done) break;
        const raw = next.value;
        // Hot path: a text delta is only applied to the pending copy and forwarded; it needs no
        // validation, persistence or thread-change check (a change between deltas is picked up by
        // the next other event or at the end of the stream).
        if (raw.type === 'thread.item.updated' && raw.update.type === TEXT_DELTA) {
          const item = pending.get(raw.item_id);
          if (item) applyPendingUpdate(item, raw.update);
          yield encodeEvent(raw as ThreadStreamEvent);
          continue;
        }
        const event = normalizeEvent(raw);
        let forward = true;
        switch (event.type) {
          case 'thread.item.added':
            pending.set(event.item.id, structuredClone(event.item));
            break;
          case 'thread.item.done':
            await store.addThreadItem(thread.id, event.item, context);
            pending.delete(event.item.id);
            forward = !isHiddenItem(event.item);
            break;
          case 'thread.item.removed':
            await store.deleteThreadItem(thread.id, event.item_id, context);
            pending.delete(event.item_id);
            break;
          case 'thread.item.replaced':
            await store.saveItem(thread.id, event.item, context);
            pending.delete(event.item.id);
            break;
          case 'thread.item.updated': {
            const item = pending.get(event.item_id);
            if (item) applyPendingUpdate(item, event.update);
            break;
          }
          default:
            break;
        }
        if (forward) yield encodeEvent(event);
        const updated = await threadUpdatedFrame();
        if (updated) yield updated;
      }
    } catch (error) {
      if (settled || signal.aborted) return;
      // The failure may be the server's (an invalid event, a store write) while the integration
      // sits suspended at a yield: close it so its cleanup runs (a no-op if it threw itself).
      iterator?.return?.().catch((e: unknown) => logger.warn('Integration cleanup failed', e));
      if (!(error instanceof BaseStreamError)) {
        logger.error('Error while generating streamed response', error);
      }
      yield encodeEvent(errorEventFor(error));
    }
    const updated = await threadUpdatedFrame();
    if (updated) yield updated;
    settled = true;
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (!settled) {
      // The consumer stopped pulling without an abort: treat it as a cancel (§6.9), and abort
      // the hooks' signal so the integration's model call stops too.
      plan.abort?.();
      await cancel();
    }
    // End the stream only once the cancellation is stored, so a client that stops and sends
    // again right away finds the partial answer and the note in place.
    await cancelling;
  }
}
