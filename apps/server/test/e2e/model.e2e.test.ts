import {
  startFakeModelServer,
  type FakeModelServer,
  type FakeRequest,
  type FakeTurn,
} from '@threadline/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../helpers/build.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { readEvents, streamedText, threadIdOf, userInput } from '../helpers/sse.js';
import { JWT_SECRET } from '../helpers/tokens.js';
import { httpCall } from './http-client.js';

/** The text of the newest user message in a Responses or Chat Completions request. */
function lastUserText(request: FakeRequest): string {
  const items = (request.body.input ?? request.body.messages ?? []) as {
    role?: string;
    content?: unknown;
  }[];
  const users = items.filter((item) => item.role === 'user');
  return JSON.stringify(users.at(-1)?.content ?? '');
}

const hasToolResult = (request: FakeRequest): boolean =>
  JSON.stringify(request.body).includes('function_call_output') ||
  JSON.stringify(request.body).includes('"tool_result"') ||
  ((request.body.messages ?? []) as { role?: string }[]).some((m) => m.role === 'tool');

function script(request: FakeRequest): FakeTurn {
  const text = lastUserText(request);
  if (hasToolResult(request)) return { text: 'Done with the tools.' };
  if (text.includes('calc'))
    return { toolCalls: [{ name: 'calculate', arguments: { expression: '(17 * 23) + 4' } }] };
  if (text.includes('card'))
    return {
      toolCalls: [{ name: 'show_card', arguments: { title: 'Summary', body: '**Bold** move' } }],
    };
  if (text.includes('fail'))
    return { error: { status: 429, message: 'slow down (internal detail)' } };
  if (text.includes('slow'))
    return { text: Array.from({ length: 60 }, (_, i) => `w${i} `), delayMs: 60 };
  return { text: 'Hello from the fake model.' };
}

const AGENTS = {
  agents: [
    {
      id: 'assistant',
      name: 'Assistant',
      instructions: 'Be a test assistant.',
      model: 'fake-default',
      models: ['fake-big'],
      tools: ['calculate', 'show_card'],
      composerTools: [
        {
          id: 'math',
          label: 'Math',
          icon: 'analytics',
          instructions: 'Always compute with calculate.',
          forceTool: 'calculate',
        },
      ],
    },
  ],
};

describe.each(['openai-responses', 'openai-chat', 'anthropic'] as const)(
  'a real model (%s, fake model server)',
  (provider) => {
    let fake: FakeModelServer;
    let server: ChildServer;
    const call = () => httpCall(server.url);
    const create = async (text: string, inference: Record<string, unknown> = {}) =>
      readEvents(
        await call()('mia', {
          type: 'threads.create',
          params: { input: userInput(text, inference) },
        }),
      );

    beforeAll(async () => {
      fake = await startFakeModelServer(script);
      await ensureBuilt();
      const file = join(mkdtempSync(join(tmpdir(), 'threadline-model-')), 'agents.json');
      writeFileSync(file, JSON.stringify(AGENTS));
      server = await startChildServer({
        THREADLINE_AUTH: 'jwt',
        JWT_SECRET,
        ...(provider === 'anthropic'
          ? { ANTHROPIC_API_KEY: 'sk-ant-fake', ANTHROPIC_BASE_URL: fake.url }
          : { OPENAI_API_KEY: 'sk-fake', OPENAI_BASE_URL: fake.baseURL }),
        THREADLINE_MODEL_PROVIDER: provider,
        THREADLINE_CONFIG: file,
        CHATKIT_UPLOAD_STRATEGY: 'disabled',
        OPENAI_AGENTS_DISABLE_TRACING: '1',
      });
    }, 300_000);
    afterAll(async () => {
      await server?.stop();
      await fake?.close();
    });

    it('streams the model text token by token and persists the answer', async () => {
      const events = await create('Hi there');
      expect(streamedText(events)).toBe('Hello from the fake model.');
      const banner = server.logs.find((l) => String(l.msg).startsWith('Threadline listening on'))!;
      const api = {
        'openai-responses': ['Responses', '/v1/responses'],
        'openai-chat': ['Chat Completions', '/v1/chat/completions'],
        anthropic: ['Anthropic Messages', '/v1/messages'],
      }[provider];
      expect(String(banner.model)).toContain(api[0]);
      const request = fake.requests.at(-1)!;
      expect(request.path).toBe(api[1]);
      expect(request.body.model).toBe('fake-default');
      expect(JSON.stringify(request.body)).toContain('Be a test assistant.');
      const thread = (await (
        await call()('mia', {
          type: 'threads.get_by_id',
          params: { thread_id: threadIdOf(events) },
        })
      ).json()) as {
        title: string;
        items: { data: { type: string; content?: { text: string }[] }[] };
      };
      expect(thread.title).toBe('Hi there');
      expect(thread.items.data.map((i) => i.type)).toEqual(['user_message', 'assistant_message']);
      expect(thread.items.data[1]!.content![0]!.text).toBe('Hello from the fake model.');
    });

    it('shows progress for tool calls: analyzing, the tool, preparing', async () => {
      const events = await create('please calc this');
      const progress = events.filter((e) => e.type === 'progress_update');
      expect(progress).toEqual([
        { type: 'progress_update', icon: 'sparkle', text: 'Analyzing your request…' },
        { type: 'progress_update', icon: 'analytics', text: 'Calculating…' },
        { type: 'progress_update', icon: 'bolt', text: 'Preparing a response…' },
      ]);
      expect(streamedText(events)).toBe('Done with the tools.');
      const toolOutput = JSON.stringify(fake.requests.at(-1)!.body);
      expect(toolOutput).toContain('395');
    });

    it('streams a widget from a tool', async () => {
      const events = await create('show a card');
      const widget = events.find((e) => e.type === 'thread.item.done' && e.item.type === 'widget');
      expect(JSON.stringify(widget)).toContain('**Bold** move');
    });

    it('honours the model picker within the allow-list and refuses other models', async () => {
      await create('Hi', { model: 'fake-big' });
      expect(fake.requests.at(-1)!.body.model).toBe('fake-big');
      const before = fake.requests.length;
      const refused = await create('Hi', { model: 'gpt-expensive' });
      expect(refused.filter((e) => e.type === 'error')).toEqual([
        {
          type: 'error',
          code: 'custom',
          message: 'The model "gpt-expensive" is not available. Please choose another model.',
          allow_retry: false,
        },
      ]);
      expect(fake.requests.length).toBe(before);
    });

    it('routes a composer tool: its instructions and forced tool', async () => {
      await create('what is it', { tool_choice: { id: 'math' } });
      const body = JSON.stringify(
        fake.requests.find((r) => JSON.stringify(r.body).includes('Always compute with calculate.'))
          ?.body ?? {},
      );
      expect(body).toContain('calculate');
    });

    it('turns a provider error into a friendly, retryable error event without internals', async () => {
      const events = await create('this will fail');
      const error = events.find((e) => e.type === 'error');
      expect(error).toMatchObject({ type: 'error', code: 'custom', allow_retry: true });
      expect(JSON.stringify(events)).not.toContain('internal detail');
    });

    it('keeps the partial answer when the client stops the stream', async () => {
      const controller = new AbortController();
      const res = await fetch(`${server.url}/chatkit`, {
        method: 'POST',
        signal: controller.signal,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await (await import('../helpers/tokens.js')).jwtFor('mia')}`,
        },
        body: JSON.stringify({ type: 'threads.create', params: { input: userInput('go slow') } }),
      });
      const reader = res.body!.getReader();
      let text = '';
      while (!text.includes('w3 ')) text += new TextDecoder().decode((await reader.read()).value);
      const threadId = /"thread":\{"id":"(thr_[^"]+)"/.exec(text)![1]!;
      controller.abort();
      await fake.waitForAbort(10_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const thread = (await (
        await call()('mia', { type: 'threads.get_by_id', params: { thread_id: threadId } })
      ).json()) as {
        items: { data: { type: string; content?: { text: string }[] }[] };
      };
      const answer = thread.items.data.find((i) => i.type === 'assistant_message');
      expect(answer?.content?.[0]?.text).toMatch(/^w0 w1 w2 w3 /);
      expect(answer!.content![0]!.text.length).toBeLessThan(60 * 4);
    });
  },
);
