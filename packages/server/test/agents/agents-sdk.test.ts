import {
  Agent,
  OpenAIChatCompletionsModel,
  OpenAIResponsesModel,
  run,
  tool,
  type Model,
  type RunContext,
} from '@openai/agents';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  agentTitleGenerator,
  AgentContext,
  ResponseStreamConverter,
  simpleToAgentInput,
  streamAgentResponse,
} from '../../src/agents/index.js';
import type { ThreadStreamEvent } from '../../src/protocol/index.js';
import { generateThreadTitle, loadHistory } from '../../src/turn/index.js';
import {
  startFakeModelServer,
  type FakeModelServer,
  type FakeScript,
} from '../../src/testing/index.js';
import {
  CONTEXT,
  makeServer,
  stream,
  textInput,
  type TestContext,
} from '../helpers/make-server.js';

type Ctx = AgentContext<TestContext>;
let fake: FakeModelServer;
afterEach(() => fake?.close());

async function client(script: FakeScript) {
  fake = await startFakeModelServer(script);
  return new OpenAI({ baseURL: fake.baseURL, apiKey: 'test', maxRetries: 0 });
}

/** A server whose respond runs `agent` with the real SDK (`run(..., { stream: true, signal })`). */
function agentServer(agent: Agent<Ctx>, converter?: ResponseStreamConverter) {
  const { server, store } = makeServer({
    async *respond(thread, _input, requestContext, { signal }) {
      const context = new AgentContext({ thread, store, requestContext, signal });
      const input = await simpleToAgentInput(await loadHistory(store, thread, requestContext));
      const result = await run(agent, input, { stream: true, context, signal });
      yield* streamAgentResponse(context, result, { converter });
    },
  });
  return { server, store };
}

const create = (text: string) => ({ type: 'threads.create', params: { input: textInput(text) } });
const itemEvents = (events: ThreadStreamEvent[]) =>
  events.flatMap((event) =>
    event.type === 'thread.item.added' || event.type === 'thread.item.done'
      ? [`${event.type.slice('thread.item.'.length)}:${event.item.type}`]
      : event.type === 'thread.item.updated'
        ? [`updated:${event.update.type}`]
        : [],
  );

describe('Agents SDK + Responses API model (real SDK against the fake server)', () => {
  const agent = (model: Model) =>
    new Agent<Ctx>({ name: 'Assistant', instructions: 'Be brief.', model });

  it('turns reasoning summaries into a reasoning workflow that ends when the answer starts', async () => {
    const model = new OpenAIResponsesModel(
      await client([{ reasoning: ['Thinking hard', 'Done thinking'], text: 'Answer.' }]),
      'o-test',
    );
    const { server } = agentServer(agent(model));
    const { events } = await stream(server, create('Why?'));
    expect(itemEvents(events)).toEqual([
      'done:user_message',
      'added:workflow',
      'updated:workflow.task.added',
      'updated:workflow.task.updated',
      'updated:workflow.task.updated',
      'updated:workflow.task.added',
      'done:workflow',
      'added:assistant_message',
      'updated:assistant_message.content_part.added',
      'updated:assistant_message.content_part.text_delta',
      'updated:assistant_message.content_part.done',
      'done:assistant_message',
    ]);
    const workflowDone = events.find(
      (event) => event.type === 'thread.item.done' && event.item.type === 'workflow',
    );
    expect(workflowDone).toMatchObject({
      item: {
        workflow: {
          type: 'reasoning',
          expanded: false,
          summary: { duration: 0 },
          tasks: [
            { type: 'thought', content: 'Thinking hard' },
            { type: 'thought', content: 'Done thinking' },
          ],
        },
      },
    });
  });

  it('streams citations as annotations and reuses the Responses message id', async () => {
    const annotation = {
      type: 'url_citation',
      url: 'https://example.com',
      title: 'Example',
      start_index: 0,
      end_index: 5,
    };
    const model = new OpenAIResponsesModel(
      await client([{ text: 'Hello world', annotations: [annotation], id: 'msg_upstream' }]),
      'gpt-test',
    );
    const { server, store } = agentServer(agent(model));
    const { events } = await stream(server, create('Cite'));
    expect(events).toContainEqual({
      type: 'thread.item.updated',
      item_id: 'msg_upstream',
      update: {
        type: 'assistant_message.content_part.annotation_added',
        content_index: 0,
        annotation_index: 0,
        annotation: {
          type: 'annotation',
          source: { type: 'url', url: 'https://example.com', title: 'Example' },
          index: 5,
        },
      },
    });
    const created = events[0]!;
    if (created.type !== 'thread.created') throw new Error('expected thread.created');
    const saved = await store.loadItem(created.thread.id, 'msg_upstream', CONTEXT);
    expect(saved).toMatchObject({
      type: 'assistant_message',
      content: [{ text: 'Hello world', annotations: [{ index: 5 }] }],
    });
  });

  it('streams generated images with partial progress', async () => {
    const model = new OpenAIResponsesModel(
      await client([
        { image: { partials: ['cGFydA=='], result: 'ZmluYWw=' }, text: 'Here it is.' },
      ]),
      'gpt-test',
    );
    const { server } = agentServer(agent(model), new ResponseStreamConverter({ partialImages: 2 }));
    const { events } = await stream(server, create('Draw'));
    expect(itemEvents(events).slice(1, 4)).toEqual([
      'added:generated_image',
      'updated:generated_image.updated',
      'done:generated_image',
    ]);
    const update = events.find(
      (event) =>
        event.type === 'thread.item.updated' && event.update.type === 'generated_image.updated',
    );
    expect(update).toMatchObject({
      update: { progress: 0, image: { url: 'data:image/png;base64,cGFydA==' } },
    });
    expect(
      events.find(
        (event) => event.type === 'thread.item.done' && event.item.type === 'generated_image',
      ),
    ).toMatchObject({
      item: { image: { url: 'data:image/png;base64,ZmluYWw=' } },
    });
  });

  it('names the thread with a non-streamed agent run', async () => {
    const model = new OpenAIResponsesModel(
      await client([{ text: '"Weather in Paris."' }]),
      'gpt-mini',
    );
    const thread = {
      id: 'thr_1',
      created_at: new Date().toISOString(),
      status: { type: 'active' as const },
      metadata: {},
    };
    await generateThreadTitle(thread, 'What is the weather in Paris today?', {
      generate: agentTitleGenerator({ model }),
    });
    expect(thread).toMatchObject({ title: 'Weather in Paris' });
    expect(fake.requests[0]).toMatchObject({ api: 'responses', stream: false });
  });
});

describe('Agents SDK + Chat Completions model (OpenAIChatCompletionsModel)', () => {
  const weather = tool({
    name: 'get_weather',
    description: 'Weather',
    parameters: z.object({ city: z.string() }),
    async execute({ city }, runContext?: RunContext<Ctx>) {
      await runContext!.context.stream({ type: 'progress_update', text: `Looking up ${city}` });
      return 'sunny';
    },
  });

  it('streams the answer as one assistant message with a fresh store id per model response (#36)', async () => {
    const model = new OpenAIChatCompletionsModel(
      await client([
        { text: 'Checking.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Rome' } }] },
        { text: 'It is sunny in Rome.' },
      ]),
      'llama-test',
    );
    const { server, store } = agentServer(
      new Agent<Ctx>({ name: 'Assistant', model, tools: [weather] }),
    );
    const { events } = await stream(server, create('Weather in Rome?'));
    expect(itemEvents(events)).toEqual([
      'done:user_message',
      'added:assistant_message',
      'updated:assistant_message.content_part.added',
      'updated:assistant_message.content_part.text_delta',
      'updated:assistant_message.content_part.done',
      'done:assistant_message',
      'added:assistant_message',
      'updated:assistant_message.content_part.added',
      ...Array(5).fill('updated:assistant_message.content_part.text_delta'),
      'updated:assistant_message.content_part.done',
      'done:assistant_message',
    ]);
    expect(events).toContainEqual({ type: 'progress_update', text: 'Looking up Rome' });
    const messages = events.flatMap((event) =>
      event.type === 'thread.item.done' && event.item.type === 'assistant_message'
        ? [event.item]
        : [],
    );
    expect(messages.map((message) => message.content[0]!.text)).toEqual([
      'Checking.',
      'It is sunny in Rome.',
    ]);
    expect(messages[0]!.id).not.toBe(messages[1]!.id);
    expect(messages.every((message) => message.id.startsWith('msg_'))).toBe(true);
    const created = events[0]!;
    if (created.type !== 'thread.created') throw new Error('expected thread.created');
    const page = await store.loadThreadItems(created.thread.id, null, 10, 'asc', CONTEXT);
    // The tool result is kept as hidden context for later turns (never shown to the user).
    expect(page.data.map((item) => item.type)).toEqual([
      'user_message',
      'assistant_message',
      'sdk_hidden_context',
      'assistant_message',
    ]);
    expect(fake.requests.map((request) => request.api)).toEqual(['chat', 'chat']);
  });
});
