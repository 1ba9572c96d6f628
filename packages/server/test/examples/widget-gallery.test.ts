import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createTasksServer } from '../../examples/mcp-tasks/tasks-server.js';
import { TaskService } from '../../examples/mcp-tasks/task-service.js';
import { extractToolResultWidget } from '../../src/mcp/index.js';

let client: Client | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

describe('example MCP server: show_widget_gallery', () => {
  it('returns one ui:// widget resource holding a card per component family', async () => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await (await createTasksServer(new TaskService())).connect(serverSide);
    client = new Client({ name: 'gallery-test', version: '0.0.0' });
    await client.connect(clientSide);

    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('show_widget_gallery');

    const result = (await client.callTool({
      name: 'show_widget_gallery',
      arguments: {},
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const shown = extractToolResultWidget(result);
    expect(shown?.uri).toMatch(/^ui:\/\/widgets\/show_widget_gallery\//);
    expect(shown?.widget.type).toBe('Basic');
    const keys = (shown!.widget.children as { key?: string }[]).map((child) => child.key);
    expect(keys).toEqual([
      'gallery-text',
      'gallery-badges',
      'gallery-layout',
      'gallery-controls',
      'gallery-buttons',
      'gallery-chart',
      'gallery-table',
      'gallery-confirm',
      'gallery-listview',
    ]);
    // Every action kind is on the wire: server (default), sync, client, and a container loading state.
    const json = JSON.stringify(shown!.widget);
    expect(json).toContain(
      '{"type":"gallery_sync","payload":{"source":"gallery","synced":0},"streaming":false}',
    );
    expect(json).toContain(
      '{"type":"gallery.client","payload":{"source":"gallery"},"handler":"client"}',
    );
    expect(json).toContain('"loadingBehavior":"container"');
    expect(json).toContain('"onSubmitAction":{"type":"gallery.form_submit"');
  });

  it('gallery_sync opts in as a widget action tool and returns the gallery with the counter raised', async () => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await (await createTasksServer(new TaskService())).connect(serverSide);
    client = new Client({ name: 'gallery-test', version: '0.0.0' });
    await client.connect(clientSide);
    const { tools } = await client.listTools();
    const sync = tools.find((tool) => tool.name === 'gallery_sync');
    expect(sync?._meta).toEqual({ 'threadline/widgetAction': true });
    const result = (await client.callTool({
      name: 'gallery_sync',
      arguments: { synced: 2 },
    })) as CallToolResult;
    const json = JSON.stringify(extractToolResultWidget(result)!.widget);
    expect(json).toContain('"label":"Synced 3×"');
    expect(json).toContain('"payload":{"source":"gallery","synced":3}');
  });
});
