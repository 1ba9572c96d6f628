import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { assertIsolation, exerciseAllOperations, type Call } from '../helpers/scenarios.js';
import { readEvents, userInput } from '../helpers/sse.js';
import { JWT_SECRET, jwtFor } from '../helpers/tokens.js';
import { httpCall } from './http-client.js';

const ENV = {
  THREADLINE_AUTH: 'jwt',
  JWT_SECRET,
  THREADLINE_DEMO_DELAY_MS: '0',
  RATE_LIMIT_PER_USER: '1000',
  CHATKIT_UPLOAD_STRATEGY: 'disabled',
};

describe('built server over HTTP (SQLite, demo model)', () => {
  let server: ChildServer;
  let call: Call;
  beforeAll(async () => {
    await ensureBuilt();
    server = await startChildServer(ENV, ['--demo']);
    call = httpCall(server.url);
  }, 300_000);
  afterAll(() => server?.stop());

  it('announces where it listens and its store, model and auth mode', () => {
    const banner = server.logs.find((l) => String(l.msg).startsWith('Threadline listening on'))!;
    expect(banner.msg).toContain(`http://localhost:${server.port}`);
    expect(banner).toMatchObject({
      store: `SQLite (${server.dataDir}/threadline.db)`,
      model: 'demo (offline, deterministic; no API key needed)',
      auth: 'jwt (HS256)',
    });
  });

  it('creates and continues threads and serves every operation', async () => {
    await exerciseAllOperations(call, 'alice');
  });

  it("keeps users out of each other's threads and items", async () => {
    await assertIsolation(call, 'alice', 'mallory');
  });

  it('answers 401 on the protected routes for no, bad and expired tokens', async () => {
    const expired = await jwtFor('alice', { expiresIn: Math.floor(Date.now() / 1000) - 5 });
    const cases: [string | undefined, string][] = [
      [undefined, 'unauthorized'],
      ['garbage', 'invalid_token'],
      [await jwtFor('alice', { secret: 'z'.repeat(40) }), 'invalid_token'],
      [expired, 'token_expired'],
    ];
    for (const path of ['/chatkit', '/chatkit/upload', '/chatkit/client_secret']) {
      for (const [token, code] of cases) {
        const res = await fetch(server.url + path, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify({ type: 'threads.list', params: {} }),
        });
        expect(res.status, `${path} ${code}`).toBe(401);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
      }
    }
  });

  it('tags responses and log lines with a request id', async () => {
    const res = await call('alice', {
      type: 'threads.create',
      params: { input: userInput('trace me') },
    });
    const id = res.headers.get('x-request-id')!;
    await readEvents(res);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.logs.filter((l) => l.reqId === id).length).toBeGreaterThanOrEqual(2);
  });

  it('serves the chat page, embed script, health and readiness', async () => {
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    expect((await fetch(`${server.url}/embed.js`)).headers.get('content-type')).toContain(
      'javascript',
    );
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});

describe('built server: rate limiting', () => {
  let server: ChildServer;
  beforeAll(async () => {
    await ensureBuilt();
    server = await startChildServer({ ...ENV, RATE_LIMIT_PER_USER: '2', RATE_LIMIT_PER_IP: '4' });
  }, 300_000);
  afterAll(() => server?.stop());

  it('answers 429 with Retry-After per user, then per IP', async () => {
    const call = httpCall(server.url);
    const list = { type: 'threads.list', params: {} };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call('u1', list)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await call('u1', list);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // 4 requests from this IP so far: the next is over the per-IP limit whoever asks.
    const other = await call('u2', list);
    expect(other.status).toBe(429);
  });
});
