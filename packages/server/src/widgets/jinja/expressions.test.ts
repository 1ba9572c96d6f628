import { describe, expect, it } from 'vitest';
import { compileTemplate } from './render.js';

const show = (expr: string, variables: Record<string, unknown> = {}): string =>
  compileTemplate(`{{ ${expr} }}`).render(variables);

describe('jinja expressions', () => {
  it('parses literals: strings with escapes, numbers, booleans, none, lists, dicts', () => {
    expect(show(String.raw`'a\'b\n\x41\u00e9'`)).toBe("a'b\nAé");
    expect(show('"dq" \'adjacent\'')).toBe('dqadjacent');
    expect(show('1_000 + 0.5')).toBe('1000.5');
    expect(show('true ~ True ~ false ~ none ~ None')).toBe('TrueTrueFalseNoneNone');
    expect(show("[1, 'a', none, [true]]")).toBe("[1, 'a', None, [True]]");
    expect(show("{'k': 1, 'a': 'v'}")).toBe("{'k': 1, 'a': 'v'}");
    expect(show("{2: 'v'}['2']")).toBe('v');
    expect(show('(1, 2)')).toBe('[1, 2]');
  });

  it('reads attributes and items, with negative indexes and dict methods', () => {
    const vars = { user: { name: 'Ada', tags: ['x', 'y', 'z'] }, items: { items: 1 } };
    expect(show('user.name ~ user["name"] ~ user.tags[-1] ~ user.tags.0', vars)).toBe('AdaAdazx');
    expect(show("items['items']", vars)).toBe('1');
    expect(show("user.get('missing', 'fallback')", vars)).toBe('fallback');
    expect(show('user.tags[9] is defined', vars)).toBe('False');
    expect(show("'abc'.upper() ~ ' a b '.strip() ~ 'a,b'.split(',')[1]")).toBe('ABCa bb');
  });

  it('slices strings and lists like Python', () => {
    const vars = { s: 'hello', xs: [1, 2, 3, 4] };
    expect(show('s[1:]', vars)).toBe('ello');
    expect(show('s[:-1]', vars)).toBe('hell');
    expect(show('s[1:3]', vars)).toBe('el');
    expect(show('s[::-1]', vars)).toBe('olleh');
    expect(show('xs[a:b]', { ...vars, a: 1, b: -1 })).toBe('[2, 3]');
    expect(show('xs[10:]', vars)).toBe('[]');
  });

  it('follows Python arithmetic, concatenation and precedence', () => {
    expect(show('1 + 2 * 3 ** 2')).toBe('19');
    expect(show('7 // 2 ~ " " ~ -7 // 2 ~ " " ~ -7 % 3 ~ " " ~ 7 / 2')).toBe('3 -4 2 3.5');
    expect(show("('ab' * 2) ~ ([1] + [2])")).toBe('abab[1, 2]');
    // `~` binds tighter than `+` in Jinja: this is ('1' ~ '2') + 3.
    expect(() => show('1 ~ 2 + 3')).toThrow(/unsupported operand/);
    expect(show("'a' ~ 1 * 2")).toBe('a2');
    expect(show('-2 ** 2')).toBe('4');
  });

  it('compares, including chains, in and not in', () => {
    expect(show('1 < 2 < 3')).toBe('True');
    expect(show('1 < 3 < 2')).toBe('False');
    expect(show("'b' in 'abc' and 2 in [1, 2] and 'k' in {'k': 1}")).toBe('True');
    expect(show("'z' not in 'abc'")).toBe('True');
    expect(show('[1, {"a": 2}] == [1, {"a": 2}] and 1 == 1.0 and true == 1')).toBe('True');
    expect(show("'a' != 'b'")).toBe('True');
  });

  it('short-circuits and/or, returning operands, and negates with not', () => {
    expect(show("0 or 'x'")).toBe('x');
    expect(show("'' and missing")).toBe('');
    expect(show('not 0 and not []')).toBe('True');
    expect(show('not 1 == 2')).toBe('True');
  });

  it('evaluates inline if-expressions', () => {
    expect(show("'yes' if n > 1 else 'no'", { n: 2 })).toBe('yes');
    expect(show("'a' if false else 'b' if true else 'c'")).toBe('b');
  });

  it('runs tests, with and without arguments and negation', () => {
    expect(show('x is none ~ x is not none', { x: null })).toBe('TrueFalse');
    expect(show('3 is odd ~ 4 is even ~ 9 is divisibleby 3 ~ 9 is divisibleby(2)')).toBe(
      'TrueTrueTrueFalse',
    );
    expect(show("'s' is string ~ 1 is number ~ {} is mapping ~ [] is sequence")).toBe(
      'TrueTrueTrueTrue',
    );
    expect(show('2 is in [1, 2] ~ 1 is eq 1 ~ 1 is lt 2')).toBe('TrueTrueTrue');
  });

  it('calls range() and dict()', () => {
    expect(show('range(3)')).toBe('[0, 1, 2]');
    expect(show('range(1, 7, 2)')).toBe('[1, 3, 5]');
    expect(show('range(3, 0, -1)')).toBe('[3, 2, 1]');
    expect(show('dict(a=1)')).toBe("{'a': 1}");
  });

  it('prints values the way Python str() does', () => {
    expect(show('x', { x: 0.1 })).toBe('0.1');
    expect(show('x', { x: 1e-5 })).toBe('1e-05');
    expect(show('x', { x: "it's" })).toBe("it's");
    expect(show('[x]', { x: "it's" })).toBe('["it\'s"]');
  });
});
