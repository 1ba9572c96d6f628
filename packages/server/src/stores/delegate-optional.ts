import type { Store } from './store.js';

/**
 * Gives a wrapping store the optional methods its inner store has — the turn lease
 * (`leaseThread`, `releaseThreadLease`), `ping`, `deleteUnsentAttachments` and feedback storage
 * (`saveFeedback`, `listFeedback`) — and leaves them
 * absent when the inner store lacks them, since callers test for their presence. A wrapper that
 * forgot them would silently turn off cross-process turn serialization (docs/crash-safety.md).
 * Call it from the wrapper's constructor.
 */
export function delegateOptionalMethods<TContext>(
  wrapper: Store<TContext>,
  inner: Store<TContext>,
): void {
  if (inner.leaseThread) {
    wrapper.leaseThread = (threadId, holder, ttlMs) => inner.leaseThread!(threadId, holder, ttlMs);
  }
  if (inner.releaseThreadLease) {
    wrapper.releaseThreadLease = (threadId, holder) => inner.releaseThreadLease!(threadId, holder);
  }
  if (inner.ping) wrapper.ping = () => inner.ping!();
  if (inner.deleteUnsentAttachments) {
    wrapper.deleteUnsentAttachments = (createdBeforeMs, limit) =>
      inner.deleteUnsentAttachments!(createdBeforeMs, limit);
  }
  // Absent feedback methods tell `ChatKitServer.addFeedback` that feedback cannot be stored.
  if (inner.saveFeedback) wrapper.saveFeedback = inner.saveFeedback.bind(inner);
  if (inner.listFeedback) wrapper.listFeedback = inner.listFeedback.bind(inner);
}
