import { MemoryStore } from '@threadline/server/stores/memory';
import { describe, expect, it } from 'vitest';
import { AgentRegistry } from '../../src/assistant/agents.js';
import { AgentScopedStore } from '../../src/assistant/agent-scoped-store.js';
import type { AgentsFile } from '../../src/config/agents-file.js';
import type { AppContext } from '../../src/context.js';

const agents = new AgentRegistry(
  { agents: [{ id: 'support', name: 'Support' }] } as AgentsFile,
  'm',
);

class PingingStore extends MemoryStore<AppContext> {
  pings = 0;
  override async ping(): Promise<void> {
    this.pings += 1;
  }
}

describe('AgentScopedStore', () => {
  it('forwards the optional ping and turn lease of the store it wraps', async () => {
    const inner = new PingingStore();
    const store = new AgentScopedStore(inner, agents);
    await store.ping!();
    expect(inner.pings).toBe(1);
    expect(await store.leaseThread!('thr_1', 'a', 60_000)).toBe(true);
    // The lease is the inner store's: another holder is refused until it is released.
    expect(await inner.leaseThread('thr_1', 'b', 60_000)).toBe(false);
    await store.releaseThreadLease!('thr_1', 'a');
    expect(await inner.leaseThread('thr_1', 'b', 60_000)).toBe(true);
  });

  it('leaves out what the wrapped store lacks, so callers see it is unsupported', () => {
    const store = new AgentScopedStore(new MemoryStore<AppContext>(), agents);
    expect(store.ping).toBeUndefined();
    expect(store.deleteUnsentAttachments).toBeUndefined();
  });
});
