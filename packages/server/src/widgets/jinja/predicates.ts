import { type TestFunction, param } from './callables.js';
import { contains, isMapping, pyCompare, pyEquals } from './python-values.js';
import { JinjaFunction, JinjaUndefined, strict } from './runtime-objects.js';
import { templateRenderError } from './template-error.js';

// Jinja's built-in tests (`x is defined`, `n is divisibleby 3`…). Only `defined`/`undefined`
// accept an undefined operand; the others see it as "not a string/number/…" like Jinja's.

const other = (args: unknown[], kwargs: Record<string, unknown>): unknown =>
  param(args, kwargs, 0, 'other', null);
const isNumber = (v: unknown): boolean => typeof v === 'number' || typeof v === 'boolean';
const integer = (v: unknown): number => {
  const n = strict(v);
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw templateRenderError(`expected an integer, got ${JSON.stringify(n) ?? 'undefined'}`);
  }
  return n;
};

const TESTS: Readonly<Record<string, TestFunction>> = {
  defined: (v) => !(v instanceof JinjaUndefined),
  undefined: (v) => v instanceof JinjaUndefined,
  none: (v) => v === null,
  boolean: (v) => typeof v === 'boolean',
  true: (v) => v === true,
  false: (v) => v === false,
  number: isNumber,
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  float: (v) => typeof v === 'number' && !Number.isInteger(v),
  string: (v) => typeof v === 'string',
  mapping: (v) => isMapping(v),
  sequence: (v) => typeof v === 'string' || Array.isArray(v) || isMapping(v),
  iterable: (v) => typeof v === 'string' || Array.isArray(v) || isMapping(v),
  callable: (v) => v instanceof JinjaFunction || typeof v === 'function',
  lower: (v) => typeof v === 'string' && v === v.toLowerCase(),
  upper: (v) => typeof v === 'string' && v === v.toUpperCase(),
  even: (v) => integer(v) % 2 === 0,
  odd: (v) => Math.abs(integer(v) % 2) === 1,
  divisibleby: (v, args, kwargs) => integer(v) % integer(param(args, kwargs, 0, 'num', null)) === 0,
  eq: (v, args, kwargs) => pyEquals(v, other(args, kwargs)),
  ne: (v, args, kwargs) => !pyEquals(v, other(args, kwargs)),
  lt: (v, args, kwargs) => pyCompare(v, other(args, kwargs), '<') < 0,
  le: (v, args, kwargs) => pyCompare(v, other(args, kwargs), '<=') <= 0,
  gt: (v, args, kwargs) => pyCompare(v, other(args, kwargs), '>') > 0,
  ge: (v, args, kwargs) => pyCompare(v, other(args, kwargs), '>=') >= 0,
  in: (v, args, kwargs) => contains(param(args, kwargs, 0, 'seq', null), v),
  sameas: (v, args, kwargs) => v === other(args, kwargs),
};

const ALIASES: Readonly<Record<string, string>> = {
  equalto: 'eq',
  lessthan: 'lt',
  greaterthan: 'gt',
};

function lookup(name: string): TestFunction | undefined {
  const resolved = ALIASES[name] ?? name;
  return Object.hasOwn(TESTS, resolved) ? TESTS[resolved] : undefined;
}

/** Whether a test of this name exists. */
export function hasTest(name: string): boolean {
  return lookup(name) !== undefined;
}

/** Runs the test `name` on `value`. */
export function applyTest(
  name: string,
  value: unknown,
  args: unknown[],
  kwargs: Record<string, unknown>,
): boolean {
  const test = lookup(name);
  if (test === undefined) throw templateRenderError(`no test named '${name}'`);
  return test(value, args, kwargs);
}
