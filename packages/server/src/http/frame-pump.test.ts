import { describe, expect, it } from 'vitest';
import { pumpFrames, type FrameSink } from './frame-pump.js';

/** A sink that records chunks; `accept` says whether it wants more after each write. */
function recorder(accept: (written: number) => boolean = () => true) {
  const chunks: string[] = [];
  let wake: (() => void) | undefined;
  const sink: FrameSink & { chunks: string[]; resume(): void; stopped: boolean } = {
    chunks,
    stopped: false,
    write(chunk) {
      chunks.push(chunk);
      return accept(chunks.length);
    },
    ready: () => new Promise<void>((resolve) => (wake = resolve)),
    resume: () => wake?.(),
  };
  return sink;
}

describe('pumpFrames', () => {
  it('writes the first frame at once, then frames that are ready together as one chunk', async () => {
    async function* ready() {
      for (const f of ['a', 'b', 'c', 'd']) yield f;
    }
    const sink = recorder();
    await pumpFrames(ready(), sink);
    expect(sink.chunks).toEqual(['a', 'bcd']);
  });

  it('never holds a frame while the producer waits for I/O', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* slow() {
      yield 'first';
      await gate; // a model call in flight
      yield 'second';
    }
    const sink = recorder();
    const done = pumpFrames(slow(), sink);
    // Written while the producer is still blocked: the first frame is not kept for company.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sink.chunks).toEqual(['first']);
    release();
    await done;
    expect(sink.chunks).toEqual(['first', 'second']);
  });

  it('stops pulling while the consumer is full, and resumes when it is ready', async () => {
    let pulled = 0;
    async function* frames() {
      for (let i = 0; i < 3; i++) {
        pulled += 1;
        yield `f${i}`;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    }
    const sink = recorder(() => false);
    const done = pumpFrames(frames(), sink);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(sink.chunks).toEqual(['f0']);
    // The first frame is written as soon as it is pulled, so the pump knows the consumer is full
    // before it pulls again.
    expect(pulled).toBe(1);
    sink.resume();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(sink.chunks).toEqual(['f0', 'f1']);
    sink.resume();
    await new Promise((resolve) => setTimeout(resolve, 30));
    sink.resume();
    await done;
    expect(sink.chunks).toEqual(['f0', 'f1', 'f2']);
  });

  it('stops once the sink is stopped, and rejects when the frames throw', async () => {
    let pulled = 0;
    const endless: AsyncIterator<string> = {
      next: async () => ({ value: `x${++pulled}`, done: false }),
    };
    const sink = recorder();
    const done = pumpFrames(endless, sink);
    await new Promise((resolve) => setTimeout(resolve, 5));
    sink.stopped = true;
    await done;
    const atStop = pulled;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(pulled).toBe(atStop);

    const failing: AsyncIterator<string> = {
      next: async () => {
        throw new Error('boom');
      },
    };
    await expect(pumpFrames(failing, recorder())).rejects.toThrow('boom');
  });
});
