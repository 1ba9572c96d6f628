import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from '../helpers/harness.js';
import { readEvents, userInput } from '../helpers/sse.js';

const LIST = { type: 'threads.list', params: {} };

describe('rate limits', () => {
  it('limits each user, answering 429 with Retry-After', async () => {
    const t = await makeApp({ RATE_LIMIT_PER_USER: '3', RATE_LIMIT_WINDOW_SECONDS: '30' });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await t.chatkit('ursula', LIST)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await t.chatkit('ursula', LIST);
      expect(limited.headers.get('retry-after')).toMatch(/^([1-9]|[12]\d|30)$/);
      expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
      expect((await t.chatkit('victor', LIST)).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('limits each client IP before authentication (X-Forwarded-For behind TRUST_PROXY)', async () => {
    const t = await makeApp({ RATE_LIMIT_PER_IP: '2', TRUST_PROXY: 'true' });
    try {
      const from = (ip: string) => ({ 'x-forwarded-for': `${ip}, 10.0.0.1` });
      expect(
        (await t.request('/chatkit', { method: 'POST', json: LIST, headers: from('1.1.1.1') }))
          .status,
      ).toBe(401);
      expect(
        (await t.request('/chatkit', { method: 'POST', json: LIST, headers: from('1.1.1.1') }))
          .status,
      ).toBe(401);
      const third = await t.request('/chatkit', {
        method: 'POST',
        json: LIST,
        headers: from('1.1.1.1'),
      });
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toBeTruthy();
      expect(
        (await t.request('/chatkit', { method: 'POST', json: LIST, headers: from('2.2.2.2') }))
          .status,
      ).toBe(401);
    } finally {
      await t.close();
    }
  });

  it('shares counters between instances through Redis (REDIS_URL)', async () => {
    const env = { REDIS_URL: 'redis://127.0.0.1:6379', RATE_LIMIT_PER_USER: '3' };
    const a = await makeApp(env);
    const b = await makeApp(env);
    try {
      const user = `redis-${randomUUID()}`;
      const statuses = [];
      for (const app of [a, b, a, b]) statuses.push((await app.chatkit(user, LIST)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(a.runtime.summary.rateLimit).toContain('Redis');
      const ready = await a.request('/readyz');
      expect(await ready.json()).toEqual({ status: 'ready', checks: { store: 'ok', redis: 'ok' } });
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('request hygiene', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({
      MAX_BODY_BYTES: '2048',
      CORS_ORIGINS: 'https://app.example.com',
      THREADLINE_DEMO: '1',
      THREADLINE_DEMO_DELAY_MS: '0',
    });
  });
  afterAll(() => t.close());

  it('refuses bodies over MAX_BODY_BYTES with 413', async () => {
    const big = { type: 'threads.create', params: { input: userInput('x'.repeat(4096)) } };
    const res = await t.chatkit('wendy', big);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('allows only the configured CORS origins', async () => {
    const preflight = (origin: string) =>
      t.request('/chatkit', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const ok = await preflight('https://app.example.com');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    const evil = await preflight('https://evil.example.com');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('gives every response an X-Request-Id that every log line of the request carries', async () => {
    const res = await t.chatkit(
      'wendy',
      { type: 'threads.create', params: { input: userInput('log me') } },
      { headers: { 'x-request-id': 'req-abc_123' } },
    );
    expect(res.headers.get('x-request-id')).toBe('req-abc_123');
    await readEvents(res);
    const lines = t.logs.lines.filter((l) => l.reqId === 'req-abc_123');
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['Received request op: threads.create', 'request']),
    );
    const generated = await t.request('/healthz', {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports health and readiness', async () => {
    expect(await (await t.request('/healthz')).json()).toEqual({ status: 'ok' });
    expect(await (await t.request('/readyz')).json()).toEqual({
      status: 'ready',
      checks: { store: 'ok' },
    });
  });
});

describe('failures', () => {
  it('never sends a stack trace or internal message, and /readyz reports a dead store', async () => {
    const t = await makeApp({});
    try {
      await t.runtime.close(); // the store is gone: every operation now fails inside
      const res = await t.chatkit('xavier', LIST);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({
        error: { code: 'internal_error', message: 'The server failed to process the request' },
      });
      const ready = await t.request('/readyz');
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'unavailable', checks: { store: 'failed' } });
      expect(t.logs.lines.some((l) => l.level === 'error' && typeof l.reqId === 'string')).toBe(
        true,
      );
    } finally {
      await t.close();
    }
  });

  it('turns an authenticator crash into a 503 without detail', async () => {
    const t = await makeApp(
      {},
      {
        overrides: {
          authenticate: async () => {
            throw new Error('JWKS endpoint at 10.0.0.7 timed out');
          },
        },
      },
    );
    try {
      const res = await t.chatkit('yolanda', LIST);
      expect(res.status).toBe(503);
      expect(await res.text()).not.toContain('10.0.0.7');
    } finally {
      await t.close();
    }
  });

  it('refuses new ChatKit requests once draining, and /readyz says so', async () => {
    const t = await makeApp({});
    try {
      t.runtime.draining.value = true;
      const res = await t.chatkit('zed', LIST);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect((await t.request('/readyz')).status).toBe(503);
      expect((await t.request('/healthz')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('stream errors', () => {
  it('ends a failing stream with one generic error event', async () => {
    const t = await makeApp(
      {},
      {
        overrides: {
          responder: {
            description: 'broken',
            // eslint-disable-next-line require-yield
            async *respond() {
              throw new Error('secret internal detail: password=hunter2');
            },
          },
        },
      },
    );
    try {
      const res = await t.chatkit('ivy', {
        type: 'threads.create',
        params: { input: userInput('boom') },
      });
      const text = await res.clone().text();
      expect(text).not.toContain('hunter2');
      const events = await readEvents(res);
      expect(events.filter((e) => e.type === 'error')).toEqual([
        { type: 'error', code: 'stream.error', allow_retry: true },
      ]);
    } finally {
      await t.close();
    }
  });
});
