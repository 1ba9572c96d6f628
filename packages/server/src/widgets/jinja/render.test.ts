import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../errors.js';
import { compileTemplate } from './render.js';

const render = (source: string, variables: Record<string, unknown> = {}): string =>
  compileTemplate(source).render(variables);

describe('jinja statements', () => {
  it('prints expressions and passes text through', () => {
    expect(render('Hello {{ name }}!', { name: 'Ada' })).toBe('Hello Ada!');
    expect(render('{# a comment #}x')).toBe('x');
  });

  it('loops with loop.index, index0, first, last, length and revindex', () => {
    const source =
      '{% for x in xs %}{{ loop.index }}{{ loop.index0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ loop.revindex }};{% endfor %}';
    expect(render(source, { xs: ['a', 'b'] })).toBe('10TrueFalse22;21FalseTrue21;');
  });

  it('renders the else branch of an empty loop', () => {
    expect(render('{% for x in xs %}{{ x }}{% else %}none{% endfor %}', { xs: [] })).toBe('none');
    expect(render('{% for x in xs %}{{ x }}{% else %}none{% endfor %}', { xs: [1] })).toBe('1');
  });

  it('filters loop items with an inline if, and loop.length counts the kept ones', () => {
    expect(
      render('{% for x in xs if x > 1 %}{{ x }}/{{ loop.length }} {% endfor %}', { xs: [1, 2, 3] }),
    ).toBe('2/2 3/2 ');
  });

  it('unpacks tuples, iterates dict keys and dict.items()', () => {
    const d = { a: 1, b: 2 };
    expect(render('{% for k, v in d.items() %}{{ k }}={{ v }},{% endfor %}', { d })).toBe(
      'a=1,b=2,',
    );
    expect(render('{% for k in d %}{{ k }}{% endfor %}', { d })).toBe('ab');
    expect(render('{% for (a, b) in [[1, 2]] %}{{ a + b }}{% endfor %}')).toBe('3');
  });

  it('cycles through values with loop.cycle and exposes previtem/nextitem', () => {
    expect(render("{% for x in [1,2,3] %}{{ loop.cycle('a', 'b') }}{% endfor %}")).toBe('aba');
    expect(render('{% for x in [1,2] %}{{ loop.nextitem is defined }}{% endfor %}')).toBe(
      'TrueFalse',
    );
  });

  it('chooses if / elif / else branches', () => {
    const source = '{% if n > 1 %}many{% elif n == 1 %}one{% else %}none{% endif %}';
    expect([0, 1, 5].map((n) => render(source, { n }))).toEqual(['none', 'one', 'many']);
  });

  it('assigns with set, including tuples and block sets with filters', () => {
    expect(render('{% set x = 2 %}{{ x * 3 }}')).toBe('6');
    expect(render('{% set a, b = 1, 2 %}{{ a }}{{ b }}')).toBe('12');
    expect(render('{% set c %}<{{ 1 }}>{% endset %}[{{ c }}]')).toBe('[<1>]');
    expect(render('{% set c | upper %}abc{% endset %}{{ c }}')).toBe('ABC');
  });

  it('keeps assignments inside a loop local to it, but namespaces carry them out', () => {
    expect(render('{% set x = 0 %}{% for i in [1,2] %}{% set x = i %}{% endfor %}{{ x }}')).toBe(
      '0',
    );
    expect(
      render(
        '{% set ns = namespace(total=0) %}{% for i in [1,2,3] %}{% set ns.total = ns.total + i %}{% endfor %}{{ ns.total }}',
      ),
    ).toBe('6');
  });

  it('applies whitespace control on both sides of every tag kind', () => {
    expect(render('a  \n {%- if true -%} \n b \n {%- endif -%}\n  c')).toBe('abc');
    expect(render('a {{- 1 -}} b')).toBe('a1b');
    expect(render('a {#- c -#} b')).toBe('ab');
    expect(render('a {% if true %} b {% endif %} c')).toBe('a  b  c');
  });

  it('drops a single trailing newline and keeps raw blocks verbatim', () => {
    expect(render('x\n')).toBe('x');
    expect(render('x\n\n')).toBe('x\n');
    expect(render('{% raw %}{{ not parsed }}{% endraw %}')).toBe('{{ not parsed }}');
  });

  it('reproduces the leading-comma idiom of exported list templates', () => {
    const source =
      "[{%- set _c -%}{%- for i in items -%},{{ i | tojson }}{%- endfor -%}{%- endset -%}{{- (_c[1:] if _c and _c[0] == ',' else _c) -}}]";
    expect(render(source, { items: [1, 'a'] })).toBe('[1,"a"]');
    expect(render(source, { items: [] })).toBe('[]');
  });
});

describe('jinja undefined and errors', () => {
  it('raises on an undefined variable wherever it is used (StrictUndefined)', () => {
    expect(() => render('{{ missing }}')).toThrow(/'missing' is undefined/);
    expect(() => render('{% if missing %}{% endif %}')).toThrow(ConfigurationError);
    expect(() => render('{% for x in missing %}{% endfor %}')).toThrow(/'missing' is undefined/);
    expect(() => render('{{ user.name.first }}', { user: {} })).toThrow(/has no attribute 'name'/);
  });

  it('lets `is defined` and `default` handle undefined values', () => {
    expect(render('{{ missing is defined }} {{ missing is not defined }}')).toBe('False True');
    expect(render("{{ missing | default('x') }} {{ user.age | d(3) }}", { user: {} })).toBe('x 3');
    expect(render("{{ '' | default('empty', true) }}")).toBe('empty');
  });

  it('reports syntax errors with their line', () => {
    expect(() => render('\n{% for x in %}')).toThrow(/line 2/);
    expect(() => render('{% frobnicate %}')).toThrow(/unknown tag 'frobnicate'/);
    expect(() => render('{{ x | nosuchfilter }}')).toThrow(/no filter named 'nosuchfilter'/);
    expect(() => render('{{ x is nosuchtest }}')).toThrow(/no test named 'nosuchtest'/);
    expect(() => render('{% if x %}')).toThrow(/'elif' or 'else' or 'endif'/);
    expect(() => render('{{ "abc }}')).toThrow(/unterminated string/);
    expect(() => render('{{ 1 ')).toThrow(/end of print statement/);
  });

  it('raises Python-style type errors', () => {
    expect(() => render("{{ 1 + 'a' }}")).toThrow(
      /unsupported operand type\(s\) for \+: 'int' and 'str'/,
    );
    expect(() => render("{{ 1 < 'a' }}")).toThrow(
      /not supported between instances of 'int' and 'str'/,
    );
    expect(() => render('{{ 1 / 0 }}')).toThrow(/division by zero/);
    expect(() => render("{{ 'x' if false }}")).toThrow(/no else section/);
  });
});
