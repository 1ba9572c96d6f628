import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { McpHub, WIDGET_MIME_TYPE, type McpServerConfig } from '../../src/mcp/index.js';
import { extractToolResultMessageParts } from '../../src/mcp/resource-parts.js';
import { htmlToPlainText } from '../../src/mcp/html-text.js';
import { TurnContext } from '../../src/turn/index.js';
import { MemoryStore } from '../../src/stores/memory/index.js';
import { Card, Text } from '../../src/widgets/index.js';
import { USER, type HarnessContext } from './harness.js';

const logs: string[] = [];
const logger = {
  debug() {},
  info: (message: string) => logs.push(`info: ${message}`),
  warn: (message: string) => logs.push(`warn: ${message}`),
  error() {},
};

const widgetPart = {
  type: 'resource' as const,
  resource: {
    uri: 'ui://widgets/report/1',
    mimeType: WIDGET_MIME_TYPE,
    text: JSON.stringify({ widget: Card({ children: [Text({ value: 'Hi' })] }), copy_text: 'Hi' }),
  },
};
// A result with every channel the seeds' template service can attach (docs/seeds.md §A.3).
const multiChannel: CallToolResult = {
  content: [
    { type: 'text', text: 'Report ready.' },
    widgetPart,
    {
      type: 'resource',
      resource: {
        uri: 'md://content/1',
        mimeType: 'text/markdown',
        text: '## Report\n\n- **3** open\n',
      },
    },
    {
      type: 'resource',
      resource: {
        uri: 'html://fragments/1',
        mimeType: 'text/html; charset=utf-8',
        text: '<div><h2>Totals</h2><script>alert(1)</script><p onclick="x()">3 &amp; 4 &lt;ok&gt;</p><style>p{}</style></div>',
      },
    },
    {
      type: 'resource',
      resource: {
        uri: 'slack://blocks/1',
        mimeType: 'application/vnd.slack.blocks+json',
        text: '{"blocks":[]}',
      },
    },
    {
      type: 'resource',
      resource: {
        uri: 'md://content/2',
        mimeType: 'text/markdown',
        blob: btoa(String.fromCharCode(...new TextEncoder().encode('Café ✓'))),
      },
    },
  ],
};

describe('htmlToPlainText', () => {
  it('drops scripts, styles and tags, decodes entities, keeps block lines', () => {
    expect(
      htmlToPlainText(
        '<!-- c --><p>One&nbsp;&#233;&#x2713;</p><SCRIPT type="x">evil()</SCRIPT><ul><li>a <b>b</b></li><li>c</li></ul><img src=x onerror=alert(1)>',
      ),
    ).toBe('One é✓\na b\nc');
  });
});

describe('extractToolResultMessageParts (docs/seeds.md §A.3)', () => {
  it('returns markdown as is and HTML as sanitized text, ignoring widgets and unknown kinds', () => {
    logs.length = 0;
    expect(extractToolResultMessageParts(multiChannel, logger)).toEqual([
      '## Report\n\n- **3** open',
      'Totals\n3 & 4 <ok>',
      'Café ✓',
    ]);
    expect(logs).toEqual([
      'info: Tool result resource slack://blocks/1 (application/vnd.slack.blocks+json) is not shown; ignored',
    ]);
  });

  it('skips an unreadable resource with a warning', () => {
    logs.length = 0;
    const parts = extractToolResultMessageParts(
      {
        content: [
          { type: 'resource', resource: { uri: 'md://x', mimeType: 'text/markdown', blob: '%%%' } },
        ],
      },
      logger,
    );
    expect(parts).toEqual([]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^warn: Tool result resource md:\/\/x cannot be read/);
  });
});

let hub: McpHub<HarnessContext> | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

describe('an MCP tool call with Markdown and HTML resources', () => {
  it('emits the widget item, then one assistant message with both parts; the model gets the text', async () => {
    const server = new McpServer({ name: 'reports', version: '1.0.0' });
    server.registerTool('report', { description: 'A report' }, async () => multiChannel);
    const config = {
      name: 'reports',
      transport: 'custom' as const,
      async createTransport() {
        const [client, serverSide] = InMemoryTransport.createLinkedPair();
        await server.connect(serverSide);
        return client;
      },
    } as McpServerConfig;
    hub = new McpHub({ servers: [config], logger });
    const turn = () =>
      new TurnContext<HarnessContext>({
        thread: {
          id: 'thr_1',
          created_at: new Date().toISOString(),
          status: { type: 'active' },
          metadata: {},
        },
        store: new MemoryStore(),
        requestContext: USER,
      });
    const tools = await hub.toolset({ progress: false }).tools(turn());
    const context = turn();
    const output = await tools.find((tool) => tool.name === 'report')!.call({}, context);
    expect(output).toBe('Report ready.');
    const events = context.events.takeAll();
    expect(
      events.map((event) => (event.type === 'thread.item.done' ? event.item.type : event.type)),
    ).toEqual(['widget', 'assistant_message']);
    expect(events[1]).toMatchObject({
      type: 'thread.item.done',
      item: {
        type: 'assistant_message',
        thread_id: 'thr_1',
        content: [
          { type: 'output_text', text: '## Report\n\n- **3** open' },
          { type: 'output_text', text: 'Totals\n3 & 4 <ok>' },
          { type: 'output_text', text: 'Café ✓' },
        ],
      },
    });
  });
});
