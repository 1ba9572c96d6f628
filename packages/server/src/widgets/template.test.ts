import { readFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from '../errors.js';
import { WidgetItemSchema } from '../protocol/items.js';
import { WidgetTemplate } from './template.js';

const FIXTURES = new URL('../../test/fixtures/widgets/', import.meta.url);

async function readFixture(name: string): Promise<unknown> {
  return JSON.parse(await readFile(new URL(name, FIXTURES), 'utf8'));
}

/** Drops null props recursively, as the wire serializer does (§1.3). */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== null && item !== undefined)
      .map(([key, item]) => [key, dropNulls(item)]),
  );
}

describe('WidgetTemplate.fromFile (docs/protocol.md §8.4, §11.3 widget_template_from_file)', () => {
  const data = readFixture('data.json') as Promise<Record<string, Record<string, unknown> | null>>;

  it.each([
    'list_view_no_data',
    'card_no_data',
    'list_view_with_data',
    'card_with_data',
    'basic_root',
  ])('builds %s.widget into exactly %s.json', async (name) => {
    const template = await WidgetTemplate.fromFile(new URL(`${name}.widget`, FIXTURES));
    const widget = template.build((await data)[name]);
    expect(dropNulls(widget)).toStrictEqual(await readFixture(`${name}.json`));
  });

  it('builds a Basic root that a WidgetItem accepts (§11.3 widget_template_build_with_basic_root)', async () => {
    const template = await WidgetTemplate.fromFile(new URL('basic_root.widget', FIXTURES));
    const widget = template.build({ name: 'Harry Potter', bio: 'The boy who lived' });
    expect(widget.type).toBe('Basic');
    const item = WidgetItemSchema.parse({
      id: 'msg_1',
      thread_id: 'thr_1',
      created_at: new Date().toISOString(),
      type: 'widget',
      widget,
    });
    expect(item.widget).toStrictEqual(await readFixture('basic_root.json'));
  });

  it('fails with a ConfigurationError on a runtime without node:fs', async () => {
    const spy = vi.spyOn(process, 'getBuiltinModule').mockReturnValue(undefined);
    try {
      await expect(WidgetTemplate.fromFile(new URL('basic_root.widget', FIXTURES))).rejects.toThrow(
        /use WidgetTemplate.fromJSON/,
      );
    } finally {
      spy.mockRestore();
    }
  });

  it('reads the definition fields and keeps jsonSchema as dataSchema', async () => {
    const template = await WidgetTemplate.fromFile(new URL('basic_root.widget', FIXTURES));
    expect(template.version).toBe('1.0');
    expect(template.name).toBe('Author preview');
    expect(template.dataSchema).toMatchObject({ required: ['name', 'bio'] });
  });
});

describe('WidgetTemplate', () => {
  const definition = (template: string, version = '1.0') => ({ version, name: 'test', template });

  it('accepts only spec version 1.0', () => {
    expect(() => new WidgetTemplate(definition('{}', '2.0'))).toThrow(
      new ConfigurationError('Unsupported widget spec version: 2.0'),
    );
  });

  it('rejects a definition without a template', () => {
    expect(() => WidgetTemplate.fromJSON('{"version":"1.0","name":"x"}')).toThrow(
      ConfigurationError,
    );
    expect(() => WidgetTemplate.fromJSON('not json')).toThrow(/not JSON/);
  });

  it('reports template syntax errors when constructed', () => {
    expect(() => new WidgetTemplate(definition('{% for x in xs %}'))).toThrow(
      /syntax error.*endfor/,
    );
  });

  it('treats null or missing data as no variables', () => {
    const template = new WidgetTemplate(definition('{"type":"Card","children":[]}'));
    expect(template.build()).toStrictEqual({ type: 'Card', children: [] });
    expect(template.build(null)).toStrictEqual({ type: 'Card', children: [] });
  });

  it('raises on an undefined variable (StrictUndefined)', () => {
    const template = new WidgetTemplate(
      definition('{"type":"Card","children":[{"type":"Text","value":{{ title | tojson }}}]}'),
    );
    expect(() => template.build({})).toThrow(/'title' is undefined/);
    expect(template.build({ title: 'Hi <b>' })).toStrictEqual({
      type: 'Card',
      children: [{ type: 'Text', value: 'Hi <b>' }],
    });
  });

  it('rejects output that is not JSON or not a widget root', () => {
    expect(() => new WidgetTemplate(definition('{"type":')).build()).toThrow(
      /did not render valid JSON/,
    );
    expect(() => new WidgetTemplate(definition('{"type":"Text","value":"x"}')).build()).toThrow(
      /rendered an invalid widget/,
    );
    expect(() =>
      new WidgetTemplate(definition('{"type":"Card","children":[{"type":"Text"}]}')).build(),
    ).toThrow(/children\[0\]\.value/);
  });

  it('returns the rendered JSON as given: unknown props kept, no ActionConfig defaults added', () => {
    const template = new WidgetTemplate(
      definition(
        '{"type":"Card","custom":1,"children":[{"type":"Button","onClickAction":{"type":"go"}}]}',
      ),
    );
    expect(template.build()).toStrictEqual({
      type: 'Card',
      custom: 1,
      children: [{ type: 'Button', onClickAction: { type: 'go' } }],
    });
  });
});
