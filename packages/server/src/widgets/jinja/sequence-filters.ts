import { getItem } from './attributes.js';
import { type FilterEnvironment, type FilterFunction, param } from './callables.js';
import { isMapping, iterate, length, pyCompare, pyStr, truthy } from './python-values.js';
import { JinjaUndefined, strict } from './runtime-objects.js';
import { templateRenderError } from './template-error.js';

// Filters over sequences: join, first, last, length, list, reverse, items, map, select(attr),
// reject(attr), sort, sum.

/** Jinja's `attribute='a.b.0'` lookup: each dotted part is an item or attribute. */
function attributePath(item: unknown, path: unknown): unknown {
  return String(path)
    .split('.')
    .reduce<unknown>(
      (value, part) => getItem(value, /^\d+$/.test(part) ? Number(part) : part),
      item,
    );
}

function selectBy(reject: boolean, byAttribute: boolean): FilterFunction {
  return (value, args, kwargs, env: FilterEnvironment) => {
    const [attribute, rest] = byAttribute ? [args[0], args.slice(1)] : [undefined, args];
    const [testName, testArgs] = [rest[0], rest.slice(1)];
    return iterate(value).filter((item) => {
      const subject = byAttribute ? attributePath(item, attribute) : item;
      const passed =
        testName === undefined
          ? truthy(subject)
          : env.applyTest(pyStr(testName), subject, testArgs, {});
      return passed !== reject;
    });
  };
}

/** The sequence filters, by name. */
export const SEQUENCE_FILTERS: Readonly<Record<string, FilterFunction>> = {
  join: (value, args, kwargs) => {
    const attribute = param(args, kwargs, 1, 'attribute', null);
    return iterate(value)
      .map((item) => pyStr(attribute === null ? item : attributePath(item, attribute)))
      .join(pyStr(param(args, kwargs, 0, 'd', '')));
  },
  first: (value) => {
    const items = iterate(value);
    return items.length > 0 ? items[0] : new JinjaUndefined('No first item, sequence was empty.');
  },
  last: (value) => {
    const items = iterate(value);
    return items.length > 0
      ? items[items.length - 1]
      : new JinjaUndefined('No last item, sequence was empty.');
  },
  length: (value) => length(value),
  count: (value) => length(value),
  list: (value) => [...iterate(value)],
  reverse: (value) =>
    typeof value === 'string' ? [...value].reverse().join('') : [...iterate(value)].reverse(),
  items: (value) => {
    if (value instanceof JinjaUndefined) return [];
    if (!isMapping(value)) throw templateRenderError('Can only get item pairs from a mapping.');
    return Object.entries(value).filter(([, item]) => item !== undefined);
  },
  map: (value, args, kwargs, env) => {
    if (Object.hasOwn(kwargs, 'attribute')) {
      const fallback = kwargs.default;
      return iterate(value).map((item) => {
        const found = attributePath(item, kwargs.attribute);
        return found instanceof JinjaUndefined && fallback !== undefined ? fallback : found;
      });
    }
    if (args.length === 0) throw templateRenderError('map requires a filter argument');
    const [name, ...rest] = args;
    return iterate(value).map((item) => env.applyFilter(pyStr(name), item, rest, kwargs));
  },
  select: selectBy(false, false),
  reject: selectBy(true, false),
  selectattr: selectBy(false, true),
  rejectattr: selectBy(true, true),
  sort: (value, args, kwargs) => {
    const reverse = truthy(param(args, kwargs, 0, 'reverse', false));
    const caseSensitive = truthy(param(args, kwargs, 1, 'case_sensitive', false));
    const attribute = param(args, kwargs, 2, 'attribute', null);
    const key = (item: unknown): unknown => {
      const subject = strict(attribute === null ? item : attributePath(item, attribute));
      return typeof subject === 'string' && !caseSensitive ? subject.toLowerCase() : subject;
    };
    // Negating the comparison (not reversing the result) keeps equal items in order, like Python.
    const direction = reverse ? -1 : 1;
    return [...iterate(value)].sort((a, b) => direction * pyCompare(key(a), key(b), '<'));
  },
  sum: (value, args, kwargs) => {
    const attribute = param(args, kwargs, 0, 'attribute', null);
    return iterate(value).reduce<number>(
      (total, item) => {
        const n = strict(attribute === null ? item : attributePath(item, attribute));
        if (typeof n !== 'number' && typeof n !== 'boolean') {
          throw templateRenderError(`unsupported operand type(s) for +: 'int' and '${typeof n}'`);
        }
        return total + Number(n);
      },
      Number(param(args, kwargs, 1, 'start', 0)),
    );
  },
};
