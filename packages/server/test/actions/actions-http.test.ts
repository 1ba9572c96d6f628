import { Agent, tool, type Model, type RunContext, type Tool } from '@openai/agents';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ActionRegistry, emitClientEffect } from '../../src/actions/index.js';
import { clientTool } from '../../src/actions/agents/index.js';
import type { AgentContext } from '../../src/agents/index.js';
import type { ThreadItem, ThreadStreamEvent, WidgetItem } from '../../src/protocol/index.js';
import { Button, Card, Text } from '../../src/widgets/index.js';
import { readEvents } from '../helpers/serve-chatkit.js';
import {
  doneItems,
  startHarness,
  textInput,
  threadIdOf,
  toolOutputs,
  type Harness,
  type HarnessContext,
} from '../mcp/harness.js';

type Ctx = AgentContext<HarnessContext>;

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const counter = (count: number) =>
  Card({
    children: [
      Text({ value: `Count: ${count}` }),
      Button({
        label: '+1',
        onClickAction: { type: 'counter.increment', payload: { count }, streaming: false },
      }),
    ],
  });

const showCounter = tool({
  name: 'show_counter',
  description: 'Show a counter widget',
  parameters: z.object({}),
  async execute(_input, runContext?: RunContext<Ctx>) {
    await runContext!.context.streamWidget(counter(0), 'Count: 0');
    return 'Shown.';
  },
});

const focusTask = tool({
  name: 'focus_task',
  description: 'Scroll the task list to a task',
  parameters: z.object({ id: z.string() }),
  async execute({ id }, runContext?: RunContext<Ctx>) {
    await emitClientEffect(runContext!, 'focus_task', { id });
    return `Focused ${id}.`;
  },
});

const getSelection = clientTool({
  name: 'get_selection',
  description: 'The text the user selected in the page',
  parameters: z.object({ scope: z.string() }),
});

const agentWith = (tools: Tool<Ctx>[], stopAt: string[] = []) => ({
  agent: (_context: Ctx, model: Model) =>
    new Agent<Ctx>({
      name: 'Assistant',
      model,
      tools,
      ...(stopAt.length ? { toolUseBehavior: { stopAtToolNames: stopAt } } : {}),
    }),
});

describe('widget actions and client round trips over real HTTP', () => {
  it('updates a widget with a sync action while another response is streaming', async () => {
    const registry = new ActionRegistry<HarnessContext>().onSync(
      'counter.increment',
      { payload: z.object({ count: z.number().int() }) },
      ({ payload, updateSender }) =>
        updateSender(counter(payload.count + 1), { copyText: `Count: ${payload.count + 1}` }),
    );
    const h = (harness = await startHarness(
      [
        { toolCalls: [{ name: 'show_counter', arguments: {} }] },
        { text: 'Here is your counter.' },
        { text: 'This answer streams slowly while you click.', delayMs: 60 },
      ],
      {
        ...agentWith([showCounter]),
        action: (server, thread, action, sender, context, options) =>
          registry.handle(server, thread, action, sender, context, options),
        syncAction: (server, thread, action, sender, context) =>
          registry.handleSync(server, thread, action, sender, context),
      },
    ));
    const first = await h.stream({
      type: 'threads.create',
      params: { input: textInput('Show me a counter') },
    });
    const threadId = threadIdOf(first);
    const widget = doneItems(first).find((item): item is WidgetItem => item.type === 'widget')!;

    const response = await h.post({
      type: 'threads.add_user_message',
      params: { thread_id: threadId, input: textInput('Tell me something') },
    });
    const streamed: ThreadStreamEvent[] = [];
    let sync: Promise<{ status: number; item: WidgetItem; at: number }> | undefined;
    let lastEventAt = 0;
    for await (const event of readEvents(response)) {
      streamed.push(event);
      lastEventAt = performance.now();
      if (
        !sync &&
        event.type === 'thread.item.updated' &&
        event.update.type === 'assistant_message.content_part.text_delta'
      ) {
        const body = {
          type: 'threads.sync_custom_action',
          params: {
            thread_id: threadId,
            item_id: widget.id,
            action: { type: 'counter.increment', payload: { count: 0 } },
          },
        };
        // Not awaited here: the stream keeps being read while the sync request runs.
        sync = h.post(body).then(async (res) => ({
          status: res.status,
          item: ((await res.json()) as { updated_item: WidgetItem }).updated_item,
          at: performance.now(),
        }));
      }
    }
    const result = await sync!;
    expect(result.status).toBe(200);
    const updated = result.item;
    expect(updated).toMatchObject({
      id: widget.id,
      copy_text: 'Count: 1',
      widget: { children: [{ value: 'Count: 1' }, { label: '+1' }] },
    });
    // The sync answer arrived while the response was still streaming.
    expect(result.at).toBeLessThan(lastEventAt);
    expect(doneItems(streamed).at(-1)).toMatchObject({
      type: 'assistant_message',
      content: [{ text: 'This answer streams slowly while you click.' }],
    });

    const page = await h.json<{ data: ThreadItem[] }>({
      type: 'items.list',
      params: { thread_id: threadId, order: 'asc' },
    });
    expect(page.data.find((item) => item.id === widget.id)).toEqual(updated);
  });

  it('round-trips a client tool: pending client_tool_call, then the output resumes the turn', async () => {
    const h = (harness = await startHarness(
      [
        { toolCalls: [{ name: 'get_selection', arguments: { scope: 'page' }, id: 'call_sel' }] },
        { text: 'You selected "hello".' },
      ],
      agentWith([getSelection], [getSelection.name]),
    ));
    const first = await h.stream({
      type: 'threads.create',
      params: { input: textInput('What did I select?') },
    });
    const call = doneItems(first).at(-1)!;
    expect(call).toMatchObject({
      type: 'client_tool_call',
      status: 'pending',
      name: 'get_selection',
      call_id: 'call_sel',
      arguments: { scope: 'page' },
    });
    expect(h.fake.requests).toHaveLength(1);

    const second = await h.stream({
      type: 'threads.add_client_tool_output',
      params: { thread_id: threadIdOf(first), result: { text: 'hello' } },
    });
    expect(doneItems(second).at(-1)).toMatchObject({
      type: 'assistant_message',
      content: [{ text: 'You selected "hello".' }],
    });
    expect(toolOutputs(h.fake, 1)).toEqual(['{"text":"hello"}']);
  });

  it('delivers a client effect emitted by a server tool', async () => {
    const h = (harness = await startHarness(
      [
        { toolCalls: [{ name: 'focus_task', arguments: { id: 't7' } }] },
        { text: 'Scrolled to t7.' },
      ],
      agentWith([focusTask]),
    ));
    const events = await h.stream({
      type: 'threads.create',
      params: { input: textInput('Show t7') },
    });
    expect(events.filter((event) => event.type === 'client_effect')).toEqual([
      { type: 'client_effect', name: 'focus_task', data: { id: 't7' } },
    ]);
    expect(toolOutputs(h.fake, 1)).toEqual(['Focused t7.']);
    expect(doneItems(events).at(-1)).toMatchObject({ type: 'assistant_message' });
  });
});
