import { JinjaFunction, JinjaNamespace } from './runtime-objects.js';
import { isMapping, pyStr } from './python-values.js';
import { templateRenderError } from './template-error.js';

/** Variables of one template frame; a `for` body gets a child frame, so its `set`s do not leak. */
export class Scope {
  private readonly variables = new Map<string, unknown>();

  constructor(private readonly parent?: Scope) {}

  /** The variable's value, searching outwards; `undefined` when it is not defined anywhere. */
  lookup(name: string): unknown {
    if (this.variables.has(name)) return this.variables.get(name);
    if (this.parent !== undefined) return this.parent.lookup(name);
    return Object.hasOwn(GLOBALS, name) ? GLOBALS[name] : undefined;
  }

  /** Assigns in this frame. */
  set(name: string, value: unknown): void {
    this.variables.set(name, value);
  }
}

function range(args: unknown[]): number[] {
  const bounds = args.map((value) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw templateRenderError(`range() arguments must be integers, got ${pyStr(value)}`);
    }
    return value;
  });
  const [start, stop, step] =
    bounds.length === 1 ? [0, bounds[0] ?? 0, 1] : [bounds[0] ?? 0, bounds[1] ?? 0, bounds[2] ?? 1];
  if (step === 0) throw templateRenderError('range() arg 3 must not be zero');
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

/** Jinja's global functions available to every template. */
const GLOBALS: Readonly<Record<string, unknown>> = {
  range: new JinjaFunction('range', (args) => range(args)),
  dict: new JinjaFunction('dict', (args, kwargs) => ({
    ...(isMapping(args[0]) ? args[0] : {}),
    ...kwargs,
  })),
  namespace: new JinjaFunction('namespace', (args, kwargs) => {
    const namespace = new JinjaNamespace();
    const initial = { ...(isMapping(args[0]) ? args[0] : {}), ...kwargs };
    for (const [key, value] of Object.entries(initial)) namespace.attributes.set(key, value);
    return namespace;
  }),
};
