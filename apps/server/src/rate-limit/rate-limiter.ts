/** The outcome of counting one request against a limit. */
export interface RateLimitResult {
  allowed: boolean;
  /** Requests left in the current window. */
  remaining: number;
  /** Seconds until the window resets (the `Retry-After` value when refused). */
  resetSeconds: number;
}

/**
 * Fixed-window request counters keyed by a string (`ip:…`, `user:…`). In memory for one instance,
 * in Redis when several instances must share the counts.
 */
export interface RateLimiter {
  hit(key: string, limit: number): Promise<RateLimitResult>;
  /** Whether the backing service answers (for /readyz); memory is always ready. */
  ready(): Promise<boolean>;
  close(): Promise<void>;
  readonly kind: 'memory' | 'redis';
}
