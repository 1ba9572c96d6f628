import type { AssignTarget, Expr, FilterCall, Stmt } from './ast.js';
import { parseExpression, parseTupleOrExpression } from './expression-parser.js';
import { tokenize } from './lexer.js';
import { parseCallArguments, parseFilterName } from './primary-parser.js';
import { TokenStream } from './token-stream.js';

// Statements: `{{ }}`, `{% if/elif/else/endif %}`, `{% for … in … [if …] %}…{% else %}…{% endfor %}`,
// `{% set x = … %}`, `{% set ns.attr = … %}` and block `{% set x [| filter] %}…{% endset %}`.

/** Parses a template into statements. Unknown tags, filters and tests are syntax errors. */
export function parseTemplate(source: string): Stmt[] {
  const stream = new TokenStream(tokenize(source));
  const { body } = parseBody(stream, []);
  return body;
}

/**
 * Parses statements until a `{% name %}` tag in `endTags`; the stream is left on that name.
 * Returns the tag found (or undefined at the end of the template, when no tag was expected).
 */
function parseBody(
  stream: TokenStream,
  endTags: readonly string[],
): { body: Stmt[]; end?: string } {
  const body: Stmt[] = [];
  for (;;) {
    const token = stream.current;
    if (token.type === 'data') {
      stream.next();
      body.push({ kind: 'output', text: token.value });
    } else if (token.type === 'variable_begin') {
      stream.next();
      const expr = parseTupleOrExpression(stream);
      stream.expectType('variable_end', "'}}'");
      body.push({ kind: 'print', expr });
    } else if (token.type === 'block_begin') {
      stream.next();
      const tag = stream.current;
      if (tag.type === 'name' && endTags.includes(tag.value)) return { body, end: tag.value };
      body.push(parseStatement(stream));
    } else if (token.type === 'eof') {
      if (endTags.length > 0) {
        const expected = endTags.map((name) => `'${name}'`).join(' or ');
        stream.fail(`unexpected end of template; looking for the tags ${expected}`);
      }
      return { body };
    } else {
      stream.fail(`unexpected token ${token.type}`);
    }
  }
}

function parseStatement(stream: TokenStream): Stmt {
  const tag = stream.current;
  if (tag.type !== 'name') return stream.fail('expected a tag name');
  switch (tag.value) {
    case 'if':
      return parseIf(stream);
    case 'for':
      return parseFor(stream);
    case 'set':
      return parseSet(stream);
    default:
      return stream.fail(`encountered unknown tag '${tag.value}'`);
  }
}

/** Consumes the end tag name found by `parseBody` and its `%}`. */
function closeTag(stream: TokenStream): string {
  const name = stream.expectName();
  stream.expectType('block_end', "'%}'");
  return name;
}

function parseIf(stream: TokenStream): Stmt {
  stream.expect('name', 'if');
  const branches: Array<{ test: Expr; body: Stmt[] }> = [];
  let otherwise: Stmt[] = [];
  let test = parseTupleOrExpression(stream);
  for (;;) {
    stream.expectType('block_end', "'%}'");
    const { body, end } = parseBody(stream, ['elif', 'else', 'endif']);
    branches.push({ test, body });
    stream.next();
    if (end === 'elif') {
      test = parseTupleOrExpression(stream);
      continue;
    }
    if (end === 'else') {
      stream.expectType('block_end', "'%}'");
      otherwise = parseBody(stream, ['endif']).body;
      closeTag(stream);
    } else stream.expectType('block_end', "'%}'");
    return { kind: 'if', branches, otherwise };
  }
}

function parseFor(stream: TokenStream): Stmt {
  stream.expect('name', 'for');
  const target = parseAssignTarget(stream, false);
  stream.expect('name', 'in');
  const iter = parseTupleOrExpression(stream, false);
  const filter = stream.skipIf('name', 'if') ? parseExpression(stream) : undefined;
  if (stream.test('name', 'recursive')) stream.fail('recursive for loops are not supported');
  stream.expectType('block_end', "'%}'");
  const { body, end } = parseBody(stream, ['endfor', 'else']);
  let otherwise: Stmt[] = [];
  closeTag(stream);
  if (end === 'else') {
    otherwise = parseBody(stream, ['endfor']).body;
    closeTag(stream);
  }
  return { kind: 'for', target, iter, body, otherwise, ...(filter ? { filter } : {}) };
}

function parseSet(stream: TokenStream): Stmt {
  stream.expect('name', 'set');
  const target = parseAssignTarget(stream, true);
  if (stream.skipIf('operator', '=')) {
    const value = parseTupleOrExpression(stream);
    stream.expectType('block_end', "'%}'");
    return { kind: 'set', target, value };
  }
  const filters: FilterCall[] = [];
  while (stream.skipIf('operator', '|')) {
    const name = parseFilterName(stream);
    const call = stream.test('operator', '(')
      ? parseCallArguments(stream)
      : { args: [], kwargs: [] };
    filters.push({ name, ...call });
  }
  stream.expectType('block_end', "'%}'");
  const { body } = parseBody(stream, ['endset']);
  closeTag(stream);
  return { kind: 'block-set', target, body, filters };
}

/** `x`, `a, b`, `(a, b)`, or (for `set` only) `ns.attr`. */
function parseAssignTarget(stream: TokenStream, allowNamespace: boolean): AssignTarget {
  const parenthesized = stream.skipIf('operator', '(');
  const names = [stream.expectName('an assignment target')];
  if (!parenthesized && allowNamespace && stream.skipIf('operator', '.')) {
    return {
      kind: 'namespace-attr',
      name: names[0] ?? '',
      attr: stream.expectName('an attribute'),
    };
  }
  let tuple = parenthesized;
  while (stream.skipIf('operator', ',')) {
    tuple = true;
    if (stream.current.type !== 'name') break;
    names.push(stream.expectName());
  }
  if (parenthesized) stream.expect('operator', ')');
  return { kind: 'names', names, tuple };
}
