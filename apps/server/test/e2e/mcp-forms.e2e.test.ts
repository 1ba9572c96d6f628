import {
  startFakeModelServer,
  type FakeModelServer,
  type FakeRequest,
  type FakeTurn,
} from '@threadline/server/testing';
import type { ThreadItem, ThreadStreamEvent, WidgetItem } from '@threadline/server/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, REPO_ROOT } from '../helpers/build.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { readEvents, streamedText, threadIdOf, userInput } from '../helpers/sse.js';
import { JWT_SECRET } from '../helpers/tokens.js';
import { httpCall } from './http-client.js';

const field = (name: string, label: string, type: string, extra: Record<string, unknown> = {}) => ({
  name,
  label,
  type,
  required: null,
  options: null,
  placeholder: null,
  ...extra,
});

const TRIP_FORM = {
  title: 'Trip details',
  description: 'So I can book the right trip.',
  fields: [
    field('destination', 'Destination', 'text', { required: true }),
    field('travel_class', 'Class', 'select', {
      required: true,
      options: [
        { value: 'economy', label: 'Economy' },
        { value: 'business', label: 'Business' },
      ],
    }),
  ],
};

const lastUserText = (request: FakeRequest): string => {
  const items = (request.body.input ?? request.body.messages ?? []) as {
    role?: string;
    content?: unknown;
  }[];
  return JSON.stringify(items.filter((item) => item.role === 'user').at(-1)?.content ?? '');
};
const hasToolResult = (request: FakeRequest): boolean =>
  JSON.stringify(request.body).includes('function_call_output');

function script(request: FakeRequest): FakeTurn {
  const body = JSON.stringify(request.body);
  const text = lastUserText(request);
  if (body.includes('The user answered the form')) return { text: 'Booked economy to Lisbon.' };
  // Invalid arguments: a field type the schema does not allow, then (once corrected) a valid form.
  const invalid = {
    ...TRIP_FORM,
    fields: [field('destination', 'Destination', 'dropdown')],
  };
  if (text.includes('broken form'))
    return { toolCalls: [{ name: 'ask_user_form', arguments: invalid }] };
  if (text.includes('fixable form'))
    return body.includes('Invalid arguments for ask_user_form')
      ? { toolCalls: [{ name: 'ask_user_form', arguments: TRIP_FORM }] }
      : { toolCalls: [{ name: 'ask_user_form', arguments: invalid }] };
  if (text.includes('nameless form'))
    return {
      toolCalls: [
        {
          name: 'ask_user_form',
          arguments: { ...TRIP_FORM, fields: [field('bad name!', 'Destination', 'text')] },
        },
      ],
    };
  if (hasToolResult(request)) return { text: 'Here are your tasks.' };
  if (text.includes('add a task'))
    return { toolCalls: [{ name: 'add_task', arguments: { title: 'Buy milk' } }] };
  if (text.includes('list my tasks')) return { toolCalls: [{ name: 'list_tasks', arguments: {} }] };
  if (text.includes('trip'))
    return {
      text: 'I need a few details.',
      toolCalls: [{ name: 'ask_user_form', arguments: TRIP_FORM }],
    };
  return { text: 'Hello.' };
}

const AGENTS = {
  defaultAgent: 'tasks',
  mcpServers: {
    tasks: {
      transport: 'stdio',
      command: process.execPath,
      args: ['--import', 'tsx', 'packages/server/examples/mcp-tasks/server-stdio.ts'],
      cwd: REPO_ROOT,
    },
  },
  agents: [
    {
      id: 'tasks',
      name: 'Tasks',
      instructions: 'Manage tasks.',
      model: 'fake',
      mcpServers: ['tasks'],
      mcpDeny: ['complete_task'],
    },
    { id: 'travel', name: 'Travel', instructions: 'Book trips.', model: 'fake', forms: true },
  ],
};

const widgets = (events: ThreadStreamEvent[]): WidgetItem[] =>
  events.flatMap((e) =>
    e.type === 'thread.item.done' && e.item.type === 'widget' ? [e.item] : [],
  );

describe('MCP tools and forms in the app (fake model server, stdio MCP server)', () => {
  let fake: FakeModelServer;
  let server: ChildServer;
  const call = () => httpCall(server.url);
  const stream = async (body: unknown, agent?: string) =>
    readEvents(await call()('mia', body, agent));
  const items = async (threadId: string, agent?: string) =>
    (
      (await (
        await call()(
          'mia',
          { type: 'items.list', params: { thread_id: threadId, order: 'asc' } },
          agent,
        )
      ).json()) as { data: ThreadItem[] }
    ).data;

  beforeAll(async () => {
    fake = await startFakeModelServer(script);
    await ensureBuilt();
    const file = join(mkdtempSync(join(tmpdir(), 'threadline-mcp-')), 'agents.json');
    writeFileSync(file, JSON.stringify(AGENTS));
    server = await startChildServer(
      {
        THREADLINE_AUTH: 'jwt',
        JWT_SECRET,
        OPENAI_API_KEY: 'sk-fake',
        OPENAI_BASE_URL: fake.baseURL,
        THREADLINE_CONFIG: file,
        CHATKIT_UPLOAD_STRATEGY: 'disabled',
        OPENAI_AGENTS_DISABLE_TRACING: '1',
      },
      [],
      { timeoutMs: 60_000 },
    );
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    await fake?.close();
  });

  it('calls the MCP server’s tools: progress, a persisted widget, the model gets the result', async () => {
    const added = await stream({
      type: 'threads.create',
      params: { input: userInput('please add a task') },
    });
    expect(
      added.filter((e) => e.type === 'progress_update').map((e) => (e as { text: string }).text),
    ).toContain('Add a task…');
    expect(widgets(added)).toHaveLength(1);
    expect(JSON.stringify(fake.requests.at(-1)!.body)).toContain('Buy milk');

    const threadId = threadIdOf(added);
    const events = await stream({
      type: 'threads.add_user_message',
      params: { thread_id: threadId, input: userInput('list my tasks') },
    });
    expect(events.some((e) => e.type === 'progress_update' && e.text === 'List tasks…')).toBe(true);
    const [list] = widgets(events);
    expect(JSON.stringify(list!.widget)).toContain('Buy milk');
    expect(streamedText(events)).toBe('Here are your tasks.');

    // A denied tool is not offered to the model.
    const tools = JSON.stringify(fake.requests.at(-1)!.body.tools ?? []);
    expect(tools).toContain('list_tasks');
    expect(tools).not.toContain('complete_task');

    // The first turn's tool result is remembered as hidden context (docs/seeds.md §A.3).
    const input = JSON.stringify(fake.requests.at(-1)!.body.input);
    expect(input).toContain('<ToolResult name=');
    expect(input).toContain('add_task');

    // After a reload the widgets are part of the thread.
    const saved = await items(threadId);
    expect(saved.filter((item) => item.type === 'widget').map((item) => item.id)).toEqual([
      widgets(added)[0]!.id,
      list!.id,
    ]);
    expect(JSON.stringify(saved)).not.toContain('ToolResult');
  });

  it('asks with a form, replaces it with a summary on submit and continues the agent', async () => {
    const asked = await stream(
      { type: 'threads.create', params: { input: userInput('book me a trip') } },
      'travel',
    );
    const [form] = widgets(asked);
    expect(form).toBeDefined();
    expect(form!.copy_text).toContain('Trip details');
    const requestsBefore = fake.requests.length;
    const interactionId = /"interaction_id":"(form_[0-9a-f]+)"/.exec(
      JSON.stringify(form!.widget),
    )![1]!;
    const threadId = threadIdOf(asked);

    // A message while the form is pending is answered without the model.
    const reminder = await stream(
      {
        type: 'threads.add_user_message',
        params: { thread_id: threadId, input: userInput('just book anything') },
      },
      'travel',
    );
    expect(streamedText(reminder) + JSON.stringify(reminder)).toMatch(/complete the form above/);
    expect(fake.requests.length).toBe(requestsBefore);

    const done = await stream(
      {
        type: 'threads.custom_action',
        params: {
          thread_id: threadId,
          item_id: form!.id,
          action: {
            type: 'human.form_submit',
            payload: {
              interaction_id: interactionId,
              destination: 'Lisbon',
              travel_class: 'economy',
            },
          },
        },
      },
      'travel',
    );
    const replaced = done.flatMap((e) => (e.type === 'thread.item.replaced' ? [e.item] : []));
    expect(replaced).toHaveLength(1);
    expect(replaced[0]!.id).toBe(form!.id);
    expect(JSON.stringify(replaced[0])).toContain('"label":"Submitted"');
    expect(streamedText(done)).toBe('Booked economy to Lisbon.');
    expect(JSON.stringify(fake.requests.at(-1)!.body)).toContain('Lisbon');

    const saved = await items(threadId, 'travel');
    expect(saved.find((item) => item.id === form!.id)).toEqual(replaced[0]);
  });

  it('sends invalid form arguments back to the model once, then tells the user, and logs both', async () => {
    const before = fake.requests.length;
    const fixed = await stream(
      { type: 'threads.create', params: { input: userInput('a fixable form please') } },
      'travel',
    );
    // The model read the error, called again correctly, and the form is shown.
    expect(fake.requests.length).toBe(before + 2);
    const retry = JSON.stringify(fake.requests.at(-1)!.body);
    expect(retry).toContain('Invalid arguments for ask_user_form');
    expect(retry).toContain('dropdown');
    expect(widgets(fixed)).toHaveLength(1);
    expect(fixed.filter((e) => e.type === 'error')).toEqual([]);

    for (const text of ['a broken form please', 'a nameless form please']) {
      const start = fake.requests.length;
      const broken = await stream(
        { type: 'threads.create', params: { input: userInput(text) } },
        'travel',
      );
      // Two attempts reach the model, then the user gets a clear error instead of silence.
      expect(fake.requests.length).toBe(start + 2);
      expect(widgets(broken)).toEqual([]);
      expect(broken.filter((e) => e.type === 'error')).toEqual([
        {
          type: 'error',
          code: 'custom',
          message:
            'The assistant could not show the form it prepared (its description was invalid). Please try again or rephrase your request.',
          allow_retry: true,
        },
      ]);
    }
    const invalidLogs = () =>
      server.logs.filter((l) => l.msg === 'Form tool called with invalid arguments');
    // Log lines arrive over the child's stdout, possibly just after the response.
    for (let i = 0; i < 40 && invalidLogs().length < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const logged = invalidLogs();
    expect(logged.length).toBe(5);
    expect(logged[0]).toMatchObject({
      level: 'warn',
      detail: { tool: 'ask_user_form', attempt: 1 },
    });
    expect(JSON.stringify(logged)).toContain('bad name!');
  });

  it('stops the MCP server process on shutdown', async () => {
    await server.stop();
    const { code } = await server.exited;
    expect(code).toBe(0);
  });
});
