import { Agent, tool, type Model } from '@openai/agents';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AgentContext } from '../../src/agents/index.js';
import type { ThreadItem } from '../../src/protocol/index.js';
import { TOOL_RESULT_CONTEXT_MAX_CHARS } from '../../src/turn/tool-result-context.js';
import {
  modelInput,
  startHarness,
  textInput,
  threadIdOf,
  type Harness,
  type HarnessContext,
} from '../mcp/harness.js';

type Ctx = AgentContext<HarnessContext>;

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const lookupOrder = tool({
  name: 'lookup_order',
  description: 'Look up an order',
  parameters: z.object({ id: z.string() }),
  execute: async ({ id }) => `Order ${id}: shipped, tracking ZX9-${id}`,
});
const bigReport = tool({
  name: 'big_report',
  description: 'A very long report',
  parameters: z.object({}),
  execute: async () => 'R'.repeat(TOOL_RESULT_CONTEXT_MAX_CHARS * 3),
});
const hooks = {
  agent: (_context: Ctx, model: Model) =>
    new Agent<Ctx>({ name: 'Assistant', model, tools: [lookupOrder, bigReport] }),
};

/** Every text the model received as a message in request `index`. */
const inputTexts = (h: Harness, index: number): string[] =>
  modelInput(h.fake, index).flatMap((item) => {
    if (typeof item.content === 'string') return [item.content];
    if (!Array.isArray(item.content)) return [];
    return (item.content as { text?: unknown }[]).flatMap((part) =>
      typeof part.text === 'string' ? [part.text] : [],
    );
  });

describe('tool results are remembered on later turns (docs/seeds.md §A.3)', () => {
  it('feeds an earlier tool result to the model, hides it from items.list, and keeps it across a restart', async () => {
    const h = (harness = await startHarness(
      [
        { toolCalls: [{ name: 'lookup_order', arguments: { id: '42' } }] },
        { text: 'Your order shipped.' },
        { text: 'The tracking number is ZX9-42.' },
        { text: 'Still ZX9-42.' },
      ],
      hooks,
    ));
    const threadId = threadIdOf(
      await h.stream({
        type: 'threads.create',
        params: { input: textInput('Where is order 42?') },
      }),
    );
    await h.stream({
      type: 'threads.add_user_message',
      params: { thread_id: threadId, input: textInput('What was the tracking number?') },
    });
    expect(h.fake.requests).toHaveLength(3);
    const remembered = inputTexts(h, 2).filter((text) => text.includes('<ToolResult'));
    expect(remembered).toHaveLength(1);
    expect(remembered[0]).toContain(
      '<ToolResult name="lookup_order" arguments="{\\"id\\":\\"42\\"}">',
    );
    expect(remembered[0]).toContain('Order 42: shipped, tracking ZX9-42');

    const listed = await h.json<{ data: ThreadItem[] }>({
      type: 'items.list',
      params: { thread_id: threadId, order: 'asc' },
    });
    expect(listed.data.map((item) => item.type)).toEqual([
      'user_message',
      'assistant_message',
      'user_message',
      'assistant_message',
    ]);
    expect(JSON.stringify(listed)).not.toContain('ZX9-42:');
    expect(JSON.stringify(listed)).not.toContain('shipped, tracking');

    await h.restart();
    await h.stream({
      type: 'threads.add_user_message',
      params: { thread_id: threadId, input: textInput('And again?') },
    });
    expect(h.fake.requests).toHaveLength(4);
    expect(
      inputTexts(h, 3).filter((text) => text.includes('shipped, tracking ZX9-42')),
    ).toHaveLength(1);
  });

  it('keeps only a bounded part of a long tool result', async () => {
    const h = (harness = await startHarness(
      [{ toolCalls: [{ name: 'big_report', arguments: {} }] }, { text: 'Done.' }],
      hooks,
    ));
    const threadId = threadIdOf(
      await h.stream({ type: 'threads.create', params: { input: textInput('Report please') } }),
    );
    const stored = await h.store.loadThreadItems(threadId, null, 50, 'asc', { userId: 'user_1' });
    const hidden = stored.data.filter((item) => item.type === 'sdk_hidden_context');
    expect(hidden).toHaveLength(1);
    const content = hidden[0]!.type === 'sdk_hidden_context' ? hidden[0]!.content : '';
    expect(content).toContain(`${TOOL_RESULT_CONTEXT_MAX_CHARS * 2} more characters not kept`);
    expect(content.length).toBeLessThan(TOOL_RESULT_CONTEXT_MAX_CHARS + 200);
  });
});
