import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createChatKitHandler } from '../../src/http/index.js';
import { createNodeHandler, type NodeChatKitHandler } from '../../src/node/index.js';
import { decodeFrames } from '../helpers/decode-sse.js';
import { textInput, type TestContext } from '../helpers/make-server.js';
import { savedAnswer, SlowServer } from '../helpers/slow-server.js';

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function listen(handler: NodeChatKitHandler<TestContext>): Promise<string> {
  const server = createServer((req, res) => {
    const user = req.headers['x-user'];
    void handler(req, res, typeof user === 'string' ? { context: { userId: user } } : undefined);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/chatkit`;
}

const create = (url: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
  fetch(url, {
    method: 'POST',
    body: JSON.stringify({ type: 'threads.create', params: { input: textInput('hi') } }),
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });

describe('createNodeHandler', () => {
  it('streams to the ServerResponse, answers JSON, and takes the context per call', async () => {
    const server = new SlowServer(30, 0);
    const chatkit = createChatKitHandler(server);
    const url = await listen(
      createNodeHandler(chatkit, { getContext: () => ({ userId: 'default' }) }),
    );

    const res = await create(url, { headers: { 'x-user': 'ada' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const { events } = decodeFrames(await res.text());
    expect(events.at(-1)?.type).toBe('thread.item.done');
    const text = Array.from({ length: 30 }, (_, i) => `w${i} `).join('');
    expect(await savedAnswer(server, { userId: 'ada' })).toBe(text);

    const list = await fetch(url, {
      method: 'POST',
      body: JSON.stringify({ type: 'threads.list', params: {} }),
    });
    expect(list.headers.get('content-type')).toBe('application/json');
    expect(((await list.json()) as { data: unknown[] }).data).toEqual([]); // user "default"
    expect(chatkit.openStreams.size).toBe(0);
  });

  it('refuses a body over the limit with 413 and a wrong method with 405', async () => {
    const chatkit = createChatKitHandler(new SlowServer(1, 0), { maxBodyBytes: 1024 });
    const url = await listen(createNodeHandler(chatkit, { getContext: () => ({ userId: 'x' }) }));
    const big = await fetch(url, { method: 'POST', body: 'x'.repeat(4096) });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe(
      'payload_too_large',
    );
    // Streamed without a Content-Length: stopped as soon as it passes the limit.
    const chunked = await fetch(url, {
      method: 'POST',
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 8; i++) controller.enqueue(new Uint8Array(512));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    const get = await fetch(url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('cancels on a client disconnect, saves the partial answer, and shares close()', async () => {
    const server = new SlowServer(1000, 5);
    const chatkit = createChatKitHandler(server);
    const url = await listen(createNodeHandler(chatkit, { getContext: () => ({ userId: 'bo' }) }));

    const leave = new AbortController();
    const res = await create(url, { signal: leave.signal });
    const reader = res.body!.getReader();
    let seen = '';
    while (seen.split('text_delta').length <= 3) {
      seen += new TextDecoder().decode((await reader.read()).value);
    }
    leave.abort();
    expect(await chatkit.openStreams.whenIdle(5_000)).toBe(true);
    const saved = await savedAnswer(server, { userId: 'bo' });
    expect(saved).toMatch(/^w0 w1 w2 /);
    expect(saved).not.toContain('w999');

    const open = await create(url);
    const openReader = open.body!.getReader();
    await openReader.read();
    expect(chatkit.openStreams.size).toBe(1);
    const closed = chatkit.close({ graceMs: 20 });
    expect((await create(url)).status).toBe(503);
    while (!(await openReader.read()).done);
    expect(await closed).toBe(true);
    expect(server.lines.filter((l) => l.level === 'error' || l.level === 'warn')).toEqual([]);
  });
});
