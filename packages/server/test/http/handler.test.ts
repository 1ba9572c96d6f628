import { serve } from '@hono/node-server';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createChatKitHandler, type ChatKitHandler } from '../../src/http/index.js';
import { decodeFrames } from '../helpers/decode-sse.js';
import { textInput, type TestContext } from '../helpers/make-server.js';
import { savedAnswer, SlowServer } from '../helpers/slow-server.js';

const servers: { close(): void; closeAllConnections?(): void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections?.();
    s.close();
  }
});

/** Serves `fetch` on a real socket; resolves with the endpoint URL. */
async function listen(fetch: (request: Request) => Promise<Response>): Promise<string> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}/chatkit`),
    );
    servers.push(server);
  });
}

const create = (url: string, init: RequestInit = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'threads.create', params: { input: textInput('hi') } }),
    ...init,
  });

/** Reads until `count` text deltas arrived; returns the text so far and the reader. */
async function readDeltas(response: Response, count: number) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (text.split('text_delta').length <= count) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before ${count} deltas`);
    text += decoder.decode(value, { stream: true });
  }
  return { text, reader };
}

describe('createChatKitHandler', () => {
  it('takes the context and a log scope per call, and tracks the stream until it ends', async () => {
    const scope = new AsyncLocalStorage<string>();
    const server = new SlowServer(20, 1, scope);
    const chatkit: ChatKitHandler<TestContext> = createChatKitHandler(server);
    let scopedSteps = 0;
    const url = await listen((request) => {
      const userId = request.headers.get('x-user') ?? 'nobody';
      return scope.run(`req-${userId}`, () =>
        chatkit.handle(request, {
          context: { userId },
          scope: (step) => {
            scopedSteps += 1;
            return scope.run(`req-${userId}`, step);
          },
        }),
      );
    });
    const response = await create(url, {
      headers: { 'content-type': 'application/json', 'x-user': 'ada' },
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const { events } = decodeFrames(await response.text());
    expect(events.map((e) => e.type)).toContain('thread.item.done');
    // The respond hook ran while the body was read, inside the caller's scope, for the caller.
    expect(server.lines).toContainEqual({
      level: 'info',
      message: 'respond for ada ',
      scope: 'req-ada',
    });
    expect(scopedSteps).toBe(1); // the work that produces the body
    const deltaLines = server.lines.filter((l) => l.message.startsWith('delta'));
    expect(deltaLines).toHaveLength(20);
    expect(deltaLines.filter((l) => l.scope !== 'req-ada')).toEqual([]);
    expect(await savedAnswer(server, { userId: 'ada' })).toBe(
      Array.from({ length: 20 }, (_, i) => `w${i} `).join(''),
    );
    expect(chatkit.openStreams.size).toBe(0);
  });

  it('cancels on the call signal and on a client disconnect without logging an error', async () => {
    const server = new SlowServer(1000, 5);
    const chatkit = createChatKitHandler(server, { getContext: () => ({ userId: 'bo' }) });
    const stop = new AbortController();
    const url = await listen((request) =>
      request.headers.get('x-stop') === 'call'
        ? chatkit.handle(request, { context: { userId: 'cy' }, signal: stop.signal })
        : chatkit(request),
    );

    for (const deltas of [1, 2, 4, 7]) {
      const leave = new AbortController();
      const response = await create(url, { signal: leave.signal });
      await readDeltas(response, deltas);
      leave.abort();
      expect(await chatkit.openStreams.whenIdle(5_000)).toBe(true);
    }
    const saved = await savedAnswer(server, { userId: 'bo' });
    expect(saved).toMatch(/^w0 /);
    expect(saved).not.toContain('w999');

    const response = await create(url, {
      headers: { 'content-type': 'application/json', 'x-stop': 'call' },
    });
    const { reader } = await readDeltas(response, 2);
    stop.abort();
    while (!(await reader.read()).done);
    expect(await chatkit.openStreams.whenIdle(5_000)).toBe(true);
    expect(await savedAnswer(server, { userId: 'cy' })).toMatch(/^w0 w1 /);

    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.lines.filter((l) => l.level === 'error' || l.level === 'warn')).toEqual([]);
  });

  it('close(): lets streams finish within the grace period, cancels the rest, refuses new ones', async () => {
    const server = new SlowServer(1000, 5);
    const chatkit = createChatKitHandler(server, { getContext: () => ({ userId: 'di' }) });
    const url = await listen((request) => chatkit(request));
    const response = await create(url);
    const { reader } = await readDeltas(response, 2);
    expect(chatkit.openStreams.size).toBe(1);

    const cancelled: number[] = [];
    const closed = chatkit.close({ graceMs: 50, onCancel: (open) => cancelled.push(open) });
    const refused = await create(url);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({
      error: { code: 'shutting_down', message: 'The server is shutting down' },
    });
    while (!(await reader.read()).done);
    expect(await closed).toBe(true);
    expect(cancelled).toEqual([1]);
    // Idle means the partial answer is saved.
    const saved = await savedAnswer(server, { userId: 'di' });
    expect(saved).toMatch(/^w0 w1 /);
    expect(saved).not.toContain('w999');
  });

  it('answers 500 when called without a context source', async () => {
    const server = new SlowServer(1, 1);
    const chatkit = createChatKitHandler(server);
    const response = await chatkit(new Request('http://x/chatkit', { method: 'POST', body: '{}' }));
    expect(response.status).toBe(500);
    expect(server.lines.map((l) => l.message)).toEqual([
      expect.stringContaining('pass getContext, or call handler.handle()'),
    ]);
  });
});
