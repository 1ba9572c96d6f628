import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ThreadItem, ThreadStreamEvent, WidgetRoot } from '../../src/protocol/index.js';
import {
  assertInputLength,
  defineTool,
  loadHistory,
  selectModel,
  ThreadItemConverter,
  turnInferenceOptions,
  TurnContext,
  withFriendlyErrors,
  withRequestMetadata,
  withThreadTitle,
} from '../../src/providers/index.js';
import {
  chatCompletionsTitleGenerator,
  classifyOpenAIError,
  streamChatCompletions,
} from '../../src/providers/openai-chat/index.js';
import {
  startFakeModelServer,
  type FakeModelServer,
  type FakeTurn,
} from '../../src/testing/index.js';
import { CONTEXT, makeServer, textInput, type TestContext } from '../helpers/make-server.js';
import {
  eventually,
  readEvents,
  serveChatKit,
  type ServedChatKit,
} from '../helpers/serve-chatkit.js';

const weather = defineTool({
  name: 'get_weather',
  description: 'Weather for a city',
  parameters: z.object({ city: z.string() }),
  async execute({ city }, ctx: TurnContext<TestContext>) {
    await ctx.stream({ type: 'progress_update', icon: 'globe', text: `Checking ${city}…` });
    await ctx.streamWidget(
      { type: 'Card', children: [{ type: 'Text', value: `${city}: 21°C` }] } as WidgetRoot,
      `${city}: 21°C`,
    );
    return { city, temperature: 21, note: 'line one\nline two' };
  },
});

const getSelection = defineTool({
  name: 'get_selection',
  description: 'The text the user selected in the page',
  parameters: z.object({}),
  execute(_args, ctx: TurnContext<TestContext>) {
    ctx.clientToolCall = { name: 'get_selection', arguments: {} };
    return null;
  },
});

let fake: FakeModelServer;
let served: ServedChatKit;
afterEach(async () => {
  await served?.close();
  await fake?.close();
});

/** Streamed requests take turns from the queue; non-streamed ones (the title) get a fixed answer. */
async function setup(turns: FakeTurn[]) {
  fake = await startFakeModelServer((request) =>
    request.stream ? (turns.shift() ?? { text: 'No more turns' }) : { text: 'Weather in Paris' },
  );
  const client = new OpenAI({ baseURL: fake.baseURL, apiKey: 'test', maxRetries: 0 });
  const { server, store } = makeServer({
    async *respond(thread, input, requestContext, { signal }) {
      assertInputLength(input, { maxChars: 200 });
      const history = await loadHistory(store, thread, requestContext, { limit: 20 });
      const model = selectModel(turnInferenceOptions(input, history), {
        allowed: ['llama-test', 'qwen-test'],
        default: 'llama-test',
      });
      const context = new TurnContext({ thread, store, requestContext, signal });
      const events = streamChatCompletions(context, {
        client,
        model,
        input: await new ThreadItemConverter().toAgentInput(history),
        instructions: withRequestMetadata('Be brief.', { user: { name: 'Ada' }, locale: 'en-GB' }),
        tools: [weather, getSelection],
        toolProgress: true,
      });
      yield* withThreadTitle(
        thread,
        input,
        withFriendlyErrors(events, { classify: classifyOpenAIError }),
        {
          generate: chatCompletionsTitleGenerator({ client, model: 'mini-test' }),
        },
      );
    },
  });
  served = await serveChatKit(server);
  return { store };
}

const streamed = (events: ThreadStreamEvent[]) =>
  events.filter((event) => event.type !== 'thread.updated');
const threadIdOf = (events: ThreadStreamEvent[]) => {
  const created = events[0];
  if (created?.type !== 'thread.created') throw new Error('expected thread.created');
  return created.thread.id;
};
const streamRequests = () => fake.requests.filter((request) => request.stream);

describe('Chat Completions adapter over HTTP', () => {
  it('streams create → tool call with progress and a widget → answer; names the thread', async () => {
    const { store } = await setup([
      { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' }, id: 'call_w' }] },
      { text: 'Sunny, 21°C in Paris.' },
    ]);
    const { events } = await served.stream({
      type: 'threads.create',
      params: { input: textInput('Weather in Paris?') },
    });
    expect(
      streamed(events).map((event) =>
        event.type === 'thread.item.updated'
          ? event.update.type
          : 'item' in event
            ? `${event.type}:${event.item.type}`
            : event.type,
      ),
    ).toEqual([
      'thread.created',
      'thread.item.done:user_message',
      'stream_options',
      'progress_update',
      'progress_update',
      'thread.item.done:widget',
      'thread.item.added:assistant_message',
      'assistant_message.content_part.added',
      'assistant_message.content_part.text_delta',
      'assistant_message.content_part.text_delta',
      'assistant_message.content_part.text_delta',
      'assistant_message.content_part.text_delta',
      'assistant_message.content_part.done',
      'thread.item.done:assistant_message',
    ]);
    expect(streamed(events)[3]).toEqual({ type: 'progress_update', text: 'Calling get_weather…' });
    expect(streamed(events)[4]).toEqual({
      type: 'progress_update',
      icon: 'globe',
      text: 'Checking Paris…',
    });
    expect(events.filter((event) => event.type === 'thread.updated').at(-1)).toMatchObject({
      thread: { title: 'Weather in Paris' },
    });

    const [first, second] = streamRequests();
    expect(first!.body).toMatchObject({
      model: 'llama-test',
      stream: true,
      tools: [
        { type: 'function', function: { name: 'get_weather' } },
        { function: { name: 'get_selection' } },
      ],
    });
    const messages = first!.body.messages as { role: string; content: unknown }[];
    expect(messages[0]).toEqual({
      role: 'system',
      content: 'Be brief.\n\n# Request context\n- User name: Ada\n- Locale: en-GB',
    });
    expect(messages[1]).toEqual({ role: 'user', content: 'Weather in Paris?' });
    expect((second!.body.messages as unknown[]).slice(-2)).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_w',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      {
        role: 'tool',
        tool_call_id: 'call_w',
        content: '{"city":"Paris","temperature":21,"note":"line one\\nline two"}',
      },
    ]);

    const threadId = threadIdOf(events);
    expect((await store.loadThread(threadId, CONTEXT)).title).toBe('Weather in Paris');
    const page = await store.loadThreadItems(threadId, null, 10, 'asc', CONTEXT);
    // The tool result is kept as hidden context for later turns (never shown to the user).
    expect(page.data.map((item) => item.type)).toEqual([
      'user_message',
      'widget',
      'sdk_hidden_context',
      'assistant_message',
    ]);
  });

  it('round-trips a client tool call and sends it back as a tool call + tool message', async () => {
    const { store } = await setup([
      { toolCalls: [{ name: 'get_selection', id: 'call_sel' }] },
      { text: 'You selected "hello".' },
    ]);
    const first = await served.stream({
      type: 'threads.create',
      params: { input: textInput('What did I select?') },
    });
    const threadId = threadIdOf(first.events);
    expect(streamed(first.events).at(-1)).toMatchObject({
      type: 'thread.item.done',
      item: {
        type: 'client_tool_call',
        status: 'pending',
        call_id: 'call_sel',
        name: 'get_selection',
        arguments: {},
      },
    });
    const second = await served.stream({
      type: 'threads.add_client_tool_output',
      params: { thread_id: threadId, result: 'hello' },
    });
    expect(streamed(second.events).at(-1)).toMatchObject({
      type: 'thread.item.done',
      item: { type: 'assistant_message', content: [{ text: 'You selected "hello".' }] },
    });
    expect((streamRequests()[1]!.body.messages as unknown[]).slice(-2)).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_sel',
            type: 'function',
            function: { name: 'get_selection', arguments: '{}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_sel', content: '"hello"' },
    ]);
    const page = await store.loadThreadItems(threadId, null, 10, 'asc', CONTEXT);
    expect(page.data.map((item: ThreadItem) => item.type)).toEqual([
      'user_message',
      'client_tool_call',
      'assistant_message',
    ]);
  });

  it('turns a 429 into a retryable error event', async () => {
    await setup([{ error: { status: 429 } }]);
    const { events } = await served.stream({
      type: 'threads.create',
      params: { input: textInput('Hi') },
    });
    expect(streamed(events).at(-1)).toMatchObject({
      type: 'error',
      code: 'custom',
      allow_retry: true,
      message: expect.stringContaining('too many requests'),
    });
  });

  it('tells the user to contact the administrator on a 401, without retry', async () => {
    await setup([{ error: { status: 401, message: 'Incorrect API key provided' } }]);
    const { events } = await served.stream({
      type: 'threads.create',
      params: { input: textInput('Hi') },
    });
    expect(streamed(events).at(-1)).toMatchObject({
      type: 'error',
      code: 'custom',
      allow_retry: false,
      message: expect.stringContaining('site administrator'),
    });
  });

  it('uses the model picked in the composer, and rejects one outside the allow-list before calling the model', async () => {
    await setup([{ text: 'Hi from qwen.' }]);
    await served.stream({
      type: 'threads.create',
      params: { input: textInput('Hi', { inference_options: { model: 'qwen-test' } }) },
    });
    expect(streamRequests()[0]!.body.model).toBe('qwen-test');
    const { events } = await served.stream({
      type: 'threads.create',
      params: { input: textInput('Hi', { inference_options: { model: 'gpt-expensive' } }) },
    });
    expect(streamed(events).at(-1)).toEqual({
      type: 'error',
      code: 'custom',
      message: 'The model "gpt-expensive" is not available. Please choose another model.',
      allow_retry: false,
    });
    expect(streamRequests()).toHaveLength(1);
  });

  it('sends an earlier tool result to the model on the next turn, never to the user', async () => {
    await setup([
      { toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' }, id: 'call_o' }] },
      { text: 'Cold in Oslo.' },
      { text: 'It was 21°C.' },
    ]);
    const { events } = await served.stream({
      type: 'threads.create',
      params: { input: textInput('Weather in Oslo?') },
    });
    const threadId = threadIdOf(events);
    await served.stream({
      type: 'threads.add_user_message',
      params: { thread_id: threadId, input: textInput('What temperature did the tool say?') },
    });
    const third = streamRequests()[2]!.body.messages as { role: string; content: unknown }[];
    const remembered = third.filter(
      (message) => typeof message.content === 'string' && message.content.includes('<ToolResult'),
    );
    expect(remembered).toHaveLength(1);
    expect(remembered[0]!.content).toContain('<ToolResult name="get_weather"');
    expect(remembered[0]!.content).toContain('"temperature":21');
    const listed = await served.json<{ data: { type: string }[] }>({
      type: 'items.list',
      params: { thread_id: threadId, order: 'asc' },
    });
    expect(listed.data.map((item) => item.type)).not.toContain('sdk_hidden_context');
    expect(JSON.stringify(listed)).not.toContain('"temperature":21');
  });

  it('rejects a too-long message with a clear error and no model call', async () => {
    await setup([]);
    const { events } = await served.stream({
      type: 'threads.create',
      params: { input: textInput('x'.repeat(201)) },
    });
    expect(streamed(events).at(-1)).toEqual({
      type: 'error',
      code: 'custom',
      message:
        'Your message is too long (201 characters). Please shorten it to 200 characters or fewer and try again.',
      allow_retry: false,
    });
    expect(streamRequests()).toHaveLength(0);
  });

  it('closes the model connection on cancel and keeps the partial answer', async () => {
    const { store } = await setup([
      { text: 'Alpha beta gamma delta epsilon zeta eta theta iota kappa.', delayMs: 40 },
    ]);
    const abort = new AbortController();
    const response = await served.post(
      { type: 'threads.create', params: { input: textInput('Greek letters') } },
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
            if (seen.length > 10) abort.abort();
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
    expect(partial.content[0]!.text.length).toBeLessThan(
      'Alpha beta gamma delta epsilon zeta eta theta iota kappa.'.length,
    );
  });
});
