import { isMapping, typeName } from './python-values.js';
import { JinjaUndefined } from './runtime-objects.js';
import { templateRenderError } from './template-error.js';

/**
 * Jinja's `tojson`: Python `json.dumps(value, sort_keys=True)` (separators `", "`/`": "`,
 * non-ASCII as `\uXXXX`, `indent` optional) with `<`, `>`, `&` and `'` escaped as `\u003c`… so
 * the output is safe inside HTML and quotes.
 */
export function toJson(value: unknown, indent?: number | string): string {
  const unit = typeof indent === 'number' ? ' '.repeat(indent) : indent;
  return dump(value, unit, '').replace(/[<>&']/g, (c) => `\\u${hex4(c.charCodeAt(0))}`);
}

function hex4(code: number): string {
  return code.toString(16).padStart(4, '0');
}

function dump(value: unknown, indent: string | undefined, current: string): string {
  if (value instanceof JinjaUndefined) value.fail();
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return dumpString(value);
  if (typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return dump((value as { toJSON: () => unknown }).toJSON(), indent, current);
  }
  const inner = indent === undefined ? '' : current + indent;
  const open = indent === undefined ? '' : `\n${inner}`;
  const close = indent === undefined ? '' : `\n${current}`;
  const separator = indent === undefined ? ', ' : `,\n${inner}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item) => (item === undefined ? 'null' : dump(item, indent, inner)));
    return `[${open}${items.join(separator)}${close}]`;
  }
  if (isMapping(value)) {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort(compareCodePoints);
    if (keys.length === 0) return '{}';
    const entries = keys.map((key) => `${dumpString(key)}: ${dump(value[key], indent, inner)}`);
    return `{${open}${entries.join(separator)}${close}}`;
  }
  throw templateRenderError(`Object of type ${typeName(value)} is not JSON serializable`);
}

/** Python's string order (by code point), not JS's UTF-16 order. */
function compareCodePoints(a: string, b: string): number {
  const [x, y] = [[...a], [...b]];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const diff = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (diff !== 0) return diff;
  }
  return x.length - y.length;
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A JSON string with Python's `ensure_ascii` escaping (UTF-16 units above 0x7e as `\uXXXX`). */
function dumpString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const char = s.charAt(i);
    const code = s.charCodeAt(i);
    const short = SHORT_ESCAPES[char];
    if (short !== undefined) out += short;
    else if (code < 0x20 || code > 0x7e) out += `\\u${hex4(code)}`;
    else out += char;
  }
  return `${out}"`;
}
