import { replace, strip } from './attributes.js';
import { type FilterEnvironment, type FilterFunction, param } from './callables.js';
import { toJson } from './json-dumps.js';
import { applyTest } from './predicates.js';
import { pyStr, truthy, typeName } from './python-values.js';
import { JinjaUndefined, strict } from './runtime-objects.js';
import { SEQUENCE_FILTERS } from './sequence-filters.js';
import { templateRenderError } from './template-error.js';

// Jinja's built-in filters used by widget templates: tojson, default, string and number filters,
// plus the sequence filters.

const PYTHON_FLOAT =
  /^[+-]?(?:(?:\d(?:_?\d)*)?\.?\d(?:_?\d)*(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*\.|inf(?:inity)?|nan)$/i;

/** Python `float(str)`, or undefined when the text is not a float literal. */
function parseFloatLiteral(text: string): number | undefined {
  const s = text.trim();
  if (!PYTHON_FLOAT.test(s)) return undefined;
  const lower = s.toLowerCase().replace(/^\+/, '');
  if (/^-?inf/.test(lower)) return lower.startsWith('-') ? -Infinity : Infinity;
  if (/nan$/.test(lower)) return NaN;
  return Number(s.replaceAll('_', ''));
}

/** Jinja `int`: numbers truncate; strings parse (in `base`, else as a float); anything else is `default`. */
function toInt(value: unknown, fallback: unknown, base: number): unknown {
  const v = strict(value);
  if (typeof v === 'boolean') return Number(v);
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : fallback;
  if (typeof v !== 'string') return fallback;
  const prefix = ({ 16: 'x', 8: 'o', 2: 'b' } as Record<number, string>)[base];
  let digits = v.trim().replaceAll('_', '');
  if (prefix) digits = digits.replace(new RegExp(`^([+-]?)0${prefix}`, 'i'), '$1');
  const valid = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, base);
  if (
    digits !== '' &&
    [...digits.replace(/^[+-]/, '').toLowerCase()].every((c) => valid.includes(c))
  ) {
    return parseInt(digits, base);
  }
  const asFloat = parseFloatLiteral(v);
  return asFloat !== undefined && Number.isFinite(asFloat) ? Math.trunc(asFloat) : fallback;
}

function toFloat(value: unknown, fallback: unknown): unknown {
  const v = strict(value);
  if (typeof v === 'boolean' || typeof v === 'number') return Number(v);
  return typeof v === 'string' ? (parseFloatLiteral(v) ?? fallback) : fallback;
}

/**
 * Python `round()`: exact ties go to the even neighbour (`2.5 → 2`), and ties are judged on the
 * binary value, so `2.675` (really 2.67499…) rounds to `2.67`.
 */
function roundHalfEven(value: number, precision: number): number {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21 || precision < 0 || precision > 20) {
    const factor = 10 ** precision;
    return Math.round(value * factor) / factor;
  }
  // `toFixed(100)` spells out the double's exact decimal expansion (for all but tiny values).
  const [whole = '0', fraction = ''] = Math.abs(value).toFixed(100).split('.');
  const kept = `${whole}.${fraction.slice(0, precision)}`;
  const rest = fraction.slice(precision);
  const tie = /^50*$/.test(rest);
  const lastDigit = Number(kept.replace('.', '').slice(-1));
  const up = rest > '5' && !tie ? true : tie && lastDigit % 2 === 1;
  const magnitude = Number(kept) + (up ? 10 ** -precision : 0);
  return Math.sign(value) * Number(magnitude.toFixed(precision));
}

function number(value: unknown, filter: string): number {
  const v = strict(value);
  if (typeof v === 'number' || typeof v === 'boolean') return Number(v);
  throw templateRenderError(`${filter}: expected a number, got '${typeName(v)}'`);
}

const tojson: FilterFunction = (value, args, kwargs) => {
  const indent = param(args, kwargs, 0, 'indent', null);
  return toJson(
    value,
    typeof indent === 'number' || typeof indent === 'string' ? indent : undefined,
  );
};

const TEXT_FILTERS: Readonly<Record<string, FilterFunction>> = {
  tojson,
  // The seeds' Rails template service spells it `json` (docs/seeds.md §A.3).
  json: tojson,
  default: (value, args, kwargs) => {
    const fallback = param(args, kwargs, 0, 'default_value', '');
    const boolean = truthy(param(args, kwargs, 1, 'boolean', false));
    return value instanceof JinjaUndefined || (boolean && !truthy(value)) ? fallback : value;
  },
  string: (value) => pyStr(value),
  safe: (value) => pyStr(value),
  lower: (value) => pyStr(value).toLowerCase(),
  upper: (value) => pyStr(value).toUpperCase(),
  capitalize: (value) => {
    const s = pyStr(value);
    return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
  },
  title: (value) =>
    pyStr(value).replace(
      /[^-\s([{<]+/g,
      (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase(),
    ),
  trim: (value, args, kwargs) =>
    strip(pyStr(value), param(args, kwargs, 0, 'chars', null), true, true),
  replace: (value, args, kwargs) =>
    replace(
      pyStr(value),
      pyStr(param(args, kwargs, 0, 'old', '')),
      pyStr(param(args, kwargs, 1, 'new', '')),
      param(args, kwargs, 2, 'count', null),
    ),
  int: (value, args, kwargs) =>
    toInt(value, param(args, kwargs, 0, 'default', 0), Number(param(args, kwargs, 1, 'base', 10))),
  float: (value, args, kwargs) => toFloat(value, param(args, kwargs, 0, 'default', 0)),
  abs: (value) => Math.abs(number(value, 'abs')),
  round: (value, args, kwargs) => {
    const v = number(value, 'round');
    const precision = Number(param(args, kwargs, 0, 'precision', 0));
    const method = param(args, kwargs, 1, 'method', 'common');
    const factor = 10 ** precision;
    if (method === 'common') return roundHalfEven(v, precision);
    if (method === 'ceil') return Math.ceil(v * factor) / factor;
    if (method === 'floor') return Math.floor(v * factor) / factor;
    throw templateRenderError('method must be common, ceil or floor');
  },
};

const ALIASES: Readonly<Record<string, string>> = { d: 'default' };

function lookup(name: string): FilterFunction | undefined {
  const resolved = ALIASES[name] ?? name;
  if (Object.hasOwn(TEXT_FILTERS, resolved)) return TEXT_FILTERS[resolved];
  return Object.hasOwn(SEQUENCE_FILTERS, resolved) ? SEQUENCE_FILTERS[resolved] : undefined;
}

/** Whether a filter of this name exists. */
export function hasFilter(name: string): boolean {
  return lookup(name) !== undefined;
}

const ENVIRONMENT: FilterEnvironment = { applyFilter, applyTest };

/** Applies the filter `name` to `value`. */
export function applyFilter(
  name: string,
  value: unknown,
  args: unknown[],
  kwargs: Record<string, unknown>,
): unknown {
  const filter = lookup(name);
  if (filter === undefined) throw templateRenderError(`no filter named '${name}'`);
  return filter(value, args, kwargs, ENVIRONMENT);
}
