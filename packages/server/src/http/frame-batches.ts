const NOT_READY = Symbol('not-ready');
/** Microtask hops to wait for more ready frames; all within the current task, so no added latency. */
const HOPS = 256;
const MAX_BATCH_BYTES = 64 * 1024;

/** Resolves after `hops` microtask turns: a deadline measured in queued work, not time. */
function afterHops(hops: number): Promise<typeof NOT_READY> {
  let p: Promise<unknown> = Promise.resolve();
  for (let i = 0; i < hops; i++) p = p.then();
  return p.then(() => NOT_READY);
}

/**
 * Groups SSE frames that are ready at (nearly) the same moment into one chunk, so a fast
 * producer costs one stream chunk and one socket write per group instead of per event. The
 * deadline is a bounded number of microtask turns, never a timer: when the producer is waiting on
 * I/O the group is flushed at once, and a frame is never held for a later one.
 */
export function frameBatches(frames: AsyncIterator<Uint8Array>) {
  let pending: Promise<IteratorResult<Uint8Array>> | undefined;
  let finished = false;
  return {
    async next(): Promise<Uint8Array | undefined> {
      if (finished) return undefined;
      const first = await (pending ?? frames.next());
      pending = undefined;
      if (first.done) {
        finished = true;
        return undefined;
      }
      const parts = [first.value];
      let size = first.value.byteLength;
      const deadline = afterHops(HOPS);
      while (size < MAX_BATCH_BYTES) {
        pending = frames.next();
        const next = await Promise.race([pending, deadline]);
        if (next === NOT_READY) break; // `pending` carries over to the next group
        pending = undefined;
        if (next.done) {
          finished = true;
          break;
        }
        parts.push(next.value);
        size += next.value.byteLength;
      }
      if (parts.length === 1) return parts[0];
      const chunk = new Uint8Array(size);
      let offset = 0;
      for (const part of parts) {
        chunk.set(part, offset);
        offset += part.byteLength;
      }
      return chunk;
    },
    async return(): Promise<void> {
      finished = true;
      await frames.return?.();
    },
  };
}
