import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { RunContext } from '@openai/agents';
import { AgentContext } from '../../src/agents/index.js';
import { mcpTools } from '../../src/mcp/agents/index.js';
import { McpHub, type McpServerConfig } from '../../src/mcp/index.js';
import { WidgetRootSchema, type ThreadStreamEventInput } from '../../src/protocol/index.js';
import { TurnContext } from '../../src/turn/index.js';
import { eventually } from '../helpers/eventually.js';
import { MemoryStore } from '../../src/stores/memory/index.js';
import { createEdgeServer } from './fixtures/edge-server.js';
import { USER, type HarnessContext } from './harness.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const thread = {
  id: 'thr_1',
  created_at: new Date().toISOString(),
  status: { type: 'active' as const },
  metadata: {},
};
const turn = () =>
  new TurnContext<HarnessContext>({
    thread: { ...thread },
    store: new MemoryStore(),
    requestContext: USER,
  });
const drain = (context: TurnContext<HarnessContext>): ThreadStreamEventInput[] =>
  context.events.takeAll();

/** An in-process edge server over a linked in-memory transport, counting `tools/list` requests. */
function inMemoryEdge(name = 'edge', extra: Partial<McpServerConfig> = {}) {
  const stats = { listCalls: 0, sessions: 0 };
  const config = {
    name,
    transport: 'custom' as const,
    async createTransport() {
      const [client, server] = InMemoryTransport.createLinkedPair();
      await createEdgeServer().connect(server);
      stats.sessions += 1;
      const deliver = server.onmessage!;
      server.onmessage = (message: JSONRPCMessage, extra) => {
        if ('method' in message && message.method === 'tools/list') stats.listCalls += 1;
        deliver(message, extra);
      };
      return client;
    },
    ...extra,
  } as McpServerConfig;
  return { config, stats };
}

let hub: McpHub<HarnessContext> | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

describe('McpToolset: tool lists', () => {
  it('lists tools once per session and refreshes on notifications/tools/list_changed', async () => {
    const edge = inMemoryEdge();
    hub = new McpHub({ servers: [edge.config], logger: quiet });
    const toolset = hub.toolset();
    const first = await toolset.tools(turn());
    expect(first.map((tool) => tool.name)).toContain('slow');
    expect(first.map((tool) => tool.name)).not.toContain('late_tool');
    await toolset.tools(turn());
    await toolset.tools(turn());
    expect(edge.stats.listCalls).toBe(1);

    const adder = first.find((tool) => tool.name === 'add_tool')!;
    expect(await adder.call({}, turn())).toBe('added');
    await eventually(async () =>
      (await toolset.tools(turn())).some((tool) => tool.name === 'late_tool') ? true : undefined,
    );
    expect(edge.stats.listCalls).toBe(2);
    expect(edge.stats.sessions).toBe(1);
  });

  it('warms up sessions at startup so the first turn lists nothing', async () => {
    const edge = inMemoryEdge();
    hub = new McpHub({
      servers: [
        edge.config,
        { name: 'ghost', transport: 'stdio', command: '/nonexistent/mcp-server-binary' },
      ],
      logger: quiet,
    });
    await hub.warmUp();
    expect(edge.stats.listCalls).toBe(1);
    await hub.toolset({ servers: ['edge'] }).tools(turn());
    expect(edge.stats.listCalls).toBe(1);
  });

  it('applies server and agent allow/deny lists, prefixes and sanitizes names', async () => {
    const edge = inMemoryEdge('edge', { toolNamePrefix: 'edge.', deny: ['hang'] });
    hub = new McpHub({ servers: [edge.config], logger: quiet });
    const names = async (options: Parameters<McpHub<HarnessContext>['toolset']>[0]) =>
      (await hub!.toolset(options).tools(turn())).map((tool) => tool.name).sort();
    expect(await names({})).toEqual([
      'edge_add_tool',
      'edge_blob_widget',
      'edge_invalid_widget',
      'edge_malformed_widget',
      'edge_plain_text',
      'edge_slow',
    ]);
    expect(await names({ allow: ['slow', 'edge_plain_text', 'edge/blob_widget', 'hang'] })).toEqual(
      ['edge_blob_widget', 'edge_plain_text', 'edge_slow'],
    );
    expect(await names({ deny: (tool) => tool.mcpName.includes('widget') })).toEqual([
      'edge_add_tool',
      'edge_plain_text',
      'edge_slow',
    ]);
  });

  it('skips a duplicate tool name from a second server', async () => {
    hub = new McpHub({
      servers: [inMemoryEdge('a').config, inMemoryEdge('b').config],
      logger: quiet,
    });
    const tools = await hub.toolset().tools(turn());
    expect(tools.filter((tool) => tool.name === 'slow').map((tool) => tool.info.server)).toEqual([
      'a',
    ]);
  });

  it('announces an unreachable server with a notice instead of failing the turn', async () => {
    hub = new McpHub({
      servers: [
        inMemoryEdge().config,
        {
          name: 'ghost',
          transport: 'stdio',
          command: '/nonexistent/mcp-server-binary',
          connectTimeoutMs: 2000,
        },
        { name: 'down', transport: 'http', url: 'http://127.0.0.1:9/mcp', connectTimeoutMs: 2000 },
      ],
      logger: quiet,
    });
    const context = turn();
    const tools = await hub.toolset().tools(context);
    expect(new Set(tools.map((tool) => tool.info.server))).toEqual(new Set(['edge']));
    const notices = drain(context).filter((event) => event.type === 'notice');
    expect(notices).toHaveLength(2);
    expect(notices.map((notice) => notice.type === 'notice' && notice.message).join('\n')).toMatch(
      /\*\*ghost\*\*[\s\S]*\*\*down\*\*|\*\*down\*\*[\s\S]*\*\*ghost\*\*/,
    );
  });

  it('rejects unknown server names and duplicate server names', () => {
    hub = new McpHub({ servers: [inMemoryEdge().config], logger: quiet });
    expect(() => hub!.toolset({ servers: ['nope'] })).toThrow(/Unknown MCP server "nope"/);
    expect(() => new McpHub({ servers: [inMemoryEdge().config, inMemoryEdge().config] })).toThrow(
      /Two MCP servers/,
    );
  });
});

describe('McpTool.call', () => {
  it('shows a progress update, emits the widget item and returns the text', async () => {
    hub = new McpHub({ servers: [inMemoryEdge().config], logger: quiet });
    const tools = await hub.toolset().tools(turn());
    const context = turn();
    const output = await tools.find((tool) => tool.name === 'blob_widget')!.call({}, context);
    expect(output).toBe('Blob widget sent.');
    const events = drain(context);
    expect(events[0]).toEqual({ type: 'progress_update', text: 'Running blob_widget…' });
    expect(events[1]).toMatchObject({
      type: 'thread.item.done',
      item: { type: 'widget', thread_id: 'thr_1', copy_text: 'Café ✓' },
    });
    const item = events[1]!.type === 'thread.item.done' ? events[1].item : undefined;
    expect(item?.id).toMatch(/^msg_/);
    expect(WidgetRootSchema.parse(item?.type === 'widget' ? item.widget : undefined)).toMatchObject(
      { type: 'Card' },
    );
    expect(events).toHaveLength(2);
  });

  it('adds no item for a text-only or a malformed widget result', async () => {
    hub = new McpHub({ servers: [inMemoryEdge().config], logger: quiet });
    const tools = await hub.toolset({ progress: false }).tools(turn());
    for (const [name, text] of [
      ['plain_text', 'just text'],
      ['malformed_widget', 'Malformed payload, but this text still counts.'],
      ['invalid_widget', 'Invalid widget; text only.'],
    ] as const) {
      const context = turn();
      expect(await tools.find((tool) => tool.name === name)!.call({}, context)).toBe(text);
      expect(drain(context)).toEqual([]);
    }
  });

  it('times out per call with a notice and an error text, and the session stays usable', async () => {
    const edge = inMemoryEdge('edge', { timeoutMs: 150 });
    hub = new McpHub({ servers: [edge.config], logger: quiet });
    const tools = await hub.toolset().tools(turn());
    const slow = tools.find((tool) => tool.name === 'slow')!;
    const context = turn();
    const output = await slow.call({ ms: 2000 }, context);
    expect(output).toMatch(
      /^Error: the tool slow \(MCP server "edge"\) failed: it did not answer within 0.2 s/,
    );
    expect(drain(context)).toEqual([
      { type: 'progress_update', text: 'Running slow…' },
      {
        type: 'notice',
        level: 'warning',
        title: 'A tool failed',
        message: '`slow` (edge) failed: it did not answer within 0.2 s.',
      },
    ]);
    expect(await slow.call({ ms: 1 }, turn())).toBe('slept 1 ms');
    expect(edge.stats.sessions).toBe(1);
  });

  it('lets the agent override the timeout and turn notices off', async () => {
    hub = new McpHub({ servers: [inMemoryEdge().config], logger: quiet });
    const tools = await hub
      .toolset({
        timeoutMs: 100,
        errorNotices: false,
        progress: () => ({ text: 'Working…', icon: 'bolt' }),
      })
      .tools(turn());
    const context = turn();
    expect(await tools.find((tool) => tool.name === 'slow')!.call({ ms: 1000 }, context)).toMatch(
      /did not answer within 0.1 s/,
    );
    expect(drain(context)).toEqual([{ type: 'progress_update', text: 'Working…', icon: 'bolt' }]);
  });
});

describe('mcpTools', () => {
  it('sends the model the server’s JSON Schema and passes arguments through', async () => {
    hub = new McpHub({ servers: [inMemoryEdge().config], logger: quiet });
    const context = new AgentContext<HarnessContext>({
      thread: { ...thread },
      store: new MemoryStore(),
      requestContext: USER,
    });
    const tools = await mcpTools(hub.toolset({ allow: ['slow'] }), context);
    expect(tools).toHaveLength(1);
    const slow = tools[0]!;
    expect(slow.description).toBe('Waits, then answers');
    expect(slow.strict).toBe(false);
    expect(slow.parameters).toMatchObject({
      type: 'object',
      properties: { ms: { type: 'number' } },
      required: ['ms'],
    });
    expect(await slow.invoke(new RunContext(context), '{"ms":1}')).toBe('slept 1 ms');
  });
});
