import { describe, expect, it } from 'vitest';
import { WidgetItemSchema } from '../protocol/items.js';
import { WidgetRootSchema } from '../protocol/widgets/index.js';
import * as builders from './builders.js';
import { Button, Card, Select, Text } from './builders.js';

describe('widget builders (docs/protocol.md §8.1, §11.3 json_dump_excludes_none_fields)', () => {
  it('serializes with type and without unset props', () => {
    const data = JSON.parse(JSON.stringify(Card({ children: [Text({ value: 'Hello' })] })));
    expect(data).toStrictEqual({ type: 'Card', children: [{ type: 'Text', value: 'Hello' }] });
    for (const key of ['key', 'padding', 'status', 'collapsed'])
      expect(data).not.toHaveProperty(key);
    for (const key of ['italic', 'streaming', 'color', 'key'])
      expect(data.children[0]).not.toHaveProperty(key);
  });

  it('omits undefined and null props, also inside a WidgetItem', () => {
    const widget = Card({
      children: [Text({ value: 'Hello', italic: undefined, color: null })],
      size: undefined,
    });
    const item = WidgetItemSchema.parse({
      id: '1',
      thread_id: '1',
      created_at: '2025-01-01T00:00:00Z',
      type: 'widget',
      widget,
    });
    const json = JSON.stringify(item);
    expect(json).not.toMatch(/null/);
    expect(JSON.parse(json).widget).toStrictEqual({
      type: 'Card',
      children: [{ type: 'Text', value: 'Hello' }],
    });
  });

  it('fills ActionConfig defaults the way parsing does (§5.2)', () => {
    const button = Button({ label: 'Go', onClickAction: { type: 'go', payload: { x: 1 } } });
    expect(button.onClickAction).toStrictEqual({
      type: 'go',
      payload: { x: 1 },
      handler: 'server',
      loadingBehavior: 'auto',
      streaming: true,
    });
    const card = Card({
      children: [],
      confirm: { label: 'OK', action: { type: 'ok', handler: 'client' } },
    });
    expect(card.confirm?.action).toStrictEqual({
      type: 'ok',
      handler: 'client',
      loadingBehavior: 'auto',
      streaming: true,
    });
    const select = Select({
      name: 's',
      options: [],
      onChangeAction: { type: 'pick', streaming: false },
    });
    expect(select.onChangeAction?.streaming).toBe(false);
  });

  it('builds every component with its type, and the result parses unchanged', () => {
    const names = Object.keys(builders).sort();
    expect(names).toHaveLength(27);
    for (const name of names) {
      const build = (builders as unknown as Record<string, (props: object) => { type: string }>)[
        name
      ];
      expect(build?.({}).type).toBe(name);
    }
    const card = Card({
      children: [
        Button({ label: 'Go', onClickAction: { type: 'go' } }),
        builders.Spacer(),
        builders.Divider(),
      ],
    });
    expect(WidgetRootSchema.parse(card)).toStrictEqual(card);
  });

  it('types props: required ones are required, unknown ones are rejected', () => {
    // @ts-expect-error `value` is required
    expect(() => Text({})).not.toThrow();
    // @ts-expect-error `valeu` is not a Text prop
    expect(Text({ value: 'x', valeu: 1 })).toMatchObject({ valeu: 1 });
    // @ts-expect-error `size` takes a token
    expect(Card({ children: [], size: 'huge' }).size).toBe('huge');
    expect(builders.Spacer().type).toBe('Spacer');
  });
});
