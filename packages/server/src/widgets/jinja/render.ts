import type { AssignTarget, Stmt } from './ast.js';
import { evaluate } from './evaluate.js';
import { applyFilter } from './filters.js';
import { parseTemplate } from './parser.js';
import { iterate, pyStr, truthy } from './python-values.js';
import { JinjaNamespace, LoopContext, strict } from './runtime-objects.js';
import { Scope } from './scope.js';
import { templateRenderError } from './template-error.js';

/** A parsed template, ready to render many times. */
export interface CompiledTemplate {
  /** Renders with these top-level variables (Jinja `template.render(**variables)`). */
  render(variables: Readonly<Record<string, unknown>>): string;
}

/**
 * Parses a Jinja2 template once. Rendering follows Jinja's defaults with `StrictUndefined`: no
 * autoescaping, undefined variables raise, `None` prints as `None`.
 *
 * @throws ConfigurationError on a syntax error (now) or a render error (from `render`).
 */
export function compileTemplate(source: string): CompiledTemplate {
  const body = parseTemplate(source);
  return {
    render(variables) {
      const scope = new Scope();
      for (const [name, value] of Object.entries(variables)) scope.set(name, value);
      const out: string[] = [];
      renderBody(body, scope, out);
      return out.join('');
    },
  };
}

function renderBody(body: readonly Stmt[], scope: Scope, out: string[]): void {
  for (const stmt of body) renderStatement(stmt, scope, out);
}

function renderStatement(stmt: Stmt, scope: Scope, out: string[]): void {
  switch (stmt.kind) {
    case 'output':
      out.push(stmt.text);
      return;
    case 'print':
      out.push(pyStr(evaluate(stmt.expr, scope)));
      return;
    case 'if': {
      const branch = stmt.branches.find(({ test }) => truthy(evaluate(test, scope)));
      renderBody(branch ? branch.body : stmt.otherwise, scope, out);
      return;
    }
    case 'for':
      renderFor(stmt, scope, out);
      return;
    case 'set':
      assign(stmt.target, evaluate(stmt.value, scope), scope);
      return;
    case 'block-set': {
      const captured: string[] = [];
      renderBody(stmt.body, new Scope(scope), captured);
      let value: unknown = captured.join('');
      for (const filter of stmt.filters) {
        const kwargs: Record<string, unknown> = {};
        for (const [name, arg] of filter.kwargs) kwargs[name] = evaluate(arg, scope);
        value = applyFilter(
          filter.name,
          value,
          filter.args.map((arg) => evaluate(arg, scope)),
          kwargs,
        );
      }
      assign(stmt.target, value, scope);
      return;
    }
  }
}

function renderFor(stmt: Extract<Stmt, { kind: 'for' }>, scope: Scope, out: string[]): void {
  let items = iterate(evaluate(stmt.iter, scope));
  const { filter } = stmt;
  if (filter !== undefined) {
    items = items.filter((item) => {
      const probe = new Scope(scope);
      assign(stmt.target, item, probe);
      return truthy(evaluate(filter, probe));
    });
  }
  if (items.length === 0) {
    renderBody(stmt.otherwise, new Scope(scope), out);
    return;
  }
  items.forEach((item, index) => {
    const frame = new Scope(scope);
    assign(stmt.target, item, frame);
    frame.set('loop', new LoopContext(items, index));
    renderBody(stmt.body, frame, out);
  });
}

function assign(target: AssignTarget, value: unknown, scope: Scope): void {
  if (target.kind === 'namespace-attr') {
    const namespace = scope.lookup(target.name);
    if (!(namespace instanceof JinjaNamespace)) {
      throw templateRenderError('cannot assign attribute on non-namespace object');
    }
    namespace.attributes.set(target.attr, value);
    return;
  }
  if (!target.tuple) {
    scope.set(target.names[0] ?? '', value);
    return;
  }
  const values = iterate(strict(value));
  const expected = target.names.length;
  if (values.length > expected)
    throw templateRenderError(`too many values to unpack (expected ${expected})`);
  if (values.length < expected) {
    throw templateRenderError(
      `not enough values to unpack (expected ${expected}, got ${values.length})`,
    );
  }
  target.names.forEach((name, i) => scope.set(name, values[i]));
}
