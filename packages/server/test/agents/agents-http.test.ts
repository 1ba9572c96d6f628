import { Agent, OpenAIResponsesModel, tool, type RunContext } from '@openai/agents';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AgentContext,
  classifyOpenAIError,
  simpleToAgentInput,
  streamAgentRun,
} from '../../src/agents/index.js';
import type { ThreadItem, ThreadStreamEvent } from '../../src/protocol/index.js';
import { loadHistory, withFriendlyErrors } from '../../src/turn/index.js';
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

const weather = tool({
  name: 'get_weather',
  description: 'Weather for a city',
  parameters: z.object({ city: z.string() }),
  async execute({ city }, runContext?: RunContext<Ctx>) {
    await runContext!.context.stream({
      type: 'progress_update',
      icon: 'globe',
      text: `Checking the sky over ${city}…`,
    });
    return `Sunny in ${city}.\nHigh: 21°C\n\nLow: 12°C`;
  },
});

const getSelection = tool({
  name: 'get_selection',
  description: 'Ask the browser for the selected text',
  parameters: z.object({}),
  async execute(_args, runContext?: RunContext<Ctx>) {
    runContext!.context.clientToolCall = { name: 'get_selection', arguments: { scope: 'page' } };
    return 'sent to the client';
  },
});

let fake: FakeModelServer;
let served: ServedChatKit;

async function setup(
  script: FakeScript,
  agentOptions: Partial<ConstructorParameters<typeof Agent<Ctx>>[0]> = {},
) {
  fake = await startFakeModelServer(script);
  const client = new OpenAI({ baseURL: fake.baseURL, apiKey: 'test', maxRetries: 0 });
  const agent = new Agent<Ctx>({
    name: 'Assistant',
    instructions: 'Be brief.',
    model: new OpenAIResponsesModel(client, 'gpt-test'),
    tools: [weather, getSelection],
    toolUseBehavior: { stopAtToolNames: ['get_selection'] },
    ...agentOptions,
  });
  const { server, store } = makeServer({
    async *respond(thread, _input, requestContext, { signal }) {
      const context = new AgentContext({ thread, store, requestContext, signal });
      const input = await simpleToAgentInput(
        await loadHistory(store, thread, requestContext, { limit: 20 }),
      );
      yield* withFriendlyErrors(streamAgentRun(context, agent, input, { toolProgress: true }), {
        classify: classifyOpenAIError,
      });
    },
  });
  served = await serveChatKit(server);
  return { store };
}

afterEach(async () => {
  await served?.close();
  await fake?.close();
});

const types = (events: ThreadStreamEvent[]) => events.map((event) => event.type);
const updates = (events: ThreadStreamEvent[]) =>
  events.flatMap((event) => (event.type === 'thread.item.updated' ? [event.update.type] : []));
const threadIdOf = (events: ThreadStreamEvent[]) => {
  const created = events[0];
  if (created?.type !== 'thread.created') throw new Error('expected thread.created first');
  return created.thread.id;
};

describe('Agents SDK over HTTP (Responses API)', () => {
  it('streams create → tool call with progress → answer, and persists the turn', async () => {
    const { store } = await setup([
      { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
      { text: 'It is sunny in Paris.' },
    ]);
    const { events } = await served.stream({
      type: 'threads.create',
      params: { input: textInput('Weather in Paris?') },
    });
    expect(types(events)).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'progress_update',
      'progress_update',
      'thread.item.added',
      'thread.item.updated',
      ...Array(5).fill('thread.item.updated'),
      'thread.item.updated',
      'thread.item.done',
    ]);
    expect(events[3]).toEqual({ type: 'progress_update', text: 'Calling get_weather…' });
    expect(events[4]).toEqual({
      type: 'progress_update',
      icon: 'globe',
      text: 'Checking the sky over Paris…',
    });
    expect(updates(events)).toEqual([
      'assistant_message.content_part.added',
      ...Array(5).fill('assistant_message.content_part.text_delta'),
      'assistant_message.content_part.done',
    ]);
    const done = events.at(-1)!;
    if (done.type !== 'thread.item.done' || done.item.type !== 'assistant_message')
      throw new Error('expected the answer');
    expect(done.item.content[0]!.text).toBe('It is sunny in Paris.');

    // The tool result (with newlines) went back to the model intact.
    const second = fake.requests[1]!.body.input as { type?: string; output?: unknown }[];
    expect(second.find((item) => item.type === 'function_call_output')?.output).toBe(
      'Sunny in Paris.\nHigh: 21°C\n\nLow: 12°C',
    );
    expect(fake.requests[0]!.body).toMatchObject({
      model: 'gpt-test',
      instructions: 'Be brief.',
      stream: true,
    });

    // The tool result is kept as hidden context for later turns (never shown to the user).
    const page = await store.loadThreadItems(threadIdOf(events), null, 10, 'asc', CONTEXT);
    expect(page.data.map((item) => item.type)).toEqual([
      'user_message',
      'sdk_hidden_context',
      'assistant_message',
    ]);
  });

  it('keeps SSE framing intact when tool output and answers contain newlines (#71)', async () => {
    await setup([
      { toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo\nNorway' } }] },
      { text: ['Line one\n', '\nLine two\r\n', 'data: not a frame\n\n', 'end'] },
    ]);
    const { events, text } = await served.stream({
      type: 'threads.create',
      params: { input: textInput('Multi\nline\n\nquestion') },
    });
    expect(
      text
        .split('\n\n')
        .filter(Boolean)
        .every((frame) => frame.startsWith('data: ')),
    ).toBe(true);
    const done = events.at(-1)!;
    if (done.type !== 'thread.item.done' || done.item.type !== 'assistant_message')
      throw new Error('expected the answer');
    expect(done.item.content[0]!.text).toBe('Line one\n\nLine two\r\ndata: not a frame\n\nend');
    expect(events).toContainEqual({
      type: 'progress_update',
      icon: 'globe',
      text: 'Checking the sky over Oslo\nNorway…',
    });
  });

  it('round-trips a client tool call through threads.add_client_tool_output', async () => {
    const { store } = await setup([
      {
        text: 'Let me look.',
        toolCalls: [{ name: 'get_selection', arguments: {}, id: 'call_sel' }],
      },
      { text: 'You selected "hello".' },
    ]);
    const first = await served.stream({
      type: 'threads.create',
      params: { input: textInput('What did I select?') },
    });
    const threadId = threadIdOf(first.events);
    const pending = first.events.at(-1)!;
    if (pending.type !== 'thread.item.done' || pending.item.type !== 'client_tool_call')
      throw new Error('expected a client tool call');
    expect(pending.item).toMatchObject({
      status: 'pending',
      name: 'get_selection',
      call_id: 'call_sel',
      arguments: { scope: 'page' },
    });
    expect(pending.item.id).toMatch(/^fc_/);

    const second = await served.stream({
      type: 'threads.add_client_tool_output',
      params: { thread_id: threadId, result: { text: 'hello' } },
    });
    expect(types(second.events)[0]).toBe('stream_options');
    expect(second.events.at(-1)).toMatchObject({
      type: 'thread.item.done',
      item: { type: 'assistant_message', content: [{ text: 'You selected "hello".' }] },
    });
    const input = fake.requests[1]!.body.input as Record<string, unknown>[];
    expect(input.slice(-2)).toEqual([
      expect.objectContaining({
        type: 'function_call',
        call_id: 'call_sel',
        name: 'get_selection',
        arguments: '{"scope":"page"}',
      }),
      expect.objectContaining({
        type: 'function_call_output',
        call_id: 'call_sel',
        output: '{"text":"hello"}',
      }),
    ]);
    const items = await store.loadThreadItems(threadId, null, 10, 'asc', CONTEXT);
    expect(
      items.data.map((item: ThreadItem) =>
        item.type === 'client_tool_call' ? `${item.type}:${item.status}` : item.type,
      ),
    ).toEqual([
      'user_message',
      'assistant_message',
      'client_tool_call:completed',
      'assistant_message',
    ]);
  });

  it('rolls the turn back on an output guardrail tripwire', async () => {
    const { store } = await setup([{ text: 'Something forbidden.' }], {
      outputGuardrails: [
        {
          name: 'no_forbidden',
          execute: async () => ({ tripwireTriggered: true, outputInfo: null }),
        },
      ],
    });
    const { events } = await served.stream({
      type: 'threads.create',
      params: { input: textInput('Say it') },
    });
    const message = events.find(
      (event) => event.type === 'thread.item.done' && event.item.type === 'assistant_message',
    );
    if (message?.type !== 'thread.item.done') throw new Error('expected the streamed answer first');
    expect(events.slice(-2)).toEqual([
      { type: 'thread.item.removed', item_id: message.item.id },
      {
        type: 'error',
        code: 'custom',
        message: 'This request was blocked by a safety check.',
        allow_retry: false,
      },
    ]);
    const page = await store.loadThreadItems(threadIdOf(events), null, 10, 'asc', CONTEXT);
    expect(page.data.map((item) => item.type)).toEqual(['user_message']);
  });

  it("shows an input guardrail's own message, not retryable", async () => {
    await setup([{ text: 'never sent' }], {
      inputGuardrails: [
        {
          name: 'no_secrets',
          execute: async () => ({
            tripwireTriggered: true,
            outputInfo: { message: 'Please do not share passwords here.' },
          }),
        },
      ],
    });
    const { events } = await served.stream({
      type: 'threads.create',
      params: { input: textInput('my password is hunter2') },
    });
    expect(events.at(-1)).toEqual({
      type: 'error',
      code: 'custom',
      message: 'Please do not share passwords here.',
      allow_retry: false,
    });
  });

  it('turns a 429 from the model into a retryable error event', async () => {
    await setup([{ error: { status: 429, message: 'Rate limit reached for requests' } }]);
    const { events } = await served.stream({
      type: 'threads.create',
      params: { input: textInput('Hi') },
    });
    expect(events.at(-1)).toEqual({
      type: 'error',
      code: 'custom',
      message:
        'The AI service is receiving too many requests right now. Please wait a moment and try again.',
      allow_retry: true,
    });
  });

  it('closes the model connection when the client cancels, and keeps the partial answer', async () => {
    const { store } = await setup([
      { text: 'One two three four five six seven eight nine ten eleven twelve.', delayMs: 40 },
    ]);
    const abort = new AbortController();
    const response = await served.post(
      { type: 'threads.create', params: { input: textInput('Count') } },
      { signal: abort.signal },
    );
    let threadId = '';
    let seen = '';
    try {
      for await (const event of readEvents(response)) {
        if (event.type === 'thread.created') threadId = event.thread.id;
        if (
          event.type === 'thread.item.updated' &&
          event.update.type === 'assistant_message.content_part.text_delta'
        ) {
          seen += event.update.delta;
          if (seen.split(' ').length > 2) abort.abort();
        }
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    }
    await fake.waitForAbort();
    expect(fake.abortedStreams).toBe(1);
    const items = await eventually(async () => {
      const page = await store.loadThreadItems(threadId, null, 10, 'asc', CONTEXT);
      return page.data.some((item) => item.type === 'sdk_hidden_context') ? page.data : undefined;
    });
    const partial = items.find((item) => item.type === 'assistant_message');
    if (partial?.type !== 'assistant_message')
      throw new Error('expected the partial answer to be saved');
    expect(partial.content[0]!.text.startsWith(seen)).toBe(true);
    expect(
      'One two three four five six seven eight nine ten eleven twelve.'.startsWith(
        partial.content[0]!.text,
      ),
    ).toBe(true);
    const listed = await served.json<{ data: ThreadItem[] }>({
      type: 'items.list',
      params: { thread_id: threadId, order: 'asc' },
    });
    expect(listed.data.map((item) => item.type)).toEqual(['user_message', 'assistant_message']);
  });
});
