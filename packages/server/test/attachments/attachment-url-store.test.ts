import { describe, expect, it } from 'vitest';
import { AttachmentUrlStore } from '../../src/attachments/attachment-url-store.js';
import { MemoryStore } from '../../src/stores/memory/memory-store.js';

const signer = {
  withFreshPreviewUrl: <T>(attachment: T) => Promise.resolve(attachment),
  finalizePresignedUpload: <T>(attachment: T) => Promise.resolve(attachment),
};

class PingingStore extends MemoryStore {
  pings = 0;
  override async ping(): Promise<void> {
    this.pings += 1;
  }
}

describe('AttachmentUrlStore', () => {
  it('forwards the optional ping and turn lease of the store it wraps', async () => {
    const inner = new PingingStore();
    const store = new AttachmentUrlStore(inner, signer);
    await store.ping!();
    expect(inner.pings).toBe(1);
    expect(await store.leaseThread!('thr_1', 'a', 60_000)).toBe(true);
    // The lease is the inner store's: another holder is refused until it is released.
    expect(await inner.leaseThread('thr_1', 'b', 60_000)).toBe(false);
    await store.releaseThreadLease!('thr_1', 'a');
    expect(await inner.leaseThread('thr_1', 'b', 60_000)).toBe(true);
  });

  it('leaves out what the wrapped store lacks, so callers see it is unsupported', () => {
    const store = new AttachmentUrlStore(new MemoryStore(), signer);
    expect(store.ping).toBeUndefined();
    expect(store.deleteUnsentAttachments).toBeUndefined();
  });
});
