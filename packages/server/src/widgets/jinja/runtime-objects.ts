import { templateRenderError } from './template-error.js';

// Objects that exist only inside a render: Jinja's (strict) undefined, callables, `namespace()`
// and the `loop` variable.

/** A missing value (Jinja `StrictUndefined`): any use other than `is defined` or `default` throws. */
export class JinjaUndefined {
  constructor(readonly hint: string) {}

  /** Throws the undefined error. */
  fail(): never {
    throw templateRenderError(this.hint);
  }
}

/** A callable the template can invoke: globals, filters-as-methods, bound methods. */
export class JinjaFunction {
  constructor(
    readonly name: string,
    readonly call: (args: unknown[], kwargs: Record<string, unknown>) => unknown,
  ) {}
}

/** Jinja's `namespace()`: the one object a `{% set ns.attr = … %}` may write to. */
export class JinjaNamespace {
  readonly attributes = new Map<string, unknown>();
}

/** The `loop` variable inside `{% for %}`. */
export class LoopContext {
  constructor(
    private readonly items: readonly unknown[],
    private readonly index0: number,
  ) {}

  /** Reads a loop attribute (`index`, `first`, `cycle`…); unknown ones are undefined. */
  attribute(name: string): unknown {
    const { items, index0 } = this;
    const length = items.length;
    switch (name) {
      case 'index':
        return index0 + 1;
      case 'index0':
        return index0;
      case 'revindex':
        return length - index0;
      case 'revindex0':
        return length - index0 - 1;
      case 'first':
        return index0 === 0;
      case 'last':
        return index0 === length - 1;
      case 'length':
        return length;
      case 'depth':
        return 1;
      case 'depth0':
        return 0;
      case 'previtem':
        return index0 > 0 ? items[index0 - 1] : new JinjaUndefined('there is no previous item');
      case 'nextitem':
        return index0 < length - 1
          ? items[index0 + 1]
          : new JinjaUndefined('there is no next item');
      case 'cycle':
        return new JinjaFunction('cycle', (args) => {
          if (args.length === 0) throw templateRenderError('no items for cycling given');
          return args[index0 % args.length];
        });
      default:
        return new JinjaUndefined(`'LoopContext' object has no attribute '${name}'`);
    }
  }
}

/** Returns the value, or throws if it is undefined (every strict use goes through here). */
export function strict<T>(value: T | JinjaUndefined): T {
  if (value instanceof JinjaUndefined) value.fail();
  return value as T;
}
