import type { ThreadStreamEvent } from '@threadline/server/protocol';
import { readSseFrames } from '@threadline/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELTAS, startGatedBackend, type GatedBackend } from './gated-backend.js';
import { startNextDev, type NextApp } from './next-app.js';

// The route inside a real Next.js server (`next dev`), driven over HTTP: what a browser would see,
// including whatever Next.js itself does to the response on the way out.

let gated: GatedBackend;
let next: NextApp;

beforeAll(async () => {
  gated = await startGatedBackend();
  next = await startNextDev({
    THREADLINE_CHATKIT_URL: gated.url,
    THREADLINE_SESSION_COOKIE: 'tl_session',
  });
  // `next dev` compiles a route on its first request: a GET (405, no backend call) does it here
  // so the tests time the proxy, not the compiler.
  const warm = await fetch(`${next.url}/chatkit`);
  expect(warm.status).toBe(405);
}, 180_000);

afterAll(async () => {
  await next?.stop();
  await gated?.close();
});

const call = (body: object, cookie?: string) =>
  fetch(`${next.url}/chatkit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

const create = {
  type: 'threads.create',
  params: {
    input: {
      content: [{ type: 'input_text', text: 'count' }],
      attachments: [],
      inference_options: {},
    },
  },
};

describe('the /chatkit proxy route under next dev', () => {
  it('answers 401 JSON without the session cookie and never calls the backend', async () => {
    const response = await call({ type: 'threads.list', params: {} }, 'theme=dark');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ error: 'Not signed in' });
    expect(gated.seenAuth).toEqual([]);
  });

  it('streams SSE frame by frame: the first frame arrives before the backend produced the rest', async () => {
    const response = await call(create, 'theme=dark; tl_session=tok%2Dada');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('content-encoding')).toBeNull();

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
          // The backend is parked on its gate: this frame crossed Next.js on its own (a server
          // that buffered or compressed the body whole would wait for the gate forever).
          expect(gated.backend.produced).toEqual(['one ']);
          gated.backend.release();
        }
      }
    }
    expect(deltas).toEqual(DELTAS);
    expect(types[0]).toBe('thread.created');
    expect(types.at(-1)).toBe('thread.item.done');
    expect(gated.seenAuth.at(-1)).toBe('Bearer tok-ada');
  });

  it('passes JSON through with the bearer token, scoped to its user', async () => {
    const response = await call({ type: 'threads.list', params: {} }, 'tl_session=tok-ada');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const page = (await response.json()) as { data: unknown[] };
    expect(page.data).toHaveLength(1);
    expect(gated.seenAuth.at(-1)).toBe('Bearer tok-ada');

    const other = await call({ type: 'threads.list', params: {} }, 'tl_session=tok-bob');
    expect(((await other.json()) as { data: unknown[] }).data).toEqual([]);
    expect(gated.seenAuth.at(-1)).toBe('Bearer tok-bob');
  });

  it("passes the backend's 401 for a bad token through", async () => {
    const response = await call({ type: 'threads.list', params: {} }, 'tl_session=expired');
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'bad token' });
    expect(gated.seenAuth.at(-1)).toBe('Bearer expired');
  });
});
