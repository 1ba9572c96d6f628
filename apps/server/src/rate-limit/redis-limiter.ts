import { Redis } from 'ioredis';
import type { AppLogger } from '../logging.js';
import type { RateLimiter, RateLimitResult } from './rate-limiter.js';

/** INCR the window's counter, start its expiry on the first hit, return [count, ms left]. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
`;

/**
 * Fixed-window counters in Redis, shared by every instance. If Redis is unreachable the request is
 * let through (and logged): a rate limiter outage must not take the chat down.
 */
export class RedisRateLimiter implements RateLimiter {
  readonly kind = 'redis';
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly windowMs: number,
    private readonly logger: AppLogger,
    private readonly prefix = 'threadline:ratelimit:',
  ) {
    this.redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
    });
    this.redis.on('error', (error: Error) =>
      this.logger.warn({ err: error }, 'Redis rate limiter error'),
    );
    this.redis.defineCommand('threadlineHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
  }

  /** Connects now (start-up), so a wrong URL shows in the logs at once. */
  async connect(): Promise<void> {
    await this.redis.connect();
  }

  async hit(key: string, limit: number): Promise<RateLimitResult> {
    try {
      const run = (
        this.redis as unknown as {
          threadlineHit(key: string, windowMs: number): Promise<[number, number]>;
        }
      ).threadlineHit.bind(this.redis);
      const [count, ttl] = await run(this.prefix + key, this.windowMs);
      return {
        allowed: count <= limit,
        remaining: Math.max(0, limit - count),
        resetSeconds: Math.max(1, Math.ceil(ttl / 1000)),
      };
    } catch (error) {
      this.logger.warn({ err: error }, 'Rate limit check failed; allowing the request');
      return { allowed: true, remaining: limit, resetSeconds: Math.ceil(this.windowMs / 1000) };
    }
  }

  async ready(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }
}
