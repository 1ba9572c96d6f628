/** Largest chunk written at once, in characters: about a socket buffer (Node: 16 KiB). */
const MAX_CHUNK_CHARS = 16 * 1024;
/** Microtask turns that stand in for a check phase where the runtime has no `setImmediate`. */
const HOPS = 256;

type Immediate = (callback: () => void) => unknown;
const setImmediateFn = (globalThis as { setImmediate?: Immediate }).setImmediate;

/**
 * Calls `callback` once the work already queued has run: every microtask, so every frame the
 * producer can make without waiting for I/O. A check-phase callback where the runtime has one
 * (Node, Bun), else a bounded number of microtask turns. Never a timer: no added latency.
 */
function whenIdle(callback: () => void): void {
  if (setImmediateFn) {
    setImmediateFn(callback);
    return;
  }
  let p: Promise<unknown> = Promise.resolve();
  for (let i = 0; i < HOPS; i++) p = p.then();
  void p.then(callback);
}

/** Where the frames go: a Node response, a web stream's controller. */
export interface FrameSink {
  /** Writes one chunk; false asks the pump to wait for {@link ready} before producing more. */
  write(chunk: string): boolean;
  /** Resolves when the consumer wants more after `write` returned false. */
  ready(): Promise<void>;
  /** True once the consumer is gone: nothing more is written. */
  readonly stopped: boolean;
}

/**
 * Pulls SSE frames (strings) into `sink` as chunks. The first frame is written at once: it is what
 * a user waits for, and when many requests arrive together the check phase would only come after
 * all of them had been set up. After it, frames the producer makes back to back share a chunk,
 * written once the queued work has run or the chunk is full; a frame is never held while the
 * producer waits (a model between tokens), so a paced stream pays no waiting and a burst pays one
 * write per group. Resolves when the frames end or the sink stopped; rejects if they throw.
 */
export async function pumpFrames(frames: AsyncIterator<string>, sink: FrameSink): Promise<void> {
  let buffer = '';
  let scheduled = false;
  let first = true;
  let paused: Promise<void> | undefined;
  const flush = () => {
    scheduled = false;
    if (buffer === '' || paused || sink.stopped) return;
    const chunk = buffer;
    buffer = '';
    if (!sink.write(chunk)) {
      paused = sink.ready().then(() => {
        paused = undefined;
        flush();
      });
    }
  };
  for (;;) {
    if (paused) await paused;
    if (sink.stopped) return;
    const next = await frames.next();
    if (sink.stopped) return;
    if (next.done) break;
    buffer += next.value;
    if (first) {
      first = false;
      flush();
    } else if (buffer.length >= MAX_CHUNK_CHARS) {
      flush();
      // A producer that never waits must not keep the other connections from their turn.
      await new Promise<void>((resolve) => whenIdle(resolve));
    } else if (!scheduled) {
      scheduled = true;
      whenIdle(flush);
    }
  }
  if (paused) await paused;
  flush();
}
