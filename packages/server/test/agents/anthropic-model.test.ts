import Anthropic from '@anthropic-ai/sdk';
import { Agent, tool, type RunContext } from '@openai/agents';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { clientTool } from '../../src/actions/agents/index.js';
import { AnthropicModel, classifyAnthropicError } from '../../src/agents/anthropic/index.js';
import {
  AgentContext,
  agentTitleGenerator,
  simpleToAgentInput,
  streamAgentRun,
} from '../../src/agents/index.js';
import type { ThreadStreamEvent } from '../../src/protocol/index.js';
import { generateThreadTitle, loadHistory, withFriendlyErrors } from '../../src/turn/index.js';
import {
  startFakeModelServer,
  type FakeModelServer,
  type FakeScript,
} from '../../src/testing/index.js';
import { CONTEXT, makeServer, textInput, type TestContext } from '../helpers/make-server.js';
import {
  eventually,
  readEvents,
  serveChatKit,
  type ServedChatKit,
} from '../helpers/serve-chatkit.js';

type Ctx = AgentContext<TestContext>;

const lookup = tool({
  name: 'lookup_order',
  description: 'Find an order',
  parameters: z.object({ orderId: z.string() }),
  async execute({ orderId }, runContext?: RunContext<Ctx>) {
    await runContext!.context.addWorkflowTask({
      type: 'custom',
      title: `Looked up ${orderId}`,
      status_indicator: 'complete',
    });
    return JSON.stringify({ orderId, status: 'shipped' });
  },
});
const confirm = clientTool<TestContext>({
  name: 'confirm_in_browser',
  description: 'Ask the user to confirm',
  parameters: z.object({ question: z.string() }),
});

let fake: FakeModelServer;
let served: ServedChatKit;
afterEach(async () => {
  await served?.close();
  await fake?.close();
});

async function setup(script: FakeScript) {
  fake = await startFakeModelServer(script);
  const client = new Anthropic({ baseURL: fake.url, apiKey: 'test', maxRetries: 0 });
  const agent = new Agent<Ctx>({
    name: 'Assistant',
    instructions: 'Be brief.',
    model: new AnthropicModel(client, 'claude-test'),
    tools: [lookup, confirm],
    toolUseBehavior: { stopAtToolNames: [confirm.name] },
  });
  const { server, store } = makeServer({
    async *respond(thread, _input, requestContext, { signal }) {
      const context = new AgentContext({ thread, store, requestContext, signal });
      const input = await simpleToAgentInput(await loadHistory(store, thread, requestContext));
      const events = streamAgentRun(context, agent, input, {
        toolProgress: ({ name }) =>
          name === 'lookup_order' ? { text: 'Looking up the order…', icon: 'search' } : null,
      });
      yield* withFriendlyErrors(events, { classify: classifyAnthropicError });
    },
  });
  served = await serveChatKit(server);
  return { store, client };
}

const shape = (events: ThreadStreamEvent[]) =>
  events.map((event) =>
    event.type === 'thread.item.updated'
      ? event.update.type
      : 'item' in event
        ? `${event.type}:${event.item.type}`
        : event.type,
  );
const threadIdOf = (events: ThreadStreamEvent[]) => {
  const created = events[0];
  if (created?.type !== 'thread.created') throw new Error('expected thread.created');
  return created.thread.id;
};

describe('AnthropicModel on the Agents SDK over HTTP', () => {
  it('streams create → tool call with progress and a workflow → answer', async () => {
    const { store } = await setup([
      {
        reasoning: ['Need the order.'],
        text: 'Let me check.',
        toolCalls: [{ name: 'lookup_order', arguments: { orderId: 'A-1' }, id: 'toolu_1' }],
      },
      { text: 'Order A-1 has shipped.' },
    ]);
    const { events } = await served.stream({
      type: 'threads.create',
      params: { input: textInput('Where is order A-1?') },
    });
    expect(shape(events)).toEqual([
      'thread.created',
      'thread.item.done:user_message',
      'stream_options',
      'thread.item.added:assistant_message',
      'assistant_message.content_part.added',
      'assistant_message.content_part.text_delta',
      'assistant_message.content_part.text_delta',
      'assistant_message.content_part.text_delta',
      'assistant_message.content_part.done',
      'thread.item.done:assistant_message',
      // The tool starts as the SDK queues its call item, so its workflow lands first.
      'thread.item.added:workflow',
      'progress_update',
      'thread.item.done:workflow',
      'thread.item.added:assistant_message',
      'assistant_message.content_part.added',
      'assistant_message.content_part.text_delta',
      'assistant_message.content_part.text_delta',
      'assistant_message.content_part.text_delta',
      'assistant_message.content_part.text_delta',
      'assistant_message.content_part.done',
      'thread.item.done:assistant_message',
    ]);
    expect(events[11]).toEqual({
      type: 'progress_update',
      icon: 'search',
      text: 'Looking up the order…',
    });
    expect(events[12]).toMatchObject({
      item: {
        workflow: {
          type: 'custom',
          tasks: [{ title: 'Looked up A-1', status_indicator: 'complete' }],
          summary: { duration: 0 },
        },
      },
    });

    const [first, second] = fake.requests;
    expect(first!.body).toMatchObject({
      model: 'claude-test',
      system: 'Be brief.',
      max_tokens: 4096,
      stream: true,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Where is order A-1?' }] }],
    });
    expect((first!.body.tools as { name: string; input_schema: unknown }[])[0]).toMatchObject({
      name: 'lookup_order',
      input_schema: {
        type: 'object',
        properties: { orderId: { type: 'string' } },
        required: ['orderId'],
      },
    });
    expect((second!.body.messages as unknown[]).slice(-2)).toEqual([
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Need the order.', signature: 'fake-signature' },
          { type: 'text', text: 'Let me check.' },
          { type: 'tool_use', id: 'toolu_1', name: 'lookup_order', input: { orderId: 'A-1' } },
        ],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 'toolu_1',
            content: '{"orderId":"A-1","status":"shipped"}',
          },
        ],
      },
    ]);
    const page = await store.loadThreadItems(threadIdOf(events), null, 10, 'asc', CONTEXT);
    // The tool result is kept as hidden context for later turns (never shown to the user).
    expect(page.data.map((item) => item.type)).toEqual([
      'user_message',
      'assistant_message',
      'workflow',
      'sdk_hidden_context',
      'assistant_message',
    ]);
  });

  it('maps model settings: a forced tool for one call, max tokens, temperature, no parallel calls', async () => {
    fake = await startFakeModelServer([
      { toolCalls: [{ name: 'lookup_order', arguments: { orderId: 'A-2' }, id: 'toolu_2' }] },
      { text: 'Shipped.' },
    ]);
    const client = new Anthropic({ baseURL: fake.url, apiKey: 'test', maxRetries: 0 });
    const agent = new Agent<Ctx>({
      name: 'Assistant',
      model: new AnthropicModel(client, 'claude-test', { params: { metadata: { user_id: 'u1' } } }),
      tools: [lookup],
      modelSettings: {
        toolChoice: 'lookup_order',
        maxTokens: 100,
        temperature: 0.2,
        parallelToolCalls: false,
      },
      resetToolChoice: true,
    });
    const { server, store } = makeServer({
      async *respond(thread, _input, requestContext) {
        const context = new AgentContext({ thread, store, requestContext });
        const input = await simpleToAgentInput(await loadHistory(store, thread, requestContext));
        yield* streamAgentRun(context, agent, input);
      },
    });
    served = await serveChatKit(server);
    const { events } = await served.stream({
      type: 'threads.create',
      params: { input: textInput('A-2?') },
    });
    expect(events.at(-1)).toMatchObject({
      type: 'thread.item.done',
      item: { type: 'assistant_message', content: [{ text: 'Shipped.' }] },
    });
    const [first, second] = fake.requests;
    expect(first!.body).toMatchObject({
      max_tokens: 100,
      temperature: 0.2,
      metadata: { user_id: 'u1' },
      tool_choice: { type: 'tool', name: 'lookup_order', disable_parallel_tool_use: true },
    });
    expect(first!.body).not.toHaveProperty('system');
    // resetToolChoice: the forced tool applies once, so the model can answer after the result.
    expect(second!.body.tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true });
  });

  it('round-trips a client tool call as tool_use + tool_result', async () => {
    await setup([
      {
        toolCalls: [
          { name: 'confirm_in_browser', arguments: { question: 'Cancel A-1?' }, id: 'toolu_c' },
        ],
      },
      { text: 'Cancelled.' },
    ]);
    const first = await served.stream({
      type: 'threads.create',
      params: { input: textInput('Cancel A-1') },
    });
    expect(first.events.at(-1)).toMatchObject({
      item: {
        type: 'client_tool_call',
        call_id: 'toolu_c',
        arguments: { question: 'Cancel A-1?' },
        status: 'pending',
      },
    });
    const second = await served.stream({
      type: 'threads.add_client_tool_output',
      params: { thread_id: threadIdOf(first.events), result: { confirmed: true } },
    });
    expect(second.events.at(-1)).toMatchObject({
      item: { type: 'assistant_message', content: [{ text: 'Cancelled.' }] },
    });
    expect(fake.requests[1]!.body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Cancel A-1' }] },
      {
        role: 'assistant',
        content: [
          {
            type: 'tool_use',
            id: 'toolu_c',
            name: 'confirm_in_browser',
            input: { question: 'Cancel A-1?' },
          },
        ],
      },
      {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: 'toolu_c', content: '{"confirmed":true}' }],
      },
    ]);
  });

  it.each([
    [429, true, 'too many requests'],
    [529, true, 'temporarily unavailable'],
    [400, false, 'could not process'],
  ])('maps HTTP %i to a friendly error (retry: %s)', async (status, allowRetry, text) => {
    await setup([{ error: { status } }]);
    const { events } = await served.stream({
      type: 'threads.create',
      params: { input: textInput('Hi') },
    });
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      code: 'custom',
      allow_retry: allowRetry,
      message: expect.stringContaining(text),
    });
  });

  it('closes the model connection on cancel and keeps the partial answer', async () => {
    const { store } = await setup([
      { text: 'one two three four five six seven eight nine ten', delayMs: 40 },
    ]);
    const abort = new AbortController();
    const response = await served.post(
      { type: 'threads.create', params: { input: textInput('Count') } },
      { signal: abort.signal },
    );
    let threadId = '';
    let seen = '';
    await expect(
      (async () => {
        for await (const event of readEvents(response)) {
          if (event.type === 'thread.created') threadId = event.thread.id;
          if (
            event.type === 'thread.item.updated' &&
            event.update.type === 'assistant_message.content_part.text_delta'
          ) {
            seen += event.update.delta;
            if (seen.length > 8) abort.abort();
          }
        }
      })(),
    ).rejects.toThrow();
    await fake.waitForAbort();
    const items = await eventually(async () => {
      const page = await store.loadThreadItems(threadId, null, 10, 'asc', CONTEXT);
      return page.data.some((item) => item.type === 'sdk_hidden_context') ? page.data : undefined;
    });
    const partial = items.find((item) => item.type === 'assistant_message');
    if (partial?.type !== 'assistant_message') throw new Error('expected the partial answer');
    expect(partial.content[0]!.text.startsWith(seen)).toBe(true);
  });

  it('generates a title with a non-streamed Messages call', async () => {
    const { client } = await setup([{ text: 'Title: "Order status."' }]);
    const thread = {
      id: 'thr_1',
      created_at: new Date().toISOString(),
      status: { type: 'active' as const },
      metadata: {},
    };
    expect(
      await generateThreadTitle(thread, 'Where is my order?', {
        generate: agentTitleGenerator({ model: new AnthropicModel(client, 'claude-mini') }),
      }),
    ).toBe('Order status');
    expect(fake.requests[0]).toMatchObject({
      api: 'anthropic',
      stream: false,
      body: { model: 'claude-mini', messages: [{ role: 'user' }] },
    });
  });
});
