import { ConflictError } from '../errors.js';
import type { Store } from '../stores/store.js';
import type { Logger } from './logger.js';

/** Default lease time: a crashed process's threads are free again after this long. */
export const DEFAULT_TURN_LEASE_MS = 30_000;

/** A held turn on one thread; `release` is idempotent. */
export interface TurnLease {
  release(): Promise<void>;
}

const NO_LEASE: TurnLease = { release: async () => {} };

/**
 * Takes the thread's turn lease (docs/crash-safety.md): one turn per thread at a time, across every
 * process sharing the store. A second concurrent turn is refused with a 409 before its stream
 * starts. The lease is renewed every third of `ttlMs` while the turn runs, released when its
 * stream ends, and expires by itself when the process dies. Stores without leases (custom ones)
 * are not serialized.
 */
export async function acquireTurnLease<TContext>(
  store: Store<TContext>,
  threadId: string,
  ttlMs: number | false | undefined,
  logger: Logger,
): Promise<TurnLease> {
  if (ttlMs === false || !store.leaseThread || !store.releaseThreadLease) return NO_LEASE;
  const ttl = ttlMs ?? DEFAULT_TURN_LEASE_MS;
  const holder = crypto.randomUUID();
  if (!(await store.leaseThread(threadId, holder, ttl))) {
    throw new ConflictError(
      `Thread ${threadId} is answering another request; retry when that answer is complete`,
    );
  }
  const renew = setInterval(() => {
    store.leaseThread!(threadId, holder, ttl).then(
      (kept) => {
        if (!kept) logger.warn(`Lost the turn lease of thread ${threadId}`);
      },
      (error: unknown) => logger.warn('Renewing a turn lease failed', error),
    );
  }, ttl / 3);
  renew.unref();
  let released: Promise<void> | undefined;
  return {
    release: () => {
      released ??= (async () => {
        clearInterval(renew);
        try {
          await store.releaseThreadLease!(threadId, holder);
        } catch (error) {
          // It expires by itself.
          logger.warn('Releasing a turn lease failed', error);
        }
      })();
      return released;
    },
  };
}
