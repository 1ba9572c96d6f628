import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from '../helpers/harness.js';
import { userInput } from '../helpers/sse.js';

const CREATE = { type: 'threads.create', params: { input: userInput('csrf?') } };
const LIST = { type: 'threads.list', params: {} };

// A page on another site can make the browser POST with the visitor's cookie (text/plain or a
// form, no preflight): cookie-authenticated requests need a same-site Origin and JSON.
describe('cookie auth: Origin and Content-Type checks', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await makeApp({
      THREADLINE_AUTH: 'anonymous',
      THREADLINE_DEMO: '1',
      THREADLINE_DEMO_DELAY_MS: '0',
      CORS_ORIGINS: 'https://embed.example.com',
    });
    const first = await t.request('/chatkit', { method: 'POST', json: LIST });
    cookie = first.headers.get('set-cookie')!.split(';')[0]!;
  });
  afterAll(async () => t?.close());

  const threadCount = async () => {
    const res = await t.request('/chatkit', { method: 'POST', json: LIST, headers: { cookie } });
    return ((await res.json()) as { data: unknown[] }).data.length;
  };

  it('refuses a cross-site text/plain POST carrying the cookie, and creates nothing', async () => {
    const before = await threadCount();
    const res = await t.request('/chatkit', {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example', 'content-type': 'text/plain' },
      body: JSON.stringify(CREATE),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden_origin');
    const noOrigin = await t.request('/chatkit', {
      method: 'POST',
      headers: { cookie, 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
      body: JSON.stringify(CREATE),
    });
    expect(noOrigin.status).toBe(403);
    expect(await threadCount()).toBe(before);
  });

  it('refuses a same-origin cookie POST that is not application/json (415)', async () => {
    const res = await t.request('/chatkit', {
      method: 'POST',
      headers: { cookie, origin: 'http://localhost', 'content-type': 'text/plain' },
      body: JSON.stringify(LIST),
    });
    expect(res.status).toBe(415);
  });

  it('accepts JSON from its own origin and from an allowed origin', async () => {
    for (const origin of ['http://localhost', 'https://embed.example.com']) {
      const res = await t.request('/chatkit', {
        method: 'POST',
        json: LIST,
        headers: { cookie, origin },
      });
      expect(res.status).toBe(200);
    }
  });
});
