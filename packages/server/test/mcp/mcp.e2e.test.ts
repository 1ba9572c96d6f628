import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent } from '@openai/agents';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startTasksHttpServer,
  type TasksHttpServer,
} from '../../examples/mcp-tasks/server-http.js';
import { McpHub, type McpServerConfig } from '../../src/mcp/index.js';
import { mcpTools } from '../../src/mcp/agents/index.js';
import type { ThreadItem, ThreadStreamEvent, WidgetItem } from '../../src/protocol/index.js';
import {
  doneItems,
  startHarness,
  textInput,
  threadIdOf,
  toolOutputs,
  type Harness,
  type HarnessContext,
} from './harness.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(here, '../../../..');
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** A stdio MCP server written in TypeScript, run with tsx. */
const tsxServer = (
  name: string,
  file: string,
  env: Record<string, string> = {},
): McpServerConfig<HarnessContext> => ({
  name,
  transport: 'stdio',
  command: process.execPath,
  args: ['--import', 'tsx', file],
  cwd: repoRoot,
  env,
  stderr: 'pipe',
  connectTimeoutMs: 30_000,
});

let harness: Harness | undefined;
let hub: McpHub<HarnessContext> | undefined;
let tasksHttp: TasksHttpServer | undefined;
let tmp: string | undefined;
afterEach(async () => {
  await harness?.close();
  await hub?.close();
  await tasksHttp?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  harness = hub = tasksHttp = tmp = undefined;
});

/** A harness whose agent gets every tool of the hub's toolset. */
async function start(
  script: Parameters<typeof startHarness>[0],
  servers: McpServerConfig<HarnessContext>[],
) {
  hub = new McpHub<HarnessContext>({ servers, logger: quiet });
  const toolset = hub.toolset();
  harness = await startHarness(script, {
    agent: async (context, model) =>
      new Agent({
        name: 'Assistant',
        instructions: 'Help with tasks.',
        model,
        tools: await mcpTools(toolset, context),
      }),
  });
  return harness;
}

const widgets = (events: ThreadStreamEvent[]) =>
  doneItems(events).filter((item): item is WidgetItem => item.type === 'widget');
const notices = (events: ThreadStreamEvent[]) =>
  events.flatMap((event) => (event.type === 'notice' ? [event] : []));
const answer = (events: ThreadStreamEvent[]) => {
  const last = doneItems(events).at(-1);
  return last?.type === 'assistant_message'
    ? last.content.map((part) => part.text).join('')
    : undefined;
};

describe('MCP tools over real HTTP: the example task server over stdio (child process)', () => {
  it('shows progress, persists the widgets after each tool call, feeds the text to the model and reloads the same widgets', async () => {
    const h = await start(
      [
        { toolCalls: [{ name: 'add_task', arguments: { title: 'Buy milk', due: '2030-01-02' } }] },
        { toolCalls: [{ name: 'list_tasks', arguments: {} }] },
        { text: 'You have one open task: Buy milk.' },
      ],
      [tsxServer('tasks', join(repoRoot, 'packages/server/examples/mcp-tasks/server-stdio.ts'))],
    );
    const events = await h.stream({
      type: 'threads.create',
      params: { input: textInput('Add "Buy milk" and show my tasks') },
    });
    expect(events.filter((event) => event.type === 'progress_update')).toEqual([
      { type: 'progress_update', text: 'Add a task…' },
      { type: 'progress_update', text: 'List tasks…' },
    ]);
    const shown = widgets(events);
    expect(shown.map((item) => item.widget.type)).toEqual(['Card', 'ListView']);
    expect(shown[1]!.widget).toMatchObject({
      type: 'ListView',
      children: [
        {
          type: 'ListViewItem',
          key: 't1',
          children: [{ type: 'Icon', name: 'empty-circle' }, { type: 'Col' }],
        },
      ],
    });
    expect(shown[1]!.copy_text).toBe('- [ ] t1: Buy milk');
    expect(shown.every((item) => /^msg_/.test(item.id))).toBe(true);
    // Each widget comes after its tool call and before the answer.
    expect(doneItems(events).map((item) => item.type)).toEqual([
      'user_message',
      'widget',
      'widget',
      'assistant_message',
    ]);
    expect(answer(events)).toBe('You have one open task: Buy milk.');

    expect(toolOutputs(h.fake, 1)).toEqual(['Added task t1: Buy milk']);
    expect(toolOutputs(h.fake, 2)).toEqual(['Added task t1: Buy milk', '- [ ] t1: Buy milk']);

    const page = await h.json<{ data: ThreadItem[] }>({
      type: 'items.list',
      params: { thread_id: threadIdOf(events), order: 'asc' },
    });
    expect(page.data.filter((item) => item.type === 'widget')).toEqual(shown);
  });
});

describe('MCP tools over real HTTP: the example task server over streamable HTTP', () => {
  it('forwards the user’s bearer token to the MCP server', async () => {
    tasksHttp = await startTasksHttpServer({ token: 'user-secret' });
    const h = await start(
      [{ toolCalls: [{ name: 'add_task', arguments: { title: 'Call mom' } }] }, { text: 'Added.' }],
      [
        {
          name: 'tasks',
          transport: 'http',
          url: tasksHttp.url,
          headers: (ctx) => (ctx.token ? { Authorization: `Bearer ${ctx.token}` } : {}),
        },
      ],
    );
    const events = await h.stream(
      { type: 'threads.create', params: { input: textInput('Add "Call mom"') } },
      { token: 'user-secret' },
    );
    expect(widgets(events)).toHaveLength(1);
    expect(answer(events)).toBe('Added.');
    expect(tasksHttp.authorizations.length).toBeGreaterThan(1);
    expect(new Set(tasksHttp.authorizations)).toEqual(new Set(['Bearer user-secret']));
    expect(tasksHttp.service.list().map((task) => task.title)).toEqual(['Call mom']);
  });

  it('tells a user without a valid token that the tools are unavailable, and still answers', async () => {
    tasksHttp = await startTasksHttpServer({ token: 'user-secret' });
    const h = await start(
      [{ text: 'I cannot reach your tasks right now.' }],
      [
        {
          name: 'tasks',
          transport: 'http',
          url: tasksHttp.url,
          headers: (ctx) => (ctx.token ? { Authorization: `Bearer ${ctx.token}` } : {}),
        },
      ],
    );
    const events = await h.stream(
      { type: 'threads.create', params: { input: textInput('Show my tasks') } },
      { token: 'wrong' },
    );
    expect(notices(events)).toHaveLength(1);
    expect(notices(events)[0]!.message).toMatch(/\*\*tasks\*\* cannot be used right now/);
    expect(answer(events)).toBe('I cannot reach your tasks right now.');
    expect(h.fake.requests[0]!.body.tools ?? []).toEqual([]);
    expect(tasksHttp.authorizations).toContain('Bearer wrong');
  });
});

describe('MCP tools over real HTTP: awkward results and a crashing server (stdio fixture)', () => {
  const edge = (env: Record<string, string> = {}) =>
    tsxServer('edge', join(here, 'fixtures/edge-server-stdio.ts'), env);

  it('renders a base64 blob widget and skips a malformed one while its text still reaches the model', async () => {
    const h = await start(
      [
        {
          toolCalls: [
            { name: 'blob_widget', arguments: {} },
            { name: 'malformed_widget', arguments: {} },
            { name: 'invalid_widget', arguments: {} },
          ],
        },
        { text: 'Done.' },
      ],
      [edge()],
    );
    const events = await h.stream({ type: 'threads.create', params: { input: textInput('Go') } });
    const shown = widgets(events);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({
      copy_text: 'Café ✓',
      widget: { type: 'Card', children: [{ type: 'Text', value: 'Café ✓ — from a blob' }] },
    });
    expect(toolOutputs(h.fake, 1)).toEqual([
      'Blob widget sent.',
      'Malformed payload, but this text still counts.',
      'Invalid widget; text only.',
    ]);
    expect(answer(events)).toBe('Done.');
  });

  it('turns a server killed mid-call into a visible error, and the next message still works', async () => {
    tmp = mkdtempSync(join(tmpdir(), 'mcp-edge-'));
    const pidFile = join(tmp, 'pid');
    const h = await start(
      [
        { toolCalls: [{ name: 'hang', arguments: {} }] },
        { text: 'The tool crashed, sorry.' },
        { toolCalls: [{ name: 'plain_text', arguments: {} }] },
        { text: 'It works again.' },
      ],
      [edge({ EDGE_PID_FILE: pidFile })],
    );
    const pending = h.stream({
      type: 'threads.create',
      params: { input: textInput('Hang please') },
    });
    const deadline = Date.now() + 20_000;
    while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8') === '') {
      if (Date.now() > deadline) throw new Error('the hang tool never started');
      await new Promise((r) => setTimeout(r, 25));
    }
    const pid = Number(readFileSync(pidFile, 'utf8'));
    process.kill(pid, 'SIGKILL');
    const events = await pending;
    expect(events.filter((event) => event.type === 'progress_update')).toEqual([
      { type: 'progress_update', text: 'Running hang…' },
    ]);
    expect(notices(events)).toEqual([
      {
        type: 'notice',
        level: 'warning',
        title: 'A tool failed',
        message: '`hang` (edge) failed: the tool server stopped or closed the connection.',
      },
    ]);
    expect(toolOutputs(h.fake, 1)[0]).toMatch(
      /^Error: the tool hang \(MCP server "edge"\) failed: the tool server stopped/,
    );
    expect(answer(events)).toBe('The tool crashed, sorry.');
    expect(events.some((event) => event.type === 'error')).toBe(false);

    const next = await h.stream({
      type: 'threads.add_user_message',
      params: { thread_id: threadIdOf(events), input: textInput('Try again') },
    });
    expect(notices(next)).toEqual([]);
    expect(toolOutputs(h.fake, 3)).toContain('just text');
    expect(answer(next)).toBe('It works again.');
  });
});
