import { describe, expect, it, vi } from 'vitest';

describe('Agents SDK tracing', () => {
  it('is turned off when the bridge is imported, and on again only on request', async () => {
    vi.resetModules();
    const agents = await import('@openai/agents');
    const setDisabled = vi.spyOn(agents.getGlobalTraceProvider(), 'setDisabled');
    const bridge = await import('../../src/agents/index.js');
    expect(setDisabled).toHaveBeenCalledWith(true);
    bridge.enableAgentsTracing();
    expect(setDisabled).toHaveBeenLastCalledWith(false);
    agents.setTracingDisabled(true);
    setDisabled.mockRestore();
  });
});
