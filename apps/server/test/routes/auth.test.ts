import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintSession } from '../../src/auth/session.js';
import { makeApp, type TestApp } from '../helpers/harness.js';
import { readEvents, threadIdOf, userInput } from '../helpers/sse.js';
import { JWT_SECRET, jwtFor, SESSION_SECRET } from '../helpers/tokens.js';

const LIST = { type: 'threads.list', params: {} };
const PROTECTED = ['/chatkit', '/chatkit/upload', '/chatkit/client_secret'];

describe('auth (JWT bearer)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ JWT_ISSUER: 'https://issuer.example', JWT_AUDIENCE: 'threadline' });
  });
  afterAll(() => t.close());

  const valid = (sub = 'alice', extra = {}) =>
    jwtFor(sub, { issuer: 'https://issuer.example', audience: 'threadline', ...extra });

  it.each(PROTECTED)('answers 401 JSON without credentials on %s', async (path) => {
    const res = await t.request(path, { method: 'POST', json: LIST });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(await res.json()).toEqual({
      error: { code: 'unauthorized', message: 'Authentication required' },
    });
  });

  it.each([
    ['a malformed token', async () => 'not-a-jwt', 'invalid_token'],
    [
      'a token signed with another secret',
      () => valid('alice', { secret: 'another-secret-another-secret-0123456789' }),
      'invalid_token',
    ],
    [
      'an expired token',
      () => valid('alice', { expiresIn: Math.floor(Date.now() / 1000) - 60 }),
      'token_expired',
    ],
    ['a token not valid yet (nbf)', () => valid('alice', { notBefore: '10m' }), 'invalid_token'],
    ['a token without exp', () => valid('alice', { omitExp: true }), 'invalid_token'],
    [
      'a token for another issuer',
      () => jwtFor('alice', { issuer: 'https://evil.example', audience: 'threadline' }),
      'invalid_token',
    ],
    [
      'a token for another audience',
      () => jwtFor('alice', { issuer: 'https://issuer.example', audience: 'other' }),
      'invalid_token',
    ],
  ])('answers 401 for %s on every protected route', async (_name, makeToken, code) => {
    const token = await makeToken();
    for (const path of PROTECTED) {
      const res = await t.request(path, { method: 'POST', json: LIST, token });
      expect(res.status, path).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
  });

  it('accepts a valid token and maps sub/org_id to the owner', async () => {
    const res = await t.request('/chatkit', {
      method: 'POST',
      json: LIST,
      token: await valid('alice', { org: 'acme' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: [], has_more: false });
  });

  it('never leaks a stack trace or internal message in a 401', async () => {
    const res = await t.request('/chatkit', { method: 'POST', json: LIST, token: 'a.b.c' });
    const text = await res.text();
    expect(text).not.toMatch(/at .*\.js|Error:|jose/i);
  });
});

describe('auth (organizations)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ THREADLINE_DEMO: '1', THREADLINE_DEMO_DELAY_MS: '0' });
  });
  afterAll(() => t.close());

  it('keeps the same user id apart in two organizations', async () => {
    const a = await jwtFor('sam', { org: 'org-a' });
    const b = await jwtFor('sam', { org: 'org-b' });
    const created = await t.request('/chatkit', {
      method: 'POST',
      token: a,
      json: { type: 'threads.create', params: { input: userInput('hi') } },
    });
    const threadId = threadIdOf(await readEvents(created));
    const fromA = await t.request('/chatkit', {
      method: 'POST',
      token: a,
      json: { type: 'threads.get_by_id', params: { thread_id: threadId } },
    });
    const fromB = await t.request('/chatkit', {
      method: 'POST',
      token: b,
      json: { type: 'threads.get_by_id', params: { thread_id: threadId } },
    });
    expect(fromA.status).toBe(200);
    expect(fromB.status).toBe(404);
  });
});

describe('auth (signed session, proxy header, anonymous, none)', () => {
  it('accepts a signed session cookie or bearer, refuses a forged or expired one', async () => {
    const t = await makeApp({ THREADLINE_AUTH: 'session', SESSION_SECRET });
    try {
      const token = await mintSession(SESSION_SECRET, { userId: 'carol', ttlSeconds: 60 });
      const byCookie = await t.request('/chatkit', {
        method: 'POST',
        json: LIST,
        headers: { cookie: `threadline_session=${token}` },
      });
      expect(byCookie.status).toBe(200);
      const byBearer = await t.request('/chatkit', { method: 'POST', json: LIST, token });
      expect(byBearer.status).toBe(200);
      const forged = token.slice(0, -4) + 'AAAA';
      const bad = await t.request('/chatkit', {
        method: 'POST',
        json: LIST,
        headers: { cookie: `threadline_session=${forged}` },
      });
      expect(bad.status).toBe(401);
      const other = await mintSession('x'.repeat(40), { userId: 'carol', ttlSeconds: 60 });
      expect(
        (await t.request('/chatkit', { method: 'POST', json: LIST, token: other })).status,
      ).toBe(401);
      // A provider-style JWT signed with the session secret is not a session: the type differs.
      const untyped = await jwtFor('carol', { secret: SESSION_SECRET });
      const asCookie = await t.request('/chatkit', {
        method: 'POST',
        json: LIST,
        headers: { cookie: `threadline_session=${untyped}` },
      });
      expect(asCookie.status).toBe(401);
      const expired = await mintSession(SESSION_SECRET, { userId: 'carol', ttlSeconds: -10 });
      const res = await t.request('/chatkit', { method: 'POST', json: LIST, token: expired });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('token_expired');
    } finally {
      await t.close();
    }
  });

  it('trusts the identity header only when enabled, and checks the proxy secret', async () => {
    const off = await makeApp({});
    const on = await makeApp({
      THREADLINE_AUTH: 'header',
      AUTH_PROXY_SECRET: 'proxy-secret-1234567',
    });
    try {
      const headers = { 'x-user-id': 'dave' };
      expect((await off.request('/chatkit', { method: 'POST', json: LIST, headers })).status).toBe(
        401,
      );
      expect((await on.request('/chatkit', { method: 'POST', json: LIST, headers })).status).toBe(
        401,
      );
      const ok = await on.request('/chatkit', {
        method: 'POST',
        json: LIST,
        headers: { ...headers, 'x-threadline-proxy-secret': 'proxy-secret-1234567' },
      });
      expect(ok.status).toBe(200);
    } finally {
      await off.close();
      await on.close();
    }
  });

  it('issues each anonymous visitor their own signed cookie', async () => {
    const t = await makeApp({
      THREADLINE_AUTH: 'anonymous',
      THREADLINE_DEMO: '1',
      THREADLINE_DEMO_DELAY_MS: '0',
    });
    try {
      const first = await t.request('/chatkit', {
        method: 'POST',
        json: { type: 'threads.create', params: { input: userInput('hello') } },
      });
      const cookie = first.headers.get('set-cookie')!;
      expect(cookie).toMatch(/^threadline_visitor=ey[\w-]+\.[\w-]+\.[\w-]+;/);
      expect(cookie).toMatch(/; Path=\/(;|$)/);
      expect(cookie).toMatch(/; HttpOnly(;|$)/);
      expect(cookie).toMatch(/; SameSite=Lax(;|$)/);
      const threadId = threadIdOf(await readEvents(first));
      const visitor = cookie.split(';')[0]!;
      const again = await t.request('/chatkit', {
        method: 'POST',
        json: LIST,
        headers: { cookie: visitor },
      });
      expect(again.headers.get('set-cookie')).toBeNull();
      expect(((await again.json()) as { data: { id: string }[] }).data.map((th) => th.id)).toEqual([
        threadId,
      ]);
      const stranger = await t.request('/chatkit', { method: 'POST', json: LIST });
      expect(((await stranger.json()) as { data: unknown[] }).data).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('refuses everything with 401 when no method is configured', async () => {
    const t = await makeApp({ THREADLINE_AUTH: '' });
    try {
      const res = await t.request('/chatkit', {
        method: 'POST',
        json: LIST,
        token: await jwtFor('x', { secret: JWT_SECRET }),
      });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
        'Authentication is not configured on this server',
      );
    } finally {
      await t.close();
    }
  });
});
