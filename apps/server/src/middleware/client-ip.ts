import type { Context } from 'hono';
import type { AppEnv } from '../app-env.js';

/**
 * The caller's IP: the first `X-Forwarded-For` hop when `TRUST_PROXY` is on (behind a load
 * balancer), else the socket's remote address.
 */
export function clientIp(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
    const real = c.req.header('x-real-ip')?.trim();
    if (real) return real;
  }
  return c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
