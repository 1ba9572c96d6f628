import type { ArithmeticOperator, CompareOperator, Expr } from './ast.js';
import { parseFilterExpr, parsePostfix, parsePrimary } from './primary-parser.js';
import type { TokenStream } from './token-stream.js';

// Expression grammar, by increasing precedence as in Jinja's parser: inline if, or, and, not,
// comparisons (chained, `in`, `not in`), + -, ~, * / // %, **, unary - +; the operands are parsed
// by `primary-parser.ts`.

const COMPARE_OPERATORS: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>=']);
/** Parses one expression; `withCondExpr: false` stops before an inline `if` (as in `for … in xs if c`). */
export function parseExpression(stream: TokenStream, withCondExpr = true): Expr {
  return withCondExpr ? parseCondExpr(stream) : parseOr(stream);
}

/** Parses `a` or a bare tuple `a, b` (as the value of `{% set %}` and `{{ }}`). */
export function parseTupleOrExpression(stream: TokenStream, withCondExpr = true): Expr {
  const first = parseExpression(stream, withCondExpr);
  if (!stream.test('operator', ',')) return first;
  const items = [first];
  while (stream.skipIf('operator', ',')) {
    if (isExpressionEnd(stream)) break;
    items.push(parseExpression(stream, withCondExpr));
  }
  return { kind: 'list', items };
}

function isExpressionEnd(stream: TokenStream): boolean {
  const { type } = stream.current;
  return (
    type === 'block_end' ||
    type === 'variable_end' ||
    type === 'eof' ||
    stream.test('operator', ')')
  );
}

function parseCondExpr(stream: TokenStream): Expr {
  let expr = parseOr(stream);
  while (stream.test('name', 'if')) {
    const { line } = stream.next();
    const test = parseOr(stream);
    const otherwise = stream.skipIf('name', 'else') ? parseCondExpr(stream) : undefined;
    expr = { kind: 'cond', test, then: expr, line, ...(otherwise ? { otherwise } : {}) };
  }
  return expr;
}

function parseOr(stream: TokenStream): Expr {
  let left = parseAnd(stream);
  while (stream.skipIf('name', 'or')) left = { kind: 'or', left, right: parseAnd(stream) };
  return left;
}

function parseAnd(stream: TokenStream): Expr {
  let left = parseNot(stream);
  while (stream.skipIf('name', 'and')) left = { kind: 'and', left, right: parseNot(stream) };
  return left;
}

function parseNot(stream: TokenStream): Expr {
  if (stream.skipIf('name', 'not')) return { kind: 'not', operand: parseNot(stream) };
  return parseCompare(stream);
}

function parseCompare(stream: TokenStream): Expr {
  const first = parseMath1(stream);
  const ops: Array<[CompareOperator, Expr]> = [];
  for (;;) {
    const token = stream.current;
    if (token.type === 'operator' && COMPARE_OPERATORS.has(token.value)) {
      stream.next();
      ops.push([token.value as CompareOperator, parseMath1(stream)]);
    } else if (stream.skipIf('name', 'in')) {
      ops.push(['in', parseMath1(stream)]);
    } else if (stream.test('name', 'not') && isName(stream.look(), 'in')) {
      stream.next();
      stream.next();
      ops.push(['notin', parseMath1(stream)]);
    } else break;
  }
  return ops.length === 0 ? first : { kind: 'compare', first, ops };
}

function isName(token: TokenStream['current'], value: string): boolean {
  return token.type === 'name' && token.value === value;
}

function binaryLevel(
  operators: readonly ArithmeticOperator[],
  operand: (stream: TokenStream) => Expr,
): (stream: TokenStream) => Expr {
  return (stream) => {
    let left = operand(stream);
    for (;;) {
      const token = stream.current;
      const op = operators.find(
        (candidate) => token.type === 'operator' && token.value === candidate,
      );
      if (op === undefined) return left;
      stream.next();
      left = { kind: 'arith', op, left, right: operand(stream) };
    }
  };
}

const parsePow = binaryLevel(['**'], (stream) => parseUnary(stream, true));
const parseMath2 = binaryLevel(['*', '/', '//', '%'], parsePow);
const parseMath1 = binaryLevel(['+', '-'], parseConcat);

function parseConcat(stream: TokenStream): Expr {
  const parts = [parseMath2(stream)];
  while (stream.skipIf('operator', '~')) parts.push(parseMath2(stream));
  return parts.length === 1 ? (parts[0] as Expr) : { kind: 'concat', parts };
}

function parseUnary(stream: TokenStream, withFilter: boolean): Expr {
  let node: Expr;
  if (stream.skipIf('operator', '-')) node = { kind: 'neg', operand: parseUnary(stream, false) };
  else if (stream.skipIf('operator', '+'))
    node = { kind: 'pos', operand: parseUnary(stream, false) };
  else node = parsePostfix(stream, parsePrimary(stream));
  return withFilter ? parseFilterExpr(stream, node) : node;
}
