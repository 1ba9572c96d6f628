import type { WidgetRoot } from '@threadline/server/protocol';
import { WidgetRootSchema } from '@threadline/server/protocol';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { widgetGallery } from '../../../server/examples/mcp-tasks/widget-gallery.js';
import { RENDERED_TYPES, WidgetView, applyWidgetUpdate, type WidgetAction } from './index.js';
import { FormScope } from './runtime.js';

const noop = async (_action: WidgetAction) => {};
const render = (widget: unknown) =>
  renderToString(h(WidgetView, { widget: widget as WidgetRoot, itemId: 'item_1', onAction: noop }));

function typesIn(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((child) => typesIn(child, out));
  else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    if (typeof record.type === 'string') out.add(record.type);
    typesIn(record.children, out);
  }
  return out;
}

describe('WidgetView', () => {
  const gallery = widgetGallery();

  it('the gallery is a valid widget and uses every component type the renderer knows', () => {
    expect(WidgetRootSchema.safeParse(gallery).success).toBe(true);
    const used = typesIn(gallery);
    for (const type of RENDERED_TYPES) expect(used, type).toContain(type);
    // 27 schema types (Card, ListView, Basic and 24 components) plus Table and its parts.
    expect(RENDERED_TYPES.length).toBe(30);
  });

  it('renders every component of the gallery', () => {
    const html = render(gallery);
    const expectations: [string, RegExp][] = [
      ['Basic', /class="tl-w-basic"/],
      ['Card', /class="tl-w-root" data-key="gallery-text"><div class="tl-w-card tl-w-card-md"/],
      ['Card asForm', /<form class="tl-w-card tl-w-card-md"/],
      ['Card status', /class="tl-w-status" dir="auto">.*?<span>Needs approval<\/span>/],
      [
        'Card confirm',
        /<button type="button" class="tl-w-button tl-w-solid tl-w-c-primary"[^>]*><span>Approve<\/span>/,
      ],
      ['ListView', /class="tl-w-listview" role="list"/],
      ['ListViewItem', /role="listitem" class="tl-w-listitem tl-w-clickable"/],
      ['ListView limit', /Show more \(<!-- -->1<!-- -->\)|Show more \(1\)/],
      ['Box', /class="tl-w-box tl-w-box"/],
      ['Row', /class="tl-w-box tl-w-row" style="display:flex;flex-direction:row;/],
      ['Col', /class="tl-w-box tl-w-col" style="display:flex;flex-direction:column;/],
      ['Form', /<form class="tl-w-form"/],
      ['Spacer', /class="tl-w-spacer"/],
      ['Divider', /<hr class="tl-w-divider" style="margin-block:8px;"/],
      ['Transition', /class="tl-w-transition"/],
      [
        'Text',
        /class="tl-w-text" dir="auto" style="font-size:var\(--tl-font-size,16px\);font-weight:500;">Body text/,
      ],
      ['Text streaming', /Streaming text<span class="tl-w-caret"/],
      [
        'Title',
        /class="tl-w-title" role="heading" aria-level="3" dir="auto" style="font-size:32px;">Title 2xl/,
      ],
      ['Caption', /class="tl-w-caption"/],
      [
        'Markdown',
        /class="tl-w-markdown"><div class="tl-md" dir="auto"><p dir="auto">Markdown with <strong>bold<\/strong>/,
      ],
      ['Badge', /class="tl-w-badge tl-w-badge-solid tl-w-badge-sm"[^>]*>danger/],
      ['Label', /<label class="tl-w-label" for="tlw\d+-f-name"/],
      ['Icon', /<svg class="tl-w-icon"[^>]*data-icon="agent"><path d="M12 8V4H8"/],
      ['Icon lucide', /data-icon="lucide:rocket"/],
      ['Image', /<img class="tl-w-image" src="data:image\/png;base64,/],
      [
        'Button',
        /<button type="button" class="tl-w-button tl-w-solid tl-w-c-primary"[^>]*><span dir="auto">Server action/,
      ],
      ['Button submit', /<button type="submit" class="tl-w-button tl-w-solid tl-w-c-primary"/],
      ['Select', /<select id="tlw\d+-f-size" name="size"/],
      [
        'DatePicker',
        /<input type="date" id="tlw\d+-f-when" name="when" title="when" class="[^"]*" style="[^"]*" value="2026-01-15"/,
      ],
      ['Checkbox', /<input type="checkbox" id="tlw\d+-f-agree" name="agree" checked/],
      ['RadioGroup', /role="radiogroup"[^>]*aria-label="color"/],
      [
        'Input',
        /<input id="tlw\d+-f-name" name="name" title="Your name" placeholder="Your name" required/,
      ],
      ['Textarea', /<textarea id="tlw\d+-f-notes" name="notes"/],
      ['Chart', /class="tl-w-chart tl-w-chart-pending" style="height:200px;"/],
      ['Table', /<div class="tl-w-table"><table><thead><tr><th dir="auto">/],
      ['Table.Cell', /<td dir="auto" style="text-align:end;">/],
    ];
    for (const [name, pattern] of expectations) expect(html, name).toMatch(pattern);
  });

  it('renders unknown component types as their children', () => {
    const html = render({
      type: 'Card',
      children: [{ type: 'FancyThing', children: [{ type: 'Text', value: 'inside' }] }],
    });
    expect(html).toContain(
      '<div class="tl-w-unknown" data-type="FancyThing"><div class="tl-w-text"',
    );
    expect(html).toContain('inside');
  });

  it('renders hostile strings inert', () => {
    const html = render({
      type: 'Card',
      background: 'red;background-image:url(https://evil.example/x)',
      children: [
        { type: 'Text', value: '<script>alert(1)</script><img src=x onerror=alert(2)>' },
        { type: 'Title', value: '"><svg onload=alert(3)>' },
        { type: 'Image', src: 'javascript:alert(4)', alt: 'bad image' },
        {
          type: 'Image',
          src: 'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoNSk+',
          alt: 'svg',
        },
        { type: 'Markdown', value: '[x](javascript:alert(6)) <img src=x onerror=alert(7)>' },
        {
          type: 'Button',
          label: '<b onclick=alert(8)>',
          onClickAction: { type: 'x', payload: { url: 'javascript:alert(9)' } },
        },
        {
          type: 'Box',
          padding: 'calc(1px);background:url(https://evil.example)',
          width: 'url(x)',
          children: [],
        },
        { type: 'Icon', name: 'lucide:"><script>alert(10)</script>' },
        { type: 'Badge', label: 'x', color: 'red" onmouseover="alert(11)' },
        { type: 'Text', value: 'c', color: 'expression(alert(12))' },
      ],
      status: { text: 'ok', favicon: 'javascript:alert(13)' },
    });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<svg onload/i);
    expect(html).not.toMatch(/<img[^>]*onerror/i);
    expect(html).not.toMatch(/<[a-z][^>]*\son\w+=/i);
    expect(html).not.toMatch(/(href|src)="\s*(javascript|data:image\/svg)/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/expression\(/i);
    expect(html).toContain(
      'class="tl-w-image tl-w-image-blocked" role="img" aria-label="bad image"',
    );
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
  });
});

describe('applyWidgetUpdate', () => {
  const widget = {
    type: 'Card',
    children: [
      { type: 'Text', id: 'status', value: 'Hel', streaming: true },
      {
        type: 'Col',
        children: [
          { type: 'Markdown', id: 'body', value: '# A' },
          { type: 'Badge', id: 'badge', label: 'old' },
        ],
      },
    ],
  } as unknown as WidgetRoot;

  it('appends streaming text deltas and ends the stream on done', () => {
    const once = applyWidgetUpdate(widget, {
      type: 'widget.streaming_text.value_delta',
      component_id: 'status',
      delta: 'lo',
      done: false,
    });
    const twice = applyWidgetUpdate(once, {
      type: 'widget.streaming_text.value_delta',
      component_id: 'status',
      delta: '!',
      done: true,
    });
    expect((twice.children as { value?: string; streaming?: boolean }[])[0]).toMatchObject({
      value: 'Hello!',
      streaming: false,
    });
    expect((once.children as { streaming?: boolean }[])[0]!.streaming).toBe(true);
    // Untouched subtrees are shared; the input is not mutated.
    expect((twice.children as unknown[])[1]).toBe((widget.children as unknown[])[1]);
    expect((widget.children as { value?: string }[])[0]!.value).toBe('Hel');
  });

  it('appends to nested Markdown and replaces components by id', () => {
    const md = applyWidgetUpdate(widget, {
      type: 'widget.streaming_text.value_delta',
      component_id: 'body',
      delta: '\n\nmore',
      done: false,
    });
    expect(JSON.stringify(md)).toContain('"value":"# A\\n\\nmore"');
    const replaced = applyWidgetUpdate(widget, {
      type: 'widget.component.updated',
      component_id: 'badge',
      component: { type: 'Badge', id: 'badge', label: 'new', color: 'success' },
    });
    expect(JSON.stringify(replaced)).toContain(
      '{"type":"Badge","id":"badge","label":"new","color":"success"}',
    );
    expect(JSON.stringify(replaced)).not.toContain('"old"');
  });

  it('swaps the root and ignores unknown ids', () => {
    const root = { type: 'Card', children: [] } as unknown as WidgetRoot;
    expect(applyWidgetUpdate(widget, { type: 'widget.root.updated', widget: root })).toBe(root);
    expect(
      applyWidgetUpdate(widget, {
        type: 'widget.component.updated',
        component_id: 'nope',
        component: { type: 'Text', value: 'x' },
      }),
    ).toBe(widget);
  });
});

describe('FormScope', () => {
  it('collects registered values, nests dotted names, and reaches parent scopes', () => {
    const outer = new FormScope(null);
    const inner = new FormScope(outer);
    let title = 'Buy milk';
    const unregister = inner.register('todo.title', () => title);
    inner.register('todo.done', () => false);
    outer.register('owner', () => 'ana');
    inner.register('__proto__.polluted', () => 'x');
    title = 'Buy bread';
    expect(inner.collect()).toEqual({ todo: { title: 'Buy bread', done: false } });
    expect(outer.collect()).toEqual({ owner: 'ana', todo: { title: 'Buy bread', done: false } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    unregister();
    expect(outer.collect()).toEqual({ owner: 'ana', todo: { done: false } });
  });
});

describe('Select search', () => {
  const options = Array.from({ length: 16 }, (_, i) => ({ value: `v${i}`, label: `Option ${i}` }));
  it('shows a filter field above 15 options or when searchable, not otherwise', () => {
    const card = (select: Record<string, unknown>) =>
      render({ type: 'Card', children: [{ type: 'Select', name: 's', ...select }] });
    expect(card({ options })).toContain('type="search"');
    expect(card({ options: options.slice(0, 3), searchable: true })).toContain('type="search"');
    expect(card({ options: options.slice(0, 3) })).not.toContain('type="search"');
    expect(card({ options, searchable: false })).not.toContain('type="search"');
  });
});
