import { describe, expect, it } from 'vitest';
import { healthRoutes } from '../../src/routes/health.js';

const up = () => Promise.resolve(true);
const down = () => Promise.reject(new Error('connection refused'));

describe('/readyz', () => {
  const readyz = async (options: Parameters<typeof healthRoutes>[0]) => {
    const response = await healthRoutes(options).request('/readyz');
    return { status: response.status, body: (await response.json()) as unknown };
  };

  it('stays ready (200, degraded) when only an optional dependency such as Redis is down', async () => {
    expect(
      await readyz({
        checks: { store: up },
        optionalChecks: { redis: down },
        isDraining: () => false,
      }),
    ).toEqual({
      status: 200,
      body: { status: 'degraded', checks: { store: 'ok', redis: 'failed' } },
    });
  });

  it('is unavailable (503) when the store is down, whatever Redis does', async () => {
    expect(
      await readyz({
        checks: { store: down },
        optionalChecks: { redis: up },
        isDraining: () => false,
      }),
    ).toEqual({
      status: 503,
      body: { status: 'unavailable', checks: { store: 'failed', redis: 'ok' } },
    });
  });

  it('is ready when everything answers', async () => {
    expect(
      await readyz({
        checks: { store: up },
        optionalChecks: { redis: up },
        isDraining: () => false,
      }),
    ).toEqual({ status: 200, body: { status: 'ready', checks: { store: 'ok', redis: 'ok' } } });
  });
});
