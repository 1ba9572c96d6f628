import { describe, expect, it } from 'vitest';
import { frameBatches } from './frame-batches.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (chunk: Uint8Array | undefined) =>
  chunk ? new TextDecoder().decode(chunk) : undefined;

describe('frameBatches', () => {
  it('sends frames that are ready together as one chunk', async () => {
    async function* ready() {
      for (const f of ['a', 'b', 'c']) yield bytes(f);
    }
    const batches = frameBatches(ready());
    expect(text(await batches.next())).toBe('abc');
    expect(await batches.next()).toBeUndefined();
  });

  it('never holds a frame while the producer waits for I/O', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* slow() {
      yield bytes('first');
      await gate; // a model call in flight
      yield bytes('second');
    }
    const batches = frameBatches(slow());
    // Resolves while the producer is still blocked: the first frame is not kept for company.
    expect(text(await batches.next())).toBe('first');
    release();
    expect(text(await batches.next())).toBe('second');
    expect(await batches.next()).toBeUndefined();
  });

  it('passes return() on to the frames, which is how a cancelled response stops the pipeline', async () => {
    let returned = 0;
    const source: AsyncIterator<Uint8Array> = {
      next: async () => ({ value: bytes('x'), done: false }),
      return: async () => {
        returned++;
        return { value: undefined, done: true };
      },
    };
    const batches = frameBatches(source);
    expect(text(await batches.next())?.startsWith('x')).toBe(true);
    await batches.return();
    expect(returned).toBe(1);
    expect(await batches.next()).toBeUndefined();
  });
});
