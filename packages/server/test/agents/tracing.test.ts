import { describe, expect, it, vi } from 'vitest';

describe('Agents SDK tracing', () => {
  it('is left alone by an import, turned off by the first use, and on again only on request', async () => {
    vi.resetModules();
    const agents = await import('@openai/agents');
    const setDisabled = vi.spyOn(agents.getGlobalTraceProvider(), 'setDisabled');
    const bridge = await import('../../src/agents/index.js');
    expect(setDisabled).not.toHaveBeenCalled();
    new bridge.AgentContext({
      thread: {
        id: 'thr_1',
        created_at: new Date().toISOString(),
        status: { type: 'active' },
        metadata: {},
      },
      store: {} as never,
      requestContext: {},
    });
    expect(setDisabled).toHaveBeenCalledWith(true);
    bridge.enableAgentsTracing();
    expect(setDisabled).toHaveBeenLastCalledWith(false);
    agents.setTracingDisabled(true);
    setDisabled.mockRestore();
  });
});
