import { describe, expect, it } from 'vitest';
import { DelegatingStore } from '../../src/stores/delegating-store.js';
import { MemoryStore } from '../../src/stores/memory/memory-store.js';
import { SqliteStore } from '../../src/stores/sqlite/index.js';
import { Store } from '../../src/stores/store.js';
import { ALICE, makeThread, type TestContext } from '../contract/fixtures.js';

/** Overrides one optional method; everything else is forwarded. */
class CountingPings extends DelegatingStore<TestContext> {
  pings = 0;
  override async ping(): Promise<void> {
    this.pings += 1;
  }
}

describe('DelegatingStore', () => {
  it('forwards every method Store defines (none can be dropped by a wrapper)', () => {
    const defined = Object.getOwnPropertyNames(Store.prototype).filter((n) => n !== 'constructor');
    const forwarded = Object.getOwnPropertyNames(DelegatingStore.prototype);
    expect(defined.length).toBeGreaterThan(0);
    expect(defined.filter((name) => !forwarded.includes(name))).toEqual([]);
  });

  it('has the optional methods of the store it wraps, and only those', async () => {
    const sqlite = new DelegatingStore(new SqliteStore<TestContext>());
    for (const name of [
      'leaseThread',
      'releaseThreadLease',
      'ping',
      'deleteUnsentAttachments',
      'saveFeedback',
      'listFeedback',
    ] as const) {
      expect(typeof sqlite[name]).toBe('function');
    }
    const memory = new DelegatingStore(new MemoryStore<TestContext>());
    expect(memory.ping).toBeUndefined();
    expect(memory.deleteUnsentAttachments).toBeUndefined();
    expect(typeof memory.leaseThread).toBe('function');
  });

  it("reaches the inner store's data and lease through two layers", async () => {
    const inner = new SqliteStore<TestContext>();
    const outer = new DelegatingStore(new DelegatingStore(inner));
    await outer.saveThread(makeThread('thr_1'), ALICE);
    expect((await inner.loadThread('thr_1', ALICE)).id).toBe('thr_1');
    expect(await outer.leaseThread!('thr_1', 'a', 60_000)).toBe(true);
    expect(await inner.leaseThread('thr_1', 'b', 60_000)).toBe(false);
    await outer.releaseThreadLease!('thr_1', 'a');
    expect(await inner.leaseThread('thr_1', 'b', 60_000)).toBe(true);
    await inner.close();
  });

  it("keeps a subclass's own optional method instead of the inner store's", async () => {
    const inner = new SqliteStore<TestContext>();
    const store = new CountingPings(inner);
    await store.ping();
    expect(store.pings).toBe(1);
    // …and a method the inner store lacks is still the subclass's.
    const overMemory = new CountingPings(new MemoryStore<TestContext>());
    await overMemory.ping();
    expect(overMemory.pings).toBe(1);
    await inner.close();
  });
});
