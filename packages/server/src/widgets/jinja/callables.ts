// Signatures of filters and tests, and their argument binding.

/** Lets a filter apply other filters and tests by name (`map('upper')`, `select('odd')`). */
export interface FilterEnvironment {
  applyFilter(
    name: string,
    value: unknown,
    args: unknown[],
    kwargs: Record<string, unknown>,
  ): unknown;
  applyTest(
    name: string,
    value: unknown,
    args: unknown[],
    kwargs: Record<string, unknown>,
  ): boolean;
}

/** A filter: `value | name(args, kwargs)`. */
export type FilterFunction = (
  value: unknown,
  args: unknown[],
  kwargs: Record<string, unknown>,
  env: FilterEnvironment,
) => unknown;

/** A test: `value is name(args)`. */
export type TestFunction = (
  value: unknown,
  args: unknown[],
  kwargs: Record<string, unknown>,
) => boolean;

/** The argument at `index`, else the keyword `name`, else `fallback` (Python parameter binding). */
export function param(
  args: readonly unknown[],
  kwargs: Readonly<Record<string, unknown>>,
  index: number,
  name: string,
  fallback: unknown,
): unknown {
  if (index < args.length) return args[index];
  return Object.hasOwn(kwargs, name) ? kwargs[name] : fallback;
}
