import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { errorJson } from '../http/json-error.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';

/**
 * Counts the request against `limit` per window under `key(c)`; over the limit it answers 429 with
 * `Retry-After`. A limit of 0 disables the check; preflight requests are not counted.
 */
export function rateLimit(
  limiter: RateLimiter,
  options: { limit: number; key: (c: Context<AppEnv>) => string },
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (options.limit <= 0 || c.req.method === 'OPTIONS') return next();
    const result = await limiter.hit(options.key(c), options.limit);
    if (!result.allowed) {
      return errorJson(
        429,
        'rate_limited',
        `Too many requests. Try again in ${result.resetSeconds} seconds.`,
        {
          'retry-after': String(result.resetSeconds),
          'ratelimit-limit': String(options.limit),
          'ratelimit-remaining': '0',
          'ratelimit-reset': String(result.resetSeconds),
        },
      );
    }
    await next();
  };
}
