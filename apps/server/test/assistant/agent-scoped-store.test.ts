import type { Store } from '@threadline/server';
import { MemoryStore } from '@threadline/server/stores/memory';
import { describe, expect, it } from 'vitest';
import { AgentRegistry } from '../../src/assistant/agents.js';
import { AgentScopedStore } from '../../src/assistant/agent-scoped-store.js';
import { DEFAULT_AGENTS } from '../../src/config/agents-file.js';
import type { AppContext } from '../../src/context.js';

const agents = new AgentRegistry(DEFAULT_AGENTS, 'gpt-test');

describe('AgentScopedStore', () => {
  it('keeps the inner store’s turn lease, so turns stay serialized across processes', async () => {
    const store = new AgentScopedStore(new MemoryStore<AppContext>(), agents);
    expect(store.leaseThread).toBeTypeOf('function');
    expect(await store.leaseThread!('thr_1', 'a', 10_000)).toBe(true);
    expect(await store.leaseThread!('thr_1', 'b', 10_000)).toBe(false);
    await store.releaseThreadLease!('thr_1', 'a');
    expect(await store.leaseThread!('thr_1', 'b', 10_000)).toBe(true);
  });

  it('has no lease when the inner store has none (turns are then not serialized)', () => {
    const inner = new MemoryStore<AppContext>();
    const bare = Object.create(inner) as Store<AppContext>;
    Object.assign(bare, { leaseThread: undefined, releaseThreadLease: undefined });
    const store = new AgentScopedStore(bare, agents);
    expect(store.leaseThread).toBeUndefined();
    expect(store.releaseThreadLease).toBeUndefined();
  });
});
