import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { readEvents, userInput } from '../helpers/sse.js';

// Over a real socket the app writes /chatkit through the SDK's Node adapter, not through Hono's
// Response: the visitor cookie must still reach the browser, or every request is a new visitor.
describe('anonymous visitors over HTTP (demo)', () => {
  let server: ChildServer;
  beforeAll(async () => {
    await ensureBuilt();
    server = await startChildServer({ THREADLINE_DEMO_DELAY_MS: '0' }, ['--demo']);
  }, 300_000);
  afterAll(() => server?.stop());

  const post = (body: unknown, cookie?: string) =>
    fetch(`${server.url}/chatkit`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: server.url,
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify(body),
    });

  it('keeps a visitor across requests with the cookie set on the streamed answer', async () => {
    const created = await post({ type: 'threads.create', params: { input: userInput('hello') } });
    expect(created.status).toBe(200);
    const setCookie = created.headers.get('set-cookie');
    expect(setCookie).toMatch(/^threadline_visitor=ey[\w-]+\.[\w-]+\.[\w-]+;/);
    expect(setCookie).toMatch(/; Path=\/(;|$)/);
    expect(setCookie).toMatch(/; HttpOnly(;|$)/);
    expect(setCookie).toMatch(/; SameSite=Lax(;|$)/);
    const events = await readEvents(created);
    const thread = events.find((e) => e.type === 'thread.created');
    expect(thread).toBeDefined();

    const visitor = setCookie!.split(';')[0]!;
    const listed = await post({ type: 'threads.list', params: {} }, visitor);
    expect(listed.status).toBe(200);
    expect(listed.headers.get('set-cookie')).toBeNull();
    const page = (await listed.json()) as { data: { id: string }[] };
    expect(page.data.map((t) => t.id)).toEqual([(thread as { thread: { id: string } }).thread.id]);
  });
});
