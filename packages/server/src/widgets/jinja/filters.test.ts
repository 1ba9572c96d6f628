import { describe, expect, it } from 'vitest';
import { compileTemplate } from './render.js';

const show = (expr: string, variables: Record<string, unknown> = {}): string =>
  compileTemplate(`{{ ${expr} }}`).render(variables);

describe('jinja tojson', () => {
  it('dumps like Python json.dumps with sorted keys and default separators', () => {
    expect(show('x | tojson', { x: { b: [1, true, null], a: 'x' } })).toBe(
      '{"a": "x", "b": [1, true, null]}',
    );
    expect(show('x | tojson', { x: 'line\nbreak "quoted" \\' })).toBe(
      String.raw`"line\nbreak \"quoted\" \\"`,
    );
  });

  it('escapes HTML-sensitive characters and non-ASCII as \\u sequences', () => {
    expect(show('x | tojson', { x: "<a href='x'>&</a>" })).toBe(
      String.raw`"\u003ca href=\u0027x\u0027\u003e\u0026\u003c/a\u003e"`,
    );
    expect(show('x | tojson', { x: 'é😀' })).toBe(String.raw`"\u00e9\ud83d\ude00"`);
  });

  it('round-trips through JSON.parse, and indents on request', () => {
    const x = { list: [{ k: 'v' }], n: -1.5, s: '</script>' };
    expect(JSON.parse(show('x | tojson', { x }))).toEqual(x);
    expect(show('x | tojson(indent=2)', { x: { a: [1] } })).toBe('{\n  "a": [\n    1\n  ]\n}');
  });

  it('raises for undefined values', () => {
    expect(() => show('missing | tojson')).toThrow(/'missing' is undefined/);
  });
});

describe('jinja filters', () => {
  it('measures and converts', () => {
    expect(show("'héllo' | length ~ [1, 2] | length ~ {'a': 1} | count")).toBe('521');
    expect(show("'MiXed' | lower ~ 'MiXed' | upper")).toBe('mixedMIXED');
    expect(show('[1, 2] | string')).toBe('[1, 2]');
    expect(show("'  x  ' | trim ~ '--x--' | trim('-')")).toBe('xx');
    expect(show("'hello world' | capitalize ~ ' ' ~ 'hello world' | title")).toBe(
      'Hello world Hello World',
    );
    expect(show("'aaa' | replace('a', 'b', 2)")).toBe('bba');
  });

  it('joins, with a separator and an attribute', () => {
    expect(show("[1, 'a'] | join")).toBe('1a');
    expect(show("['a', 'b'] | join(', ')")).toBe('a, b');
    expect(
      show("users | join(', ', attribute='name')", { users: [{ name: 'A' }, { name: 'B' }] }),
    ).toBe('A, B');
  });

  it('parses numbers with int, float and round', () => {
    expect(
      show(
        "'42' | int ~ ' ' ~ '4.7' | int ~ ' ' ~ 'x' | int ~ ' ' ~ 'x' | int(7) ~ ' ' ~ 3.9 | int",
      ),
    ).toBe('42 4 0 7 3');
    expect(show("'ff' | int(base=16) ~ ' ' ~ '1.5' | float ~ ' ' ~ true | int")).toBe('255 1.5 1');
    expect(show('2.5 | round ~ " " ~ 3.5 | round ~ " " ~ 2.675 | round(2)')).toBe('2 4 2.67');
    expect(show('-2.5 | round ~ " " ~ 0.125 | round(2) ~ " " ~ 1.006 | round(2)')).toBe(
      '-2 0.12 1.01',
    );
    expect(show("2.1 | round(0, 'ceil') ~ ' ' ~ 2.9 | round(method='floor')")).toBe('3 2');
  });

  it('defaults undefined values only (or falsy ones with boolean=true)', () => {
    expect(show("none | default('x')")).toBe('None');
    expect(show("none | default('x', boolean=true)")).toBe('x');
  });

  it('picks and reshapes sequences', () => {
    const users = [
      { name: 'b', active: true, age: 3 },
      { name: 'a', active: false, age: 1 },
    ];
    expect(show('[1, 2, 3] | first ~ [1, 2, 3] | last')).toBe('13');
    expect(show("'abc' | reverse ~ [1, 2] | reverse")).toBe('cba[2, 1]');
    expect(show("users | map(attribute='name') | list", { users })).toBe("['b', 'a']");
    expect(show("['a', 'b'] | map('upper') | join")).toBe('AB');
    expect(show("users | selectattr('active') | map(attribute='name') | join", { users })).toBe(
      'b',
    );
    expect(
      show("users | rejectattr('age', 'gt', 2) | map(attribute='name') | join", { users }),
    ).toBe('a');
    expect(show("[1, 2, 3, 4] | select('odd') | list ~ [0, 1] | reject | list")).toBe('[1, 3][0]');
    expect(show("users | sort(attribute='name') | map(attribute='age') | join", { users })).toBe(
      '13',
    );
    expect(show("['B', 'a', 'C'] | sort ~ [3, 1, 2] | sort(reverse=true)")).toBe(
      "['a', 'B', 'C'][3, 2, 1]",
    );
    expect(show("users | sum(attribute='age') ~ [1, 2] | sum", { users })).toBe('43');
    expect(show("{'a': 1} | items | list")).toBe("[['a', 1]]");
    expect(show('-3 | abs')).toBe('3');
  });
});
