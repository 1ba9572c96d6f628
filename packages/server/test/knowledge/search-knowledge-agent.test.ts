import { Agent, OpenAIChatCompletionsModel, OpenAIResponsesModel } from '@openai/agents';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentContext, simpleToAgentInput, streamAgentRun } from '../../src/agents/index.js';
import {
  citationsFor,
  KnowledgeBase,
  SqliteKnowledgeBackend,
  type SearchKnowledgePassage,
} from '../../src/knowledge/index.js';
import { searchKnowledgeTool } from '../../src/knowledge/agents/index.js';
import type { AssistantMessageItem, ThreadStreamEvent } from '../../src/protocol/index.js';
import { loadHistory } from '../../src/turn/index.js';
import { startFakeModelServer, type FakeModelServer } from '../../src/testing/index.js';
import { makeServer, stream, textInput, type TestContext } from '../helpers/make-server.js';

type Ctx = AgentContext<TestContext>;
let fake: FakeModelServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function knowledge() {
  const kb = new KnowledgeBase({ backend: new SqliteKnowledgeBackend({ vectors: false }) });
  const docs = await kb.createCollection({ name: 'handbook' });
  await kb.ingest(docs.id, {
    source: '/srv/docs/holidays.md',
    text: '# Holidays\n\nEveryone gets 25 days of paid holiday per year.',
  });
  await kb.ingest(docs.id, {
    source: 'https://intranet.example/expenses.html',
    text: '<title>Expenses</title><main><h1>Expenses</h1><p>Receipts are due within 30 days of purchase.</p></main>',
  });
  const secret = await kb.createCollection({
    name: 'private',
    owner: { userId: 'alternative_user' },
  });
  await kb.ingest(secret.id, {
    source: 'secret.txt',
    text: 'The holiday bonus is a secret 5000 euros.',
  });
  return kb;
}

describe('searchKnowledgeTool with the Agents SDK', () => {
  it('streams progress, returns numbered passages, and turns [n] markers into file/url annotations', async () => {
    const kb = await knowledge();
    let toolOutput: { passages: SearchKnowledgePassage[] } | undefined;
    fake = await startFakeModelServer((request) => {
      const input = request.body.input as Array<Record<string, unknown>>;
      const output = input.find((entry) => entry.type === 'function_call_output');
      if (!output) {
        return {
          toolCalls: [{ name: 'search_knowledge', arguments: { query: 'holiday days receipts' } }],
        };
      }
      toolOutput = JSON.parse(output.output as string) as { passages: SearchKnowledgePassage[] };
      const ref = (title: string) => toolOutput!.passages.find((p) => p.title === title)!.ref;
      return {
        text: `You get 25 days [${ref('Holidays')}]. Receipts are due within 30 days [${ref('Expenses')}].`,
      };
    });
    const model = new OpenAIResponsesModel(
      new OpenAI({ baseURL: fake.baseURL, apiKey: 'k', maxRetries: 0 }),
      'm',
    );
    const agent = new Agent<Ctx>({
      name: 'Docs',
      model,
      tools: [searchKnowledgeTool({ knowledgeBase: kb })],
    });
    const { server, store } = makeServer({
      async *respond(thread, _input, requestContext, { signal }) {
        const context = new AgentContext({ thread, store, requestContext, signal });
        const input = await simpleToAgentInput(await loadHistory(store, thread, requestContext));
        yield* citationsFor(context).rewrite(streamAgentRun(context, agent, input));
      },
    });
    const { events } = await stream(server, {
      type: 'threads.create',
      params: { input: textInput('How many holidays, and when are receipts due?') },
    });

    const progress = events.flatMap((e: ThreadStreamEvent) =>
      e.type === 'progress_update' ? [e.text] : [],
    );
    expect(progress).toEqual(['Searching…', 'Found 2 passages']);
    // The other user's private collection was not searched.
    expect(toolOutput!.passages.map((p) => p.title).sort()).toEqual(['Expenses', 'Holidays']);
    expect(toolOutput!.passages.map((p) => p.ref)).toEqual([1, 2]);
    expect(toolOutput!.passages.every((p) => p.id.startsWith('kp_'))).toBe(true);
    expect(JSON.stringify(toolOutput)).not.toContain('5000');

    const done = events.filter(
      (e): e is Extract<ThreadStreamEvent, { type: 'thread.item.done' }> =>
        e.type === 'thread.item.done' && e.item.type === 'assistant_message',
    );
    const message = done.at(-1)!.item as AssistantMessageItem;
    const [part] = message.content;
    expect(part!.text).toBe('You get 25 days. Receipts are due within 30 days.');
    expect(part!.annotations).toEqual([
      {
        type: 'annotation',
        index: 'You get 25 days'.length,
        source: expect.objectContaining({
          type: 'file',
          filename: 'holidays.md',
          title: 'Holidays — Holidays',
          description: 'Everyone gets 25 days of paid holiday per year.',
        }),
      },
      {
        type: 'annotation',
        index: 'You get 25 days. Receipts are due within 30 days'.length,
        source: expect.objectContaining({
          type: 'url',
          url: 'https://intranet.example/expenses.html',
          title: 'Expenses — Expenses',
          description: 'Receipts are due within 30 days of purchase.',
        }),
      },
    ]);
    // The stored message carries the same annotations (what a reload shows).
    const items = await store.loadThreadItems(message.thread_id, null, 10, 'asc', {
      userId: 'test_user',
    });
    const stored = items.data.find(
      (item) => item.type === 'assistant_message',
    ) as AssistantMessageItem;
    expect(stored.content[0]!.annotations).toHaveLength(2);
  });
});

describe('searchKnowledgeTool on a Chat Completions model', () => {
  it('searches as the requesting user and annotates the answer', async () => {
    const kb = await knowledge();
    fake = await startFakeModelServer((request) => {
      const messages = request.body.messages as Array<{ role: string; content: string }>;
      const tool = messages.find((m) => m.role === 'tool');
      if (!tool)
        return { toolCalls: [{ name: 'search_knowledge', arguments: { query: 'holiday bonus' } }] };
      const output = JSON.parse(tool.content) as { passages: SearchKnowledgePassage[] };
      return { text: `Answer [${output.passages.map((p) => p.ref).join(', ')}].` };
    });
    const client = new OpenAI({ baseURL: fake.baseURL, apiKey: 'k', maxRetries: 0 });
    const agent = new Agent<Ctx>({
      name: 'Assistant',
      model: new OpenAIChatCompletionsModel(client, 'm'),
      tools: [searchKnowledgeTool<TestContext>({ knowledgeBase: kb })],
    });
    const { server, store } = makeServer({
      async *respond(thread, _input, requestContext, { signal }) {
        const context = new AgentContext({ thread, store, requestContext, signal });
        const input = await simpleToAgentInput(await loadHistory(store, thread, requestContext));
        yield* citationsFor(context).rewrite(streamAgentRun(context, agent, input));
      },
    });
    const ask = async (userId: string) => {
      const { events } = await stream(
        server,
        { type: 'threads.create', params: { input: textInput('What is the holiday bonus?') } },
        { userId },
      );
      const done = events.filter(
        (e): e is Extract<ThreadStreamEvent, { type: 'thread.item.done' }> =>
          e.type === 'thread.item.done' && e.item.type === 'assistant_message',
      );
      return (done.at(-1)!.item as AssistantMessageItem).content[0]!;
    };
    // The default user only reaches the public handbook; the private notes' owner reaches both.
    const filenames = (part: Awaited<ReturnType<typeof ask>>) =>
      part.annotations
        .map((a) => (a.source.type === 'file' ? a.source.filename : a.source.type))
        .sort();
    const mine = await ask('test_user');
    expect(mine.text).toBe('Answer.');
    expect(filenames(mine)).toEqual(['holidays.md']);
    const owner = await ask('alternative_user');
    expect(filenames(owner)).toEqual(['holidays.md', 'secret.txt']);
  });
});
