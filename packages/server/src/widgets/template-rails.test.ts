import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../errors.js';
import { widgetToolResult } from '../mcp/widget-result.js';
import { WidgetTemplate } from './template.js';

// A `.widget` definition written the way the seeds' Rails template service writes them
// (docs/seeds.md §A.3): `{{ var | json }}` placeholders, a `copy_text` template, a jsonSchema.
const taskList = {
  version: '1.0',
  name: 'Task list',
  copy_text:
    '{% for t in tasks %}- {{ t.title }}{% if t.done is defined and t.done %} (done){% endif %}\n{% endfor %}',
  template:
    '{"type":"Card","children":[{"type":"Title","value":{{ heading | json }}}' +
    '{%- for t in tasks -%},{"type":"Text","value":{{ t.title | json }}}{%- endfor -%}]}',
  jsonSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: {
      heading: { type: 'string' },
      tasks: {
        type: 'array',
        items: {
          type: 'object',
          properties: { title: { type: 'string' }, done: { type: 'boolean' } },
          required: ['title'],
        },
      },
    },
    required: ['heading', 'tasks'],
  },
};

const data = {
  heading: 'Today "urgent"',
  tasks: [{ title: 'Write <tests>', done: true }, { title: 'Ship' }],
};

describe('WidgetTemplate with Rails-style definitions (docs/seeds.md §A.3)', () => {
  it('renders `| json` exactly like `| tojson`', () => {
    const template = new WidgetTemplate(taskList);
    expect(template.build(data)).toStrictEqual({
      type: 'Card',
      children: [
        { type: 'Title', value: 'Today "urgent"' },
        { type: 'Text', value: 'Write <tests>' },
        { type: 'Text', value: 'Ship' },
      ],
    });
    const same = new WidgetTemplate({
      ...taskList,
      template: taskList.template.replaceAll('| json', '| tojson'),
    });
    expect(same.build(data)).toStrictEqual(template.build(data));
  });

  it('renders the copy_text template with the same data', () => {
    const template = new WidgetTemplate(taskList);
    expect(template.copyTextTemplate).toBe(taskList.copy_text);
    expect(template.buildCopyText(data)).toBe('- Write <tests> (done)\n- Ship');
    expect(new WidgetTemplate({ ...taskList, copy_text: undefined }).buildCopyText(data)).toBe(
      undefined,
    );
  });

  it('rejects data failing the jsonSchema before rendering, naming the field', () => {
    const template = new WidgetTemplate(taskList);
    const bad = { heading: 'x', tasks: [{ title: 'ok' }, { title: 42 }] };
    expect(() => template.build(bad)).toThrow(ConfigurationError);
    expect(() => template.build(bad)).toThrow(
      /Widget template 'Task list' data does not match its jsonSchema: tasks\[1\]\.title: .*expected string/,
    );
    expect(() => template.build({ tasks: [] })).toThrow(/heading: .*expected string/);
    expect(() => template.buildCopyText(bad)).toThrow(/tasks\[1\]\.title/);
  });

  it('fails at construction on a jsonSchema it cannot read', () => {
    expect(
      () =>
        new WidgetTemplate({ ...taskList, jsonSchema: { type: 'object', $ref: 'https://x/y' } }),
    ).toThrow(/'Task list' has a jsonSchema that cannot be used/);
  });

  it('widgetToolResult uses the template copy_text unless copyText is given', () => {
    const template = new WidgetTemplate(taskList);
    const payload = (options: { copyText?: string }) => {
      const result = widgetToolResult({
        tool: 'list_tasks',
        text: 'summary',
        widget: template,
        data,
        ...options,
      });
      const part = result.content[1];
      if (part?.type !== 'resource' || !('text' in part.resource)) throw new Error('no resource');
      return JSON.parse(part.resource.text) as { copy_text: string };
    };
    expect(payload({}).copy_text).toBe('- Write <tests> (done)\n- Ship');
    expect(payload({ copyText: 'mine' }).copy_text).toBe('mine');
  });
});
