import type { Expr } from './ast.js';
import { parseExpression, parseTupleOrExpression } from './expression-parser.js';
import { hasFilter } from './filters.js';
import { hasTest } from './predicates.js';
import type { TokenStream } from './token-stream.js';

// Operands: literals, names, `( )` `[ ]` `{ }`, then postfix `.attr` `[key]` `[a:b:c]` `(call)`,
// filters `|f(args)` and tests `is [not] t`.

const LITERAL_NAMES: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ['true', true],
  ['True', true],
  ['false', false],
  ['False', false],
  ['none', null],
  ['None', null],
]);
/** Names that end a test's bare argument (`x is divisibleby 3` takes one; `x is defined and y` does not). */
const NOT_A_TEST_ARGUMENT: ReadonlySet<string> = new Set([
  'else',
  'or',
  'and',
  'if',
  'in',
  'is',
  'not',
]);

/** A literal, a name, or a parenthesized, list or dict expression. */
export function parsePrimary(stream: TokenStream): Expr {
  const token = stream.next();
  if (token.type === 'name') {
    if (LITERAL_NAMES.has(token.value))
      return { kind: 'literal', value: LITERAL_NAMES.get(token.value) };
    return { kind: 'name', name: token.value, line: token.line };
  }
  if (token.type === 'string') {
    let value = token.value;
    // Adjacent string literals concatenate, as in Python.
    while (stream.current.type === 'string') value += stream.expectType('string', 'a string').value;
    return { kind: 'literal', value };
  }
  if (token.type === 'number') return { kind: 'literal', value: token.value };
  if (token.type === 'operator' && token.value === '(') {
    if (stream.skipIf('operator', ')')) return { kind: 'list', items: [] };
    const inner = parseTupleOrExpression(stream);
    stream.expect('operator', ')');
    return inner;
  }
  if (token.type === 'operator' && token.value === '[')
    return { kind: 'list', items: parseSequence(stream, ']') };
  if (token.type === 'operator' && token.value === '{') return parseDict(stream);
  return stream.fail(`unexpected ${token.type === 'operator' ? `'${token.value}'` : token.type}`);
}

function parseSequence(stream: TokenStream, close: string): Expr[] {
  const items: Expr[] = [];
  while (!stream.skipIf('operator', close)) {
    if (items.length > 0) stream.expect('operator', ',');
    if (stream.skipIf('operator', close)) break;
    items.push(parseExpression(stream));
  }
  return items;
}

function parseDict(stream: TokenStream): Expr {
  const entries: Array<[Expr, Expr]> = [];
  while (!stream.skipIf('operator', '}')) {
    if (entries.length > 0) stream.expect('operator', ',');
    if (stream.skipIf('operator', '}')) break;
    const key = parseExpression(stream);
    stream.expect('operator', ':');
    entries.push([key, parseExpression(stream)]);
  }
  return { kind: 'dict', entries };
}

/** `.attr`, `.0`, `[key]`, `[a:b:c]` and `(call)` after an operand. */
export function parsePostfix(stream: TokenStream, target: Expr): Expr {
  for (;;) {
    if (stream.skipIf('operator', '.')) {
      const token = stream.next();
      if (token.type === 'name') target = { kind: 'getattr', target, name: token.value };
      else if (token.type === 'number' && Number.isInteger(token.value)) {
        target = { kind: 'getitem', target, key: { kind: 'literal', value: token.value } };
      } else stream.fail("expected an attribute name after '.'");
    } else if (stream.skipIf('operator', '[')) {
      target = parseSubscript(stream, target);
    } else if (stream.test('operator', '(')) {
      target = { kind: 'call', callee: target, ...parseCallArguments(stream) };
    } else return target;
  }
}

function parseSubscript(stream: TokenStream, target: Expr): Expr {
  const bound = (): Expr | undefined =>
    stream.test('operator', ':') || stream.test('operator', ']')
      ? undefined
      : parseExpression(stream);
  const start = bound();
  if (!stream.skipIf('operator', ':')) {
    stream.expect('operator', ']');
    if (start === undefined) return stream.fail('expected a subscript');
    return { kind: 'getitem', target, key: start };
  }
  const stop = bound();
  const step = stream.skipIf('operator', ':') ? bound() : undefined;
  stream.expect('operator', ']');
  return {
    kind: 'slice',
    target,
    ...(start && { start }),
    ...(stop && { stop }),
    ...(step && { step }),
  };
}

/** `(a, b, key=value)`. */
export function parseCallArguments(stream: TokenStream): {
  args: Expr[];
  kwargs: Array<[string, Expr]>;
} {
  stream.expect('operator', '(');
  const args: Expr[] = [];
  const kwargs: Array<[string, Expr]> = [];
  while (!stream.skipIf('operator', ')')) {
    if (args.length + kwargs.length > 0) {
      stream.expect('operator', ',');
      if (stream.skipIf('operator', ')')) break;
    }
    const token = stream.current;
    if (token.type === 'name' && isOperator(stream.look(), '=')) {
      stream.next();
      stream.next();
      kwargs.push([token.value, parseExpression(stream)]);
    } else {
      if (kwargs.length > 0) stream.fail('positional argument follows keyword argument');
      args.push(parseExpression(stream));
    }
  }
  return { args, kwargs };
}

function isOperator(token: TokenStream['current'], value: string): boolean {
  return token.type === 'operator' && token.value === value;
}

/** Parses `|filter(args)` chains and `is [not] test` after an operand. */
export function parseFilterExpr(stream: TokenStream, target: Expr): Expr {
  for (;;) {
    if (stream.skipIf('operator', '|')) {
      const name = parseFilterName(stream);
      const call = stream.test('operator', '(')
        ? parseCallArguments(stream)
        : { args: [], kwargs: [] };
      target = { kind: 'filter', target, name, ...call };
    } else if (stream.skipIf('name', 'is')) {
      const negated = stream.skipIf('name', 'not');
      const name = stream.expectName('a test name');
      if (!hasTest(name)) stream.fail(`no test named '${name}'`);
      let call: { args: Expr[]; kwargs: Array<[string, Expr]> } = { args: [], kwargs: [] };
      if (stream.test('operator', '(')) call = parseCallArguments(stream);
      else if (startsBareArgument(stream))
        call = { args: [parsePostfix(stream, parsePrimary(stream))], kwargs: [] };
      const test: Expr = { kind: 'test', target, name, ...call };
      target = negated ? { kind: 'not', operand: test } : test;
    } else if (stream.test('operator', '(')) {
      target = { kind: 'call', callee: target, ...parseCallArguments(stream) };
    } else return target;
  }
}

/** A filter name, validated now as Jinja does at compile time. */
export function parseFilterName(stream: TokenStream): string {
  const name = stream.expectName('a filter name');
  if (!hasFilter(name)) stream.fail(`no filter named '${name}'`);
  return name;
}

function startsBareArgument(stream: TokenStream): boolean {
  const token = stream.current;
  if (token.type === 'name') return !NOT_A_TEST_ARGUMENT.has(token.value);
  if (token.type === 'string' || token.type === 'number') return true;
  return token.type === 'operator' && (token.value === '[' || token.value === '{');
}
