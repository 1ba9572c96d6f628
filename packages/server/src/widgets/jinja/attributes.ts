import { isMapping, iterate, pyEquals, pyStr, typeName } from './python-values.js';
import {
  JinjaFunction,
  JinjaNamespace,
  JinjaUndefined,
  LoopContext,
  strict,
} from './runtime-objects.js';
import { templateRenderError } from './template-error.js';

// Attribute access (`x.y`), subscription (`x[k]`, `x[a:b:c]`) and calls, with Jinja's lookup
// order: `x.y` tries the Python attribute (e.g. `dict.items`) before the key, `x[k]` the reverse.

type Method = (self: never, args: unknown[]) => unknown;

const DICT_METHODS: Readonly<Record<string, Method>> = {
  items: (d: Record<string, unknown>) => Object.entries(d).filter(([, v]) => v !== undefined),
  keys: (d: Record<string, unknown>) => iterate(d),
  values: (d: Record<string, unknown>) => Object.values(d).filter((v) => v !== undefined),
  get: (d: Record<string, unknown>, [key, fallback = null]) =>
    typeof key === 'string' && d[key] !== undefined ? d[key] : fallback,
};

const STRING_METHODS: Readonly<Record<string, Method>> = {
  upper: (s: string) => s.toUpperCase(),
  lower: (s: string) => s.toLowerCase(),
  strip: (s: string, [chars]) => strip(s, chars, true, true),
  lstrip: (s: string, [chars]) => strip(s, chars, true, false),
  rstrip: (s: string, [chars]) => strip(s, chars, false, true),
  startswith: (s: string, [prefix]) => affixes(prefix).some((p) => s.startsWith(p)),
  endswith: (s: string, [suffix]) => affixes(suffix).some((p) => s.endsWith(p)),
  replace: (s: string, [old, replacement, count]) =>
    replace(s, pyStr(old), pyStr(replacement), count),
  split: (s: string, [separator]) =>
    separator === undefined || separator === null
      ? s.split(/\s+/).filter((part) => part !== '')
      : s.split(pyStr(separator)),
  join: (s: string, [items]) => iterate(items).map(pyStr).join(s),
  capitalize: (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  title: (s: string) =>
    s.replace(/[^\s\-([{<]+/g, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()),
};

const LIST_METHODS: Readonly<Record<string, Method>> = {
  append: (list: unknown[], [item]) => {
    list.push(item);
    return null;
  },
  index: (list: unknown[], [item]) => {
    const index = list.findIndex((element) => pyEquals(element, item));
    if (index === -1) throw templateRenderError(`${pyStr(item)} is not in list`);
    return index;
  },
  count: (list: unknown[], [item]) => list.filter((element) => pyEquals(element, item)).length,
};

/** Python `str.replace` with an optional count. */
export function replace(s: string, old: string, replacement: string, count?: unknown): string {
  const limit = typeof count === 'number' && count >= 0 ? count : Infinity;
  const parts = s.split(old);
  if (parts.length - 1 <= limit) return parts.join(replacement);
  return parts.slice(0, limit + 1).join(replacement) + old + parts.slice(limit + 1).join(old);
}

/** Python `str.strip`/`lstrip`/`rstrip`: whitespace, or any of `chars`. */
export function strip(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = chars === undefined || chars === null ? undefined : new Set(pyStr(chars));
  const strippable = (c: string | undefined): boolean =>
    c !== undefined && (set ? set.has(c) : /\s/.test(c));
  const characters = [...s];
  let [start, end] = [0, characters.length];
  while (left && start < end && strippable(characters[start])) start++;
  while (right && end > start && strippable(characters[end - 1])) end--;
  return characters.slice(start, end).join('');
}

function affixes(value: unknown): string[] {
  return Array.isArray(value) ? value.map(pyStr) : [pyStr(value)];
}

function bind(self: unknown, name: string, method: Method): JinjaFunction {
  return new JinjaFunction(name, (args) => method(self as never, args));
}

/** `obj.name`: a method, a dict key, a namespace or loop attribute; otherwise undefined. */
export function getAttr(target: unknown, name: string): unknown {
  const obj = strict(target);
  if (obj instanceof LoopContext) return obj.attribute(name);
  if (obj instanceof JinjaNamespace) {
    return obj.attributes.has(name)
      ? obj.attributes.get(name)
      : new JinjaUndefined(`'Namespace' object has no attribute '${name}'`);
  }
  const methods = isMapping(obj)
    ? DICT_METHODS
    : typeof obj === 'string'
      ? STRING_METHODS
      : Array.isArray(obj)
        ? LIST_METHODS
        : undefined;
  const method = methods && Object.hasOwn(methods, name) ? methods[name] : undefined;
  if (method) return bind(obj, name, method);
  if (isMapping(obj) && Object.hasOwn(obj, name) && obj[name] !== undefined) return obj[name];
  if (!isMapping(obj) && typeof obj === 'object' && obj !== null && name in obj) {
    // Class instances in the render data: read their properties, binding methods.
    const value: unknown = (obj as Record<string, unknown>)[name];
    if (typeof value === 'function') return (value as (...args: unknown[]) => unknown).bind(obj);
    if (value !== undefined) return value;
  }
  return new JinjaUndefined(`'${typeName(obj)} object' has no attribute '${name}'`);
}

/** `obj[key]`: list/str index (negative from the end), dict key; a missing string key falls back to `getAttr`. */
export function getItem(target: unknown, key: unknown): unknown {
  const obj = strict(target);
  const k = strict(key);
  if ((Array.isArray(obj) || typeof obj === 'string') && isIndex(k)) {
    const items: readonly unknown[] = typeof obj === 'string' ? [...obj] : obj;
    const index = Number(k) < 0 ? items.length + Number(k) : Number(k);
    if (index >= 0 && index < items.length) return items[index];
    return new JinjaUndefined(`${typeName(obj)} index out of range: ${String(k)}`);
  }
  if (isMapping(obj) && typeof k === 'string' && Object.hasOwn(obj, k) && obj[k] !== undefined) {
    return obj[k];
  }
  if (typeof k === 'string') return getAttr(obj, k);
  return new JinjaUndefined(`'${typeName(obj)} object' has no item ${pyStr(k)}`);
}

function isIndex(value: unknown): boolean {
  return typeof value === 'boolean' || (typeof value === 'number' && Number.isInteger(value));
}

/** `obj[start:stop:step]` on a list or string, with Python's bounds clamping. */
export function sliceValue(target: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  const obj = strict(target);
  if (!Array.isArray(obj) && typeof obj !== 'string') {
    throw templateRenderError(`'${typeName(obj)}' object is not subscriptable`);
  }
  const items: readonly unknown[] = typeof obj === 'string' ? [...obj] : obj;
  const bound = (value: unknown): number | undefined => {
    const v = strict(value);
    if (v === null || v === undefined) return undefined;
    if (!isIndex(v)) throw templateRenderError('slice indices must be integers or None');
    return Number(v);
  };
  const s = bound(step) ?? 1;
  if (s === 0) throw templateRenderError('slice step cannot be zero');
  const n = items.length;
  const clamp = (value: number | undefined, fallback: number): number => {
    if (value === undefined) return fallback;
    const v = value < 0 ? value + n : value;
    return s > 0 ? Math.min(Math.max(v, 0), n) : Math.min(Math.max(v, -1), n - 1);
  };
  const [from, to] = [clamp(bound(start), s > 0 ? 0 : n - 1), clamp(bound(stop), s > 0 ? n : -1)];
  const out: unknown[] = [];
  for (let i = from; s > 0 ? i < to : i > to; i += s) out.push(items[i]);
  return typeof obj === 'string' ? out.join('') : out;
}

/** Calls a template callable, or a plain function found in the render data (positional only). */
export function callValue(
  callee: unknown,
  args: unknown[],
  kwargs: Record<string, unknown>,
): unknown {
  const fn = strict(callee);
  if (fn instanceof JinjaFunction) return fn.call(args, kwargs);
  if (typeof fn === 'function') return (fn as (...values: unknown[]) => unknown)(...args);
  throw templateRenderError(`'${typeName(fn)}' object is not callable`);
}
