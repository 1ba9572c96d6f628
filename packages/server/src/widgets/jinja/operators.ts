import type { ArithmeticOperator } from './ast.js';
import { typeName } from './python-values.js';
import { strict } from './runtime-objects.js';
import { templateRenderError } from './template-error.js';

// Python arithmetic: `+` adds numbers and concatenates strings and lists, `*` repeats them, `/`
// is true division, `//` and `%` floor towards negative infinity.

function isNumeric(value: unknown): value is number | boolean {
  return typeof value === 'number' || typeof value === 'boolean';
}

function unsupported(op: string, a: unknown, b: unknown): never {
  throw templateRenderError(
    `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`,
  );
}

function repeat(sequence: string | unknown[], times: number): string | unknown[] {
  if (!Number.isInteger(times)) throw templateRenderError("can't multiply sequence by non-int");
  if (typeof sequence === 'string') return sequence.repeat(Math.max(0, times));
  return Array.from({ length: Math.max(0, times) }, () => sequence).flat();
}

/** Applies a binary arithmetic operator with Python semantics. */
export function arithmetic(op: ArithmeticOperator, left: unknown, right: unknown): unknown {
  const [a, b] = [strict(left), strict(right)];
  if (op === '+') {
    if (typeof a === 'string' && typeof b === 'string') return a + b;
    if (Array.isArray(a) && Array.isArray(b)) return [...(a as unknown[]), ...(b as unknown[])];
  }
  if (op === '*') {
    if ((typeof a === 'string' || Array.isArray(a)) && isNumeric(b)) return repeat(a, Number(b));
    if (isNumeric(a) && (typeof b === 'string' || Array.isArray(b))) return repeat(b, Number(a));
  }
  if (!isNumeric(a) || !isNumeric(b)) return unsupported(op, a, b);
  const [x, y] = [Number(a), Number(b)];
  if ((op === '/' || op === '//' || op === '%') && y === 0) {
    throw templateRenderError(op === '%' ? 'integer modulo by zero' : 'division by zero');
  }
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return x / y;
    case '//':
      return Math.floor(x / y);
    case '%':
      return x - y * Math.floor(x / y);
    case '**':
      return x ** y;
  }
}

/** Unary `-x` / `+x`. */
export function unary(op: '-' | '+', operand: unknown): number {
  const v = strict(operand);
  if (!isNumeric(v))
    throw templateRenderError(`bad operand type for unary ${op}: '${typeName(v)}'`);
  return op === '-' ? -Number(v) : Number(v);
}
