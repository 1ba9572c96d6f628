import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';

/** A named dependency check for `/readyz`; resolves true when the dependency answers. */
export type ReadinessCheck = () => Promise<boolean>;

export interface HealthOptions {
  checks: Record<string, ReadinessCheck>;
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
    const names = Object.keys(options.checks);
    const results = await Promise.all(
      names.map((name) => withTimeout(options.checks[name]!, options.checkTimeoutMs ?? 3_000)),
    );
    const checks = Object.fromEntries(names.map((name, i) => [name, results[i] ? 'ok' : 'failed']));
    const ready = results.every(Boolean);
    return c.json({ status: ready ? 'ready' : 'unavailable', checks }, ready ? 200 : 503);
  });
  return app;
}
