import type { Store } from '../../src/stores/store.js';

/** Every method of the `Store` contract, in declaration order. */
export const STORE_METHODS = [
  'generateThreadId',
  'generateItemId',
  'loadThread',
  'saveThread',
  'loadThreadItems',
  'saveAttachment',
  'loadAttachment',
  'deleteAttachment',
  'loadThreads',
  'addThreadItem',
  'saveItem',
  'loadItem',
  'deleteThread',
  'deleteThreadItem',
] as const satisfies readonly (keyof Store)[];
export type StoreMethod = (typeof STORE_METHODS)[number];

/** The methods that change stored state. */
export const WRITE_METHODS: ReadonlySet<StoreMethod> = new Set<StoreMethod>([
  'saveThread',
  'saveAttachment',
  'deleteAttachment',
  'addThreadItem',
  'saveItem',
  'deleteThread',
  'deleteThreadItem',
]);

/** One call the server made; `args` are the live references it passed (the context last). */
export interface StoreCall {
  method: StoreMethod;
  args: unknown[];
}

export interface RecordingStore<TContext> {
  /** The proxy to hand to the server: every `Store` method call is logged, then forwarded. */
  readonly store: Store<TContext>;
  readonly calls: StoreCall[];
  /** Calls that change stored state. */
  writes(): StoreCall[];
  /** Make the next call matching `predicate` fail with `error` (a rejected promise). */
  failWhen(predicate: (call: StoreCall) => boolean, error?: Error): void;
  /** Replace the id generators, as a store subclass overriding them would (§11.1 #48). */
  overrideIds(ids: {
    thread?: (context: TContext) => string;
    item?: (itemType: string, thread: { id: string }, context: TContext) => string;
  }): void;
}

type AnyMethod = (...args: unknown[]) => unknown;
const METHOD_NAMES: ReadonlySet<PropertyKey> = new Set<PropertyKey>(STORE_METHODS);

/**
 * Wraps any store in a recording proxy. Methods run with the real store as `this`, so stores with
 * private fields or internal calls behave exactly as unwrapped; only the server's calls are logged.
 */
export function recordStore<TContext>(inner: Store<TContext>): RecordingStore<TContext> {
  const calls: StoreCall[] = [];
  let failure: { predicate: (call: StoreCall) => boolean; error: Error } | undefined;
  const overrides = new Map<StoreMethod, AnyMethod>();

  const store = new Proxy(inner, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (!METHOD_NAMES.has(prop)) {
        return typeof value === 'function' ? (value as AnyMethod).bind(target) : value;
      }
      const method = prop as StoreMethod;
      return (...args: unknown[]) => {
        const call: StoreCall = { method, args };
        calls.push(call);
        if (failure?.predicate(call)) {
          const { error } = failure;
          failure = undefined;
          if (method.startsWith('generate')) throw error;
          return Promise.reject(error);
        }
        const impl = overrides.get(method) ?? (value as AnyMethod).bind(target);
        return impl(...args);
      };
    },
  });

  return {
    store,
    calls,
    writes: () => calls.filter((call) => WRITE_METHODS.has(call.method)),
    failWhen(predicate, error = new Error('injected store failure')) {
      failure = { predicate, error };
    },
    overrideIds(ids) {
      if (ids.thread) overrides.set('generateThreadId', ids.thread as AnyMethod);
      if (ids.item) overrides.set('generateItemId', ids.item as AnyMethod);
    },
  };
}
