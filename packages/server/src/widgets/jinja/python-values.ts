import {
  JinjaFunction,
  JinjaNamespace,
  JinjaUndefined,
  LoopContext,
  strict,
} from './runtime-objects.js';
import { templateRenderError } from './template-error.js';

// Python value semantics over JSON-like JS values: null is None, arrays are lists (and tuples),
// plain objects are dicts. Every function here treats an undefined operand as an error.

/** A plain object: a Python dict. */
export function isMapping(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The Python type name of a value, for error messages. */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  if (isMapping(value)) return 'dict';
  if (value instanceof JinjaUndefined) return 'Undefined';
  if (value instanceof JinjaNamespace) return 'Namespace';
  if (value instanceof LoopContext) return 'LoopContext';
  if (value instanceof JinjaFunction || typeof value === 'function') return 'function';
  return 'object';
}

/** Python truthiness. */
export function truthy(value: unknown): boolean {
  const v = strict(value);
  if (v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string' || Array.isArray(v)) return v.length > 0;
  if (isMapping(v)) return Object.keys(v).length > 0;
  return true;
}

/** Python `str()` of a value, as `{{ x }}` prints it (`None`, `True`, `[1, 'a']`). */
export function pyStr(value: unknown): string {
  const v = toJsonValue(strict(value));
  return typeof v === 'string' ? v : pyRepr(v);
}

/** A class instance with `toJSON` (e.g. a `Date`) stands for its JSON form. */
function toJsonValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || isMapping(value) || Array.isArray(value))
    return value;
  const { toJSON } = value as { toJSON?: unknown };
  return typeof toJSON === 'function' ? (toJSON as () => unknown).call(value) : value;
}

/** Python `repr()` of a value. */
export function pyRepr(value: unknown): string {
  const v = strict(value);
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') return reprString(v);
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (isMapping(v)) {
    return `{${Object.entries(v)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => `${reprString(key)}: ${pyRepr(item)}`)
      .join(', ')}}`;
  }
  if (v instanceof JinjaNamespace) return '<Namespace>';
  if (v instanceof JinjaFunction) return `<function ${v.name}>`;
  const json = toJsonValue(v);
  return json === v ? `<${typeName(v)}>` : pyRepr(json);
}

/** A number as Python prints it: floats switch to exponent form below 1e-4 and from 1e16. */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  const magnitude = Math.abs(n);
  if (Number.isInteger(n) && magnitude < 1e16) return String(n);
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e16)) {
    return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(n);
}

function reprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of s) {
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char < ' ' || char === '\x7f')
      out += `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return out + quote;
}

/** Python `==` (deep for lists and dicts; `True == 1`). */
export function pyEquals(a: unknown, b: unknown): boolean {
  const [x, y] = [strict(a), strict(b)];
  if (isNumeric(x) && isNumeric(y)) return Number(x) === Number(y);
  if (Array.isArray(x) && Array.isArray(y)) {
    return x.length === y.length && x.every((item, i) => pyEquals(item, y[i]));
  }
  if (isMapping(x) && isMapping(y)) {
    const keys = Object.keys(x).filter((key) => x[key] !== undefined);
    const otherKeys = Object.keys(y).filter((key) => y[key] !== undefined);
    return (
      keys.length === otherKeys.length && keys.every((key) => key in y && pyEquals(x[key], y[key]))
    );
  }
  return (x ?? null) === (y ?? null);
}

function isNumeric(value: unknown): value is number | boolean {
  return typeof value === 'number' || typeof value === 'boolean';
}

/** Python ordering (`<`): numbers, strings, or lists element-wise; anything else is a TypeError. */
export function pyCompare(a: unknown, b: unknown, op: string): number {
  const [x, y] = [strict(a), strict(b)];
  if (isNumeric(x) && isNumeric(y)) return Math.sign(Number(x) - Number(y));
  if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : x > y ? 1 : 0;
  if (Array.isArray(x) && Array.isArray(y)) {
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      if (!pyEquals(x[i], y[i])) return pyCompare(x[i], y[i], op);
    }
    return Math.sign(x.length - y.length);
  }
  throw templateRenderError(
    `'${op}' not supported between instances of '${typeName(x)}' and '${typeName(y)}'`,
  );
}

/** Python iteration: lists, strings (by character) and dict keys. */
export function iterate(value: unknown): unknown[] {
  const v = strict(value);
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [...v];
  if (isMapping(v)) return Object.keys(v).filter((key) => v[key] !== undefined);
  throw templateRenderError(`'${typeName(v)}' object is not iterable`);
}

/** Python `len()`. */
export function length(value: unknown): number {
  const v = strict(value);
  if (typeof v === 'string') return [...v].length;
  if (Array.isArray(v) || isMapping(v)) return iterate(v).length;
  throw templateRenderError(`object of type '${typeName(v)}' has no len()`);
}

/** Python `item in container`. */
export function contains(container: unknown, item: unknown): boolean {
  const c = strict(container);
  if (typeof c === 'string') {
    const needle = strict(item);
    if (typeof needle !== 'string') {
      throw templateRenderError(
        `'in <string>' requires string as left operand, not ${typeName(needle)}`,
      );
    }
    return c.includes(needle);
  }
  if (Array.isArray(c)) return c.some((element) => pyEquals(element, item));
  if (isMapping(c)) return typeof item === 'string' && c[item] !== undefined;
  throw templateRenderError(`argument of type '${typeName(c)}' is not iterable`);
}
