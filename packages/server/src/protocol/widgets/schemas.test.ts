import { describe, expect, it } from 'vitest';
import {
  WidgetComponentSchema,
  WidgetRootSchema,
  isKnownComponentType,
  type WidgetComponent,
} from './index.js';

const action = { type: 'go', payload: { id: 1 } };
const withDefaults = { ...action, handler: 'server', loadingBehavior: 'auto', streaming: true };

/** One of every component (§8.3), with the required props and a few optional ones. */
const EVERY_COMPONENT: WidgetComponent[] = [
  {
    type: 'Text',
    id: 't',
    value: 'hi',
    streaming: true,
    color: { light: 'red', dark: 'blue' },
    editable: { name: 'n' },
  },
  { type: 'Title', value: 'T', size: '2xl', weight: 'bold' },
  { type: 'Caption', value: 'c', size: 'sm', textAlign: 'end' },
  { type: 'Markdown', value: '**md**', streaming: false },
  { type: 'Badge', label: 'new', color: 'success', pill: true },
  { type: 'Divider', flush: true, spacing: 2 },
  { type: 'Icon', name: 'check', size: '3xl' },
  { type: 'Image', src: '/a.png', size: 44, position: 'top left', margin: { x: 2 } },
  { type: 'Button', label: 'Go', onClickAction: action, iconStart: 'vendor:x', variant: 'outline' },
  { type: 'Spacer', minSize: 4 },
  {
    type: 'Select',
    name: 's',
    options: [{ value: 'a', label: 'A' }],
    onChangeAction: action,
    searchable: true,
  },
  { type: 'DatePicker', name: 'd', defaultValue: '2025-01-01T00:00:00Z', side: 'top' },
  { type: 'Checkbox', name: 'c', defaultChecked: true },
  { type: 'Input', name: 'i', inputType: 'email', gutterSize: 'md' },
  { type: 'Textarea', name: 'ta', rows: 3, autoResize: true },
  { type: 'Label', value: 'Name', fieldName: 'i' },
  { type: 'RadioGroup', name: 'r', options: [{ label: 'A', value: 'a' }], direction: 'row' },
  { type: 'Transition', key: 'k', children: { type: 'Text', value: 'inside' } },
  {
    type: 'Chart',
    data: [{ x: 'a', y: 1 }],
    series: [
      { type: 'bar', label: 'Y', dataKey: 'y', stack: 's' },
      { type: 'area', label: null, dataKey: 'y', curveType: 'monotone' },
      { type: 'line', label: 'L', dataKey: 'y' },
    ],
    xAxis: { dataKey: 'x', labels: { a: 'A' } },
  },
  {
    type: 'Box',
    direction: 'row',
    border: { top: 1, bottom: { size: 2, style: 'dashed' } },
    children: [],
  },
  { type: 'Row', gap: 2, padding: { x: 1 }, align: 'center', justify: 'between' },
  { type: 'Form', onSubmitAction: action, children: [{ type: 'Input', name: 'x' }] },
  {
    type: 'Col',
    radius: 'full',
    background: 'surface',
    children: [{ type: 'ListViewItem', children: [] }],
  },
];

describe('widget schemas (docs/protocol.md §8.2–8.3)', () => {
  it('parses a tree holding every component, keeping it as given apart from action defaults', () => {
    const card = {
      type: 'Card',
      asForm: true,
      size: 'md',
      status: { text: 'Done', icon: 'check' },
      confirm: { label: 'OK', action },
      children: EVERY_COMPONENT,
    };
    const parsed = WidgetRootSchema.parse(card);
    expect(parsed.children).toHaveLength(EVERY_COMPONENT.length);
    expect(
      JSON.parse(
        JSON.stringify(parsed).replaceAll(JSON.stringify(withDefaults), JSON.stringify(action)),
      ),
    ).toStrictEqual(card);
    expect(EVERY_COMPONENT.filter((c) => isKnownComponentType(c.type))).toHaveLength(
      EVERY_COMPONENT.length,
    );
  });

  it('parses ListView and Basic roots', () => {
    const list = {
      type: 'ListView',
      limit: 'auto',
      children: [
        {
          type: 'ListViewItem',
          onClickAction: action,
          gap: 5,
          children: [{ type: 'Text', value: 'x' }],
        },
      ],
    };
    expect(WidgetRootSchema.parse(list)).toMatchObject({
      children: [{ onClickAction: withDefaults }],
    });
    const basic = { type: 'Basic', anything: [1], children: { type: 'Card', children: [] } };
    expect(WidgetRootSchema.parse(basic)).toStrictEqual(basic);
    expect(WidgetRootSchema.parse({ type: 'Basic' })).toStrictEqual({ type: 'Basic' });
  });

  it('keeps unknown props on roots, known components, dynamic components and helper objects', () => {
    const card = {
      type: 'Card',
      futureProp: { nested: true },
      status: { text: 's', favicon: '/f.ico', extra: 1 },
      children: [
        { type: 'Text', value: 'x', futureProp: 2 },
        { type: 'Sparkline', points: [1, 2], children: { type: 'Text', value: 'y', other: 'z' } },
      ],
    };
    expect(WidgetRootSchema.parse(card)).toStrictEqual(card);
  });

  it('materializes ActionConfig defaults (§5.2)', () => {
    const parsed = WidgetComponentSchema.parse({ type: 'Button', onClickAction: { type: 'go' } });
    expect(parsed.onClickAction).toStrictEqual({
      type: 'go',
      handler: 'server',
      loadingBehavior: 'auto',
      streaming: true,
    });
    const card = WidgetRootSchema.parse({
      type: 'Card',
      children: [
        {
          type: 'Form',
          children: [{ type: 'Button', onClickAction: { type: 'go', streaming: false } }],
        },
      ],
    });
    expect(card).toMatchObject({
      children: [{ children: [{ onClickAction: { streaming: false, handler: 'server' } }] }],
    });
  });

  it('accepts null optional props (they are dropped on the wire)', () => {
    expect(
      WidgetComponentSchema.parse({ type: 'Text', value: 'x', color: null, id: null }),
    ).toStrictEqual({
      type: 'Text',
      value: 'x',
      color: null,
      id: null,
    });
  });

  it('rejects an invalid known component with the path of the bad prop', () => {
    const result = WidgetRootSchema.safeParse({
      type: 'Card',
      children: [{ type: 'Row', children: [{ type: 'Text', value: 'ok' }, { type: 'Text' }] }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]).toMatchObject({
      code: 'invalid_type',
      path: ['children', 0, 'children', 1, 'value'],
    });
  });

  it('rejects bad enum values, bad actions and bad dynamic children with precise paths', () => {
    const path = (json: unknown) => WidgetRootSchema.safeParse(json).error?.issues[0]?.path;
    expect(path({ type: 'Card', size: 'huge', children: [] })).toEqual(['size']);
    expect(
      path({ type: 'Card', children: [{ type: 'Button', onClickAction: { payload: 1 } }] }),
    ).toEqual(['children', 0, 'onClickAction', 'type']);
    expect(
      path({ type: 'Basic', children: [{ type: 'Mystery', children: { type: 'Badge' } }] }),
    ).toEqual(['children', 0, 'children', 'label']);
    expect(path({ type: 'Card', children: [{ value: 'no type' }] })).toEqual([
      'children',
      0,
      'type',
    ]);
    expect(path({ type: 'ListView', children: [{ type: 'Text', value: 'x' }] })).toEqual([
      'children',
      0,
      'type',
    ]);
    expect(path({ type: 'Card' })).toEqual(['children']);
    expect(path({ type: 'Text', value: 'x' })).toEqual(['type']);
    expect(path({ type: 'Card', children: [{ type: 'Gap', key: 5 }] })).toEqual([
      'children',
      0,
      'key',
    ]);
  });

  it('rejects what the wire forbids in helper shapes', () => {
    const component = (json: unknown) => WidgetComponentSchema.safeParse(json).success;
    expect(component({ type: 'Box', border: 1.5 })).toBe(false);
    expect(component({ type: 'Box', border: { top: { size: 1.5 } } })).toBe(false);
    expect(
      component({ type: 'Chart', data: [], series: [{ type: 'pie', dataKey: 'y' }], xAxis: 'x' }),
    ).toBe(false);
    expect(component({ type: 'Select', name: 's' })).toBe(false);
    expect(component({ type: 'Text', value: 'x', editable: true })).toBe(false);
    expect(component({ type: 'Text', value: 'x', editable: false })).toBe(true);
  });
});
