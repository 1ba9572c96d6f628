import { templateSyntaxError } from './template-error.js';

/** One lexical token. `value` is the unescaped text of strings and the numeric value of numbers. */
export type Token =
  | { type: 'data'; value: string; line: number }
  | { type: 'variable_begin' | 'variable_end' | 'block_begin' | 'block_end' | 'eof'; line: number }
  | { type: 'name'; value: string; line: number }
  | { type: 'operator'; value: string; line: number }
  | { type: 'string'; value: string; line: number }
  | { type: 'number'; value: number; line: number };

const OPERATORS = [
  '//',
  '**',
  '==',
  '!=',
  '<=',
  '>=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '~',
  '|',
  '.',
  ',',
  ':',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '<',
  '>',
  '=',
];
const NAME = /[a-zA-Z_][a-zA-Z0-9_]*/y;
const NUMBER = /\d(?:_?\d)*(?:\.\d(?:_?\d)*)?(?:[eE][+-]?\d(?:_?\d)*)?/y;
const RAW_OPEN = /\s*raw\s*(-?)%\}/y;
const RAW_CLOSE = /\{%(-?)\s*endraw\s*(-?)%\}/g;
const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\n': '',
};

/**
 * Splits a template into data and tag tokens, applying whitespace control (`{%-`, `-%}`, `{{-`,
 * `-}}`, `{#-`, `-#}`). Like Jinja's defaults: newlines are normalized and one trailing newline
 * is dropped (`keep_trailing_newline=False`); `trim_blocks`/`lstrip_blocks` are off.
 */
export function tokenize(template: string): Token[] {
  let source = template.replace(/\r\n?/g, '\n');
  if (source.endsWith('\n')) source = source.slice(0, -1);
  const tokens: Token[] = [];
  const lineAt = lineLocator(source);
  let pos = 0;
  let stripNext = false;

  const pushData = (text: string, start: number, stripEnd: boolean): void => {
    let value = stripNext ? text.trimStart() : text;
    if (stripEnd) value = value.trimEnd();
    if (value !== '') tokens.push({ type: 'data', value, line: lineAt(start) });
  };

  while (pos < source.length) {
    const start = nextTagStart(source, pos);
    if (start === -1) {
      pushData(source.slice(pos), pos, false);
      break;
    }
    pushData(source.slice(pos, start), pos, source[start + 2] === '-');
    const kind = source[start + 1];
    let inner = start + 2;
    if (source[inner] === '-' || source[inner] === '+') inner++;
    const line = lineAt(start);

    if (kind === '#') {
      const end = source.indexOf('#}', inner);
      if (end === -1) throw templateSyntaxError('missing end of comment tag', line);
      stripNext = source[end - 1] === '-' && end - 1 >= inner;
      pos = end + 2;
      continue;
    }
    if (kind === '%') {
      RAW_OPEN.lastIndex = inner;
      const raw = RAW_OPEN.exec(source);
      if (raw) {
        stripNext = raw[1] === '-';
        RAW_CLOSE.lastIndex = RAW_OPEN.lastIndex;
        const close = RAW_CLOSE.exec(source);
        if (!close) throw templateSyntaxError("missing end of raw directive ('endraw')", line);
        pushData(
          source.slice(RAW_OPEN.lastIndex, close.index),
          RAW_OPEN.lastIndex,
          close[1] === '-',
        );
        stripNext = close[2] === '-';
        pos = RAW_CLOSE.lastIndex;
        continue;
      }
    }
    const isBlock = kind === '%';
    tokens.push({ type: isBlock ? 'block_begin' : 'variable_begin', line });
    const end = lexTag(source, inner, isBlock ? '%}' : '}}', tokens, lineAt);
    tokens.push({ type: isBlock ? 'block_end' : 'variable_end', line: lineAt(end.pos) });
    stripNext = end.strip;
    pos = end.pos + 2 + (end.strip ? 1 : 0);
  }
  tokens.push({ type: 'eof', line: lineAt(source.length) });
  return tokens;
}

/** Maps an offset to its 1-based line number. */
function lineLocator(source: string): (pos: number) => number {
  const starts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return (pos) => {
    let [low, high] = [0, starts.length - 1];
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if ((starts[mid] ?? 0) <= pos) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}

function nextTagStart(source: string, from: number): number {
  for (let i = source.indexOf('{', from); i !== -1; i = source.indexOf('{', i + 1)) {
    const next = source[i + 1];
    if (next === '{' || next === '%' || next === '#') return i;
  }
  return -1;
}

/** Lexes the expression tokens of one tag; returns where its end delimiter starts. */
function lexTag(
  source: string,
  from: number,
  endDelimiter: string,
  tokens: Token[],
  lineAt: (pos: number) => number,
): { pos: number; strip: boolean } {
  let pos = from;
  let depth = 0;
  for (;;) {
    while (pos < source.length && /\s/.test(source[pos] ?? '')) pos++;
    if (pos >= source.length) {
      const what = endDelimiter === '%}' ? 'end of statement block' : 'end of print statement';
      throw templateSyntaxError(`unexpected end of template, expected '${what}'`, lineAt(pos));
    }
    if (depth === 0 && source.startsWith(`-${endDelimiter}`, pos)) return { pos, strip: true };
    if (depth === 0 && source.startsWith(endDelimiter, pos)) return { pos, strip: false };
    const line = lineAt(pos);
    const char = source[pos] ?? '';
    if (char === '"' || char === "'") {
      const { value, end } = lexString(source, pos, line);
      tokens.push({ type: 'string', value, line });
      pos = end;
      continue;
    }
    NUMBER.lastIndex = pos;
    const number = NUMBER.exec(source);
    if (number) {
      tokens.push({ type: 'number', value: Number(number[0].replaceAll('_', '')), line });
      pos = NUMBER.lastIndex;
      continue;
    }
    NAME.lastIndex = pos;
    const name = NAME.exec(source);
    if (name) {
      tokens.push({ type: 'name', value: name[0], line });
      pos = NAME.lastIndex;
      continue;
    }
    const op = OPERATORS.find((candidate) => source.startsWith(candidate, pos));
    if (op === undefined) throw templateSyntaxError(`unexpected char '${char}'`, line);
    if (op === '(' || op === '[' || op === '{') depth++;
    if (op === ')' || op === ']' || op === '}') depth = Math.max(0, depth - 1);
    tokens.push({ type: 'operator', value: op, line });
    pos += op.length;
  }
}

/** A quoted string literal with Python escapes (`\n`, `\xhh`, `\uXXXX`…); unknown escapes stay. */
function lexString(source: string, start: number, line: number): { value: string; end: number } {
  const quote = source[start];
  let value = '';
  let pos = start + 1;
  while (pos < source.length && source[pos] !== quote) {
    const char = source[pos] ?? '';
    if (char !== '\\') {
      value += char;
      pos++;
      continue;
    }
    const next = source[pos + 1] ?? '';
    const hexLength = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    const hex = source.slice(pos + 2, pos + 2 + hexLength);
    if (hexLength > 0 && new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) {
      value += String.fromCodePoint(parseInt(hex, 16));
      pos += 2 + hexLength;
    } else if (next in ESCAPES) {
      value += ESCAPES[next];
      pos += 2;
    } else {
      value += char + next;
      pos += 2;
    }
  }
  if (pos >= source.length) throw templateSyntaxError('unterminated string literal', line);
  return { value, end: pos + 1 };
}
