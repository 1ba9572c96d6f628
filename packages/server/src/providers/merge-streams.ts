import type { AsyncQueue } from './async-queue.js';

/** A value from the model stream (`primary`) or from the context queue (`queue`). */
export type Merged<TPrimary, TQueued> =
  | { readonly source: 'primary'; readonly value: TPrimary }
  | { readonly source: 'queue'; readonly value: TQueued };

type Settled<T> = { ok: true; result: IteratorResult<T> } | { ok: false; error: unknown };

/**
 * Interleaves a model stream with the context queue in arrival order (chatkit-python
 * `_merge_generators`, §9.2). When both have a value ready, the queued one goes first, so a tool's
 * progress update is not starved by a fast model. Ends when the primary stream ends; a queue read
 * still pending then is abandoned (its value stays buffered for the caller's final drain), and a
 * read that already completed is still yielded, as in the reference.
 *
 * If the consumer stops early, the primary iterator is told to `return()` (for an Agents SDK run
 * this cancels the run) without waiting for it.
 */
export async function* mergeWithQueue<TPrimary, TQueued>(
  primary: AsyncIterator<TPrimary>,
  queue: AsyncQueue<TQueued>,
): AsyncGenerator<Merged<TPrimary, TQueued>, void, undefined> {
  let primarySettled: Settled<TPrimary> | undefined;
  let queueSettled: Settled<TQueued> | undefined;
  let primaryPending: Promise<void> | undefined;
  let queuePending: Promise<void> | undefined;
  let queueOpen = true;
  let primaryDone = false;
  // Handlers are attached at once so a rejection while the consumer is busy is never "unhandled".
  const pullPrimary = () =>
    primary.next().then(
      (result) => void (primarySettled = { ok: true, result }),
      (error: unknown) => void (primarySettled = { ok: false, error }),
    );
  const pullQueue = () =>
    queue.next().then((result) => void (queueSettled = { ok: true, result }));

  try {
    for (;;) {
      primaryPending ??= pullPrimary();
      if (queueOpen) queuePending ??= pullQueue();
      if (primarySettled === undefined && queueSettled === undefined) {
        await (queuePending ? Promise.race([primaryPending, queuePending]) : primaryPending);
      }
      if (queueSettled !== undefined) {
        const settled = queueSettled;
        queueSettled = undefined;
        queuePending = undefined;
        if (settled.ok && !settled.result.done) yield { source: 'queue', value: settled.result.value };
        else queueOpen = false;
      }
      if (primarySettled !== undefined) {
        const settled = primarySettled;
        primarySettled = undefined;
        primaryPending = undefined;
        if (!settled.ok) {
          primaryDone = true;
          throw settled.error;
        }
        if (settled.result.done) {
          primaryDone = true;
          break;
        }
        yield { source: 'primary', value: settled.result.value };
      }
    }
    // A read the queue already answered is delivered; one still waiting is abandoned.
    if (queuePending && queueSettled === undefined && !queue.cancelWait()) await queuePending;
    queuePending = undefined;
    const last = queueSettled as Settled<TQueued> | undefined;
    queueSettled = undefined;
    if (last?.ok && !last.result.done) yield { source: 'queue', value: last.result.value };
  } finally {
    if (queuePending && queueSettled === undefined) queue.cancelWait();
    if (!primaryDone) {
      primary.return?.()?.catch(() => undefined);
    }
  }
}
