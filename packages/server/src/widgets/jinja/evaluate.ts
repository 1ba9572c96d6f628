import type { Expr } from './ast.js';
import { callValue, getAttr, getItem, sliceValue } from './attributes.js';
import { applyFilter } from './filters.js';
import { arithmetic, unary } from './operators.js';
import { applyTest } from './predicates.js';
import { contains, pyCompare, pyEquals, pyStr, truthy } from './python-values.js';
import { JinjaUndefined, strict } from './runtime-objects.js';
import type { Scope } from './scope.js';
import { templateRenderError } from './template-error.js';

/** Evaluates an expression in a scope. Undefined names yield a `JinjaUndefined` that throws on use. */
export function evaluate(expr: Expr, scope: Scope): unknown {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'name': {
      const value = scope.lookup(expr.name);
      return value === undefined ? new JinjaUndefined(`'${expr.name}' is undefined`) : value;
    }
    case 'list':
      return expr.items.map((item) => evaluate(item, scope));
    case 'dict': {
      const out: Record<string, unknown> = {};
      for (const [key, value] of expr.entries)
        out[dictKey(evaluate(key, scope))] = evaluate(value, scope);
      return out;
    }
    case 'getattr':
      return getAttr(evaluate(expr.target, scope), expr.name);
    case 'getitem':
      return getItem(evaluate(expr.target, scope), evaluate(expr.key, scope));
    case 'slice': {
      const bound = (part?: Expr): unknown => (part === undefined ? null : evaluate(part, scope));
      return sliceValue(
        evaluate(expr.target, scope),
        bound(expr.start),
        bound(expr.stop),
        bound(expr.step),
      );
    }
    case 'call':
      return callValue(evaluate(expr.callee, scope), ...evaluateArguments(expr, scope));
    case 'filter':
      return applyFilter(
        expr.name,
        evaluate(expr.target, scope),
        ...evaluateArguments(expr, scope),
      );
    case 'test':
      return applyTest(expr.name, evaluate(expr.target, scope), ...evaluateArguments(expr, scope));
    case 'not':
      return !truthy(evaluate(expr.operand, scope));
    case 'neg':
    case 'pos':
      return unary(expr.kind === 'neg' ? '-' : '+', evaluate(expr.operand, scope));
    case 'and': {
      const left = evaluate(expr.left, scope);
      return truthy(left) ? evaluate(expr.right, scope) : left;
    }
    case 'or': {
      const left = evaluate(expr.left, scope);
      return truthy(left) ? left : evaluate(expr.right, scope);
    }
    case 'arith':
      return arithmetic(expr.op, evaluate(expr.left, scope), evaluate(expr.right, scope));
    case 'concat':
      return expr.parts.map((part) => pyStr(evaluate(part, scope))).join('');
    case 'compare':
      return evaluateComparison(expr, scope);
    case 'cond':
      if (truthy(evaluate(expr.test, scope))) return evaluate(expr.then, scope);
      if (expr.otherwise !== undefined) return evaluate(expr.otherwise, scope);
      return new JinjaUndefined(
        `the inline if-expression on line ${expr.line} evaluated to false and no else section was defined.`,
      );
  }
}

function evaluateArguments(
  expr: { args: Expr[]; kwargs: Array<[string, Expr]> },
  scope: Scope,
): [unknown[], Record<string, unknown>] {
  const kwargs: Record<string, unknown> = {};
  for (const [name, value] of expr.kwargs) kwargs[name] = evaluate(value, scope);
  return [expr.args.map((arg) => evaluate(arg, scope)), kwargs];
}

function dictKey(key: unknown): string {
  const k = strict(key);
  if (typeof k === 'string') return k;
  if (typeof k === 'number' || typeof k === 'boolean' || k === null) return pyStr(k);
  throw templateRenderError(`unhashable dict key: ${pyStr(k)}`);
}

/** A chained comparison `a < b <= c`: every pair must hold; stops at the first that does not. */
function evaluateComparison(expr: Extract<Expr, { kind: 'compare' }>, scope: Scope): boolean {
  let left = evaluate(expr.first, scope);
  for (const [op, operand] of expr.ops) {
    const right = evaluate(operand, scope);
    let holds: boolean;
    switch (op) {
      case '==':
        holds = pyEquals(left, right);
        break;
      case '!=':
        holds = !pyEquals(left, right);
        break;
      case 'in':
        holds = contains(right, strict(left));
        break;
      case 'notin':
        holds = !contains(right, strict(left));
        break;
      case '<':
        holds = pyCompare(left, right, op) < 0;
        break;
      case '<=':
        holds = pyCompare(left, right, op) <= 0;
        break;
      case '>':
        holds = pyCompare(left, right, op) > 0;
        break;
      case '>=':
        holds = pyCompare(left, right, op) >= 0;
        break;
    }
    if (!holds) return false;
    left = right;
  }
  return true;
}
