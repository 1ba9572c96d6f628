import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import {
  extractToolResultWidget,
  WIDGET_MIME_TYPE,
  widgetToolResult,
} from '../../src/mcp/index.js';
import { toolResultText } from '../../src/mcp/ui-resources.js';
import { WidgetRootSchema } from '../../src/protocol/index.js';
import { Card, ListView, ListViewItem, Text, WidgetTemplate } from '../../src/widgets/index.js';

const warnings: string[] = [];
const logger = {
  debug() {},
  info() {},
  warn: (message: string) => warnings.push(message),
  error() {},
};
const card = Card({ children: [Text({ value: 'Hello' })] });

const resourcePart = (resource: Record<string, unknown>) =>
  ({ type: 'resource', resource }) as CallToolResult['content'][number];

describe('extractToolResultWidget (docs/seeds.md §A.3)', () => {
  it('reads the first ui:// widget resource from text', () => {
    const result: CallToolResult = {
      content: [
        { type: 'text', text: 'summary' },
        resourcePart({
          uri: 'file:///x.json',
          mimeType: WIDGET_MIME_TYPE,
          text: JSON.stringify({ widget: { type: 'Card', children: [] } }),
        }),
        resourcePart({ uri: 'ui://widgets/t/1', mimeType: 'text/html', text: '<b>no</b>' }),
        resourcePart({
          uri: 'ui://widgets/t/2',
          mimeType: WIDGET_MIME_TYPE,
          text: JSON.stringify({ widget: card, copy_text: 'copy me' }),
        }),
        resourcePart({
          uri: 'ui://widgets/t/3',
          mimeType: WIDGET_MIME_TYPE,
          text: JSON.stringify({ widget: Card({ children: [] }) }),
        }),
      ],
    };
    expect(extractToolResultWidget(result, logger)).toEqual({
      widget: card,
      copyText: 'copy me',
      uri: 'ui://widgets/t/2',
    });
  });

  it('decodes a base64 blob as UTF-8', () => {
    const payload = JSON.stringify({ widget: Card({ children: [Text({ value: 'Café ✓' })] }) });
    const blob = btoa(String.fromCharCode(...new TextEncoder().encode(payload)));
    const found = extractToolResultWidget({
      content: [resourcePart({ uri: 'ui://widgets/t/1', mimeType: WIDGET_MIME_TYPE, blob })],
    });
    expect(found?.widget).toEqual(Card({ children: [Text({ value: 'Café ✓' })] }));
    expect(found?.copyText).toBeUndefined();
  });

  it.each([
    ['malformed JSON', { text: '{"widget": ' }],
    ['a payload that is not an object', { text: '[1, 2]' }],
    ['an invalid widget', { text: JSON.stringify({ widget: { type: 'Spaceship' } }) }],
    ['a widget without required props', { text: JSON.stringify({ widget: { type: 'Card' } }) }],
    ['a bad blob', { blob: '%%%not base64%%%' }],
    ['neither text nor blob', {}],
  ])('skips %s with a warning and never throws', (_name, body) => {
    warnings.length = 0;
    const result = {
      content: [
        { type: 'text' as const, text: 'still here' },
        resourcePart({ uri: 'ui://widgets/t/1', mimeType: WIDGET_MIME_TYPE, ...body }),
      ],
    };
    expect(extractToolResultWidget(result, logger)).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(toolResultText(result)).toBe('still here');
  });

  it('finds nothing in a result without a widget resource', () => {
    expect(extractToolResultWidget({ content: [{ type: 'text', text: 'x' }] })).toBeUndefined();
    expect(extractToolResultWidget({ content: [] })).toBeUndefined();
  });
});

describe('toolResultText', () => {
  it('joins text parts and leaves resources out', () => {
    expect(
      toolResultText({
        content: [
          { type: 'text', text: 'a' },
          resourcePart({ uri: 'ui://x', mimeType: WIDGET_MIME_TYPE, text: '{}' }),
          { type: 'text', text: 'b' },
        ],
      }),
    ).toBe('a\nb');
  });
  it('falls back to structuredContent, then to an empty string', () => {
    expect(toolResultText({ content: [], structuredContent: { n: 1 } })).toBe('{"n":1}');
    expect(toolResultText({ content: [] })).toBe('');
  });
});

describe('widgetToolResult (producer helper)', () => {
  it('builds a text part and a ui:// widget resource with a fresh URI', () => {
    const first = widgetToolResult({ tool: 'show_card', widget: card, text: 'A card' });
    const second = widgetToolResult({ tool: 'show_card', widget: card, text: 'A card' });
    expect(first.isError).toBe(false);
    expect(first.content[0]).toEqual({ type: 'text', text: 'A card' });
    const part = first.content[1] as {
      type: 'resource';
      resource: { uri: string; mimeType: string; text: string };
    };
    expect(part.type).toBe('resource');
    expect(part.resource.uri).toMatch(/^ui:\/\/widgets\/show_card\/[0-9a-f-]{36}$/);
    expect(part.resource.uri).not.toBe((second.content[1] as typeof part).resource.uri);
    expect(part.resource.mimeType).toBe(WIDGET_MIME_TYPE);
    expect(JSON.parse(part.resource.text)).toEqual({ widget: card, copy_text: 'A card' });
    expect(extractToolResultWidget(first)).toMatchObject({ widget: card, copyText: 'A card' });
  });

  it('renders a .widget template with data, and can use a base64 blob', () => {
    const template = new WidgetTemplate({
      version: '1.0',
      name: 'List',
      template:
        '{"type":"ListView","children":[{%- for t in tasks -%}{"type":"ListViewItem","children":[{"type":"Text","value":{{ t | tojson }}}]}{%- if not loop.last -%},{%- endif -%}{%- endfor -%}]}',
    });
    const result = widgetToolResult({
      tool: 'list',
      widget: template,
      data: { tasks: ['a', 'ü'] },
      text: '2 tasks',
      copyText: 'a, ü',
      encoding: 'blob',
      instanceId: 'fixed',
    });
    const part = result.content[1] as { resource: { uri: string; blob: string } };
    expect(part.resource.uri).toBe('ui://widgets/list/fixed');
    const found = extractToolResultWidget(result);
    expect(found?.widget).toEqual(
      ListView({
        children: [
          ListViewItem({ children: [Text({ value: 'a' })] }),
          ListViewItem({ children: [Text({ value: 'ü' })] }),
        ],
      }),
    );
    expect(found?.copyText).toBe('a, ü');
    expect(WidgetRootSchema.safeParse(found?.widget).success).toBe(true);
  });

  it('refuses an invalid widget tree', () => {
    expect(() =>
      widgetToolResult({ tool: 't', widget: { type: 'Card' } as never, text: 'x' }),
    ).toThrow(/invalid widget/);
  });
});
