import type { ThreadStreamEvent } from '@threadline/server/protocol';
import { readSseFrames } from '@threadline/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../packages/server/test/helpers/eventually.js';
import { POST } from './app/chatkit/route.js';
import { DELTAS, startGatedBackend, type GatedBackend } from './gated-backend.js';

// The route module's exported POST called with web-standard Requests (next-server.e2e.test.ts
// runs the same route inside a real `next dev`).

let gated: GatedBackend;
let backend: GatedBackend['backend'];
let chatkit: GatedBackend['chatkit'];
let seenAuth: GatedBackend['seenAuth'];

beforeAll(async () => {
  gated = await startGatedBackend();
  ({ backend, chatkit, seenAuth } = gated);
  process.env.THREADLINE_CHATKIT_URL = gated.url;
  process.env.THREADLINE_SESSION_COOKIE = 'tl_session';
});

afterAll(() => gated?.close());

const call = (body: object, cookie?: string, signal?: AbortSignal) =>
  POST(
    new Request('http://app.test/chatkit', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
      signal,
    }),
  );

const createWith = (text: string) => ({
  type: 'threads.create',
  params: {
    input: { content: [{ type: 'input_text', text }], attachments: [], inference_options: {} },
  },
});
const create = createWith('count');

describe('Next.js /chatkit proxy route', () => {
  it('answers 401 JSON without the session cookie and never calls the backend', async () => {
    const response = await call({ type: 'threads.list', params: {} }, 'theme=dark; other=1');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ error: 'Not signed in' });
    expect(seenAuth).toEqual([]);
  });

  it('streams SSE through frame by frame, before the backend has produced the rest', async () => {
    const response = await call(create, 'theme=dark; tl_session=tok%2Dada');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('x-accel-buffering')).toBe('no');

    const deltas: string[] = [];
    const types: ThreadStreamEvent['type'][] = [];
    for await (const { event } of readSseFrames(response)) {
      types.push(event.type);
      if (
        event.type === 'thread.item.updated' &&
        event.update.type === 'assistant_message.content_part.text_delta'
      ) {
        deltas.push(event.update.delta);
        if (deltas.length === 1) {
          // The backend is parked on the gate: this frame came through the proxy on its own
          // (a proxy that buffered the body would wait for the gate forever).
          expect(backend.produced).toEqual(['one ']);
          backend.release();
        }
      }
    }
    expect(deltas).toEqual(DELTAS);
    expect(types[0]).toBe('thread.created');
    expect(types.at(-1)).toBe('thread.item.done');
    expect(seenAuth.at(-1)).toBe('Bearer tok-ada');
  });

  it('passes JSON requests through with the bearer token, scoped to its user', async () => {
    const response = await call({ type: 'threads.list', params: {} }, 'tl_session=tok-ada');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const page = (await response.json()) as { data: { title: string | null }[] };
    expect(page.data).toHaveLength(1);
    expect(seenAuth.at(-1)).toBe('Bearer tok-ada');

    const other = await call({ type: 'threads.list', params: {} }, 'tl_session=tok-bob');
    expect(((await other.json()) as { data: unknown[] }).data).toEqual([]);
    expect(seenAuth.at(-1)).toBe('Bearer tok-bob');
  });

  it('cancels the backend turn when the browser goes away', async () => {
    const browser = new AbortController();
    const response = await call(createWith('hold'), 'tl_session=tok-ada', browser.signal);
    const frames = readSseFrames(response);
    const seen: string[] = [];
    for (let next = await frames.next(); !next.done; next = await frames.next()) {
      seen.push(next.value.event.type);
      if (next.value.event.type === 'thread.item.updated') break; // the first delta: now parked
    }
    expect(seen.at(-1)).toBe('thread.item.updated');
    expect(chatkit.openStreams.size).toBe(1);

    browser.abort();
    await eventually(async () => (chatkit.openStreams.size === 0 ? true : undefined));
    expect(backend.cancelled).toBe(true);
  });

  it("passes the backend's 401 for a bad token through", async () => {
    const response = await call({ type: 'threads.list', params: {} }, 'tl_session=expired');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ error: 'bad token' });
    expect(seenAuth.at(-1)).toBe('Bearer expired');
  });

  it('passes a backend 4xx through as JSON with its status', async () => {
    const response = await call({ type: 'threads.nonsense', params: {} }, 'tl_session=tok-ada');
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toHaveProperty('error');
  });
});
