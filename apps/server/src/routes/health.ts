import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';

/** A named dependency check for `/readyz`; resolves true when the dependency answers. */
export type ReadinessCheck = () => Promise<boolean>;

export interface HealthOptions {
  checks: Record<string, ReadinessCheck>;
  /**
   * Dependencies the app works without (e.g. Redis for rate limits, which fail open): when only
   * these fail, `/readyz` stays 200 with status `degraded`, so the instance keeps its traffic.
   */
  optionalChecks?: Record<string, ReadinessCheck> | undefined;
  /** True once shutdown began: `/readyz` says 503 so load balancers stop sending traffic. */
  isDraining: () => boolean;
  checkTimeoutMs?: number;
}

const withTimeout = (check: ReadinessCheck, ms: number): Promise<boolean> =>
  Promise.race([
    check().catch(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref()),
  ]);

/** `GET /healthz` (the process is up) and `GET /readyz` (the store and other dependencies answer). */
export function healthRoutes(options: HealthOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    if (options.isDraining()) return c.json({ status: 'draining' }, 503);
    const all = { ...options.checks, ...options.optionalChecks };
    const names = Object.keys(all);
    const results = await Promise.all(
      names.map((name) => withTimeout(all[name]!, options.checkTimeoutMs ?? 3_000)),
    );
    const checks = Object.fromEntries(names.map((name, i) => [name, results[i] ? 'ok' : 'failed']));
    const failed = names.filter((_, i) => !results[i]);
    const ready = failed.every((name) => !(name in options.checks));
    const status = !ready ? 'unavailable' : failed.length > 0 ? 'degraded' : 'ready';
    return c.json({ status, checks }, ready ? 200 : 503);
  });
  return app;
}
