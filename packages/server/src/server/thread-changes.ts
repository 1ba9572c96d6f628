import type { ThreadMetadata } from '../protocol/thread.js';

/**
 * A value fingerprint of the fields a hook may mutate. The reference deep-compares the thread after
 * every event (§6.3); one `JSON.stringify` of this small tuple is the cheapest equivalent.
 */
export const threadFingerprint = (thread: ThreadMetadata): string =>
  JSON.stringify([
    thread.title ?? null,
    thread.status,
    thread.allowed_image_domains ?? null,
    thread.metadata,
  ]);
