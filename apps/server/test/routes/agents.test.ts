import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from '../helpers/harness.js';
import { readEvents, threadIdOf, userInput } from '../helpers/sse.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const AGENTS = {
  defaultAgent: 'support',
  agents: [
    { id: 'support', name: 'Support', tools: ['calculate'] },
    { id: 'sales', name: 'Sales', startPrompts: [{ label: 'Pricing', prompt: 'How much?' }] },
  ],
};

interface Page {
  data: { id: string; title?: string }[];
  has_more: boolean;
  after?: string;
}

describe('agents (agent_id)', () => {
  let t: TestApp;
  const create = async (agent: string | undefined, text: string) =>
    threadIdOf(
      await readEvents(
        await t.chatkit(
          'ann',
          { type: 'threads.create', params: { input: userInput(text) } },
          { agent },
        ),
      ),
    );
  const list = async (agent: string | undefined, params: Record<string, unknown> = {}) =>
    (await (await t.chatkit('ann', { type: 'threads.list', params }, { agent })).json()) as Page;

  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'threadline-agents-')), 'agents.json');
    writeFileSync(file, JSON.stringify(AGENTS));
    t = await makeApp({
      THREADLINE_CONFIG: file,
      THREADLINE_DEMO: '1',
      THREADLINE_DEMO_DELAY_MS: '0',
    });
  });
  afterAll(() => t.close());

  it('runs the named agent, remembers it on the thread, and lists threads per agent with exact paging', async () => {
    const ids: Record<string, string[]> = { support: [], sales: [] };
    for (let i = 0; i < 7; i++) {
      const agent = i % 3 === 0 ? 'sales' : 'support';
      ids[agent]!.push(await create(i % 3 === 1 ? undefined : agent, `message ${i}`));
    }
    // The reply names the agent that answered (the demo model's card title).
    const events = await readEvents(
      await t.chatkit(
        'ann',
        {
          type: 'threads.add_user_message',
          params: { thread_id: ids.sales![0], input: userInput('again') },
        },
        { agent: 'support' },
      ),
    );
    const widget = events.find((e) => e.type === 'thread.item.done' && e.item.type === 'widget');
    expect(JSON.stringify(widget)).toContain('Sales · demo mode');

    const all = (agent: string) => [...ids[agent]!].reverse();
    expect((await list('sales')).data.map((t) => t.id)).toEqual(all('sales'));
    expect((await list(undefined)).data.map((t) => t.id)).toEqual(all('support'));

    // Pages of 2 over the support agent's threads, interleaved with sales threads underneath.
    const seen: string[] = [];
    let page = await list('support', { limit: 2 });
    for (let guard = 0; ; guard++) {
      seen.push(...page.data.map((t) => t.id));
      expect(page.data.length).toBeLessThanOrEqual(2);
      if (!page.has_more) break;
      if (guard === 10) throw new Error('pagination does not terminate');
      page = await list('support', { limit: 2, after: page.after! });
    }
    expect(page.after).toBeUndefined();
    expect(seen).toEqual(all('support'));
    const asc = await list('sales', { order: 'asc', limit: 1 });
    expect(asc.data.map((t) => t.id)).toEqual([ids.sales![0]]);
    expect(asc.has_more).toBe(true);
  });

  it('answers 404 for an unknown agent', async () => {
    const res = await t.chatkit('ann', { type: 'threads.list', params: {} }, { agent: 'nobody' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'agent_not_found', message: 'There is no agent "nobody"' },
    });
  });
});
