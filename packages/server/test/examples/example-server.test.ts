import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExample } from '../../examples/hono-node.js';
import { CANCELLED_STREAM_NOTE } from '../../src/index.js';
import type { Store } from '../../src/stores/store.js';
import type { ExampleContext } from '../../examples/echo-server.js';
import { postJson, readSse } from '../helpers/sse-client.js';
import { eventually } from '../helpers/eventually.js';
import { textInput } from '../helpers/make-server.js';

let http: ServerType;
let url: string;
let store: Store<ExampleContext>;
const USER = { userId: 'demo-user' };

beforeAll(async () => {
  const started = await startExample(0, { wordDelayMs: 40 });
  http = started.server;
  store = started.store;
  url = `http://127.0.0.1:${started.port}/chatkit`;
});
afterAll(() => new Promise<void>((resolve) => http.close(() => resolve())));

describe('example server over real HTTP', () => {
  it('streams a whole turn with SSE headers and reloads it', async () => {
    const response = await postJson(url, {
      type: 'threads.create',
      params: { input: textInput('hello there') },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    const events = await readSse(response);
    expect(events.map((e) => e.type).filter((t, i, a) => a.indexOf(t) === i)).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'thread.item.added',
      'thread.item.updated',
      'thread.updated',
    ]);
    const created = events[0]!;
    if (created.type !== 'thread.created') throw new Error('expected thread.created');
    const thread = (await (
      await postJson(url, { type: 'threads.get_by_id', params: { thread_id: created.thread.id } })
    ).json()) as {
      title: string;
      items: { data: { type: string; content: { text: string }[] }[] };
    };
    expect(thread.title).toBe('hello there');
    expect(thread.items.data.map((i) => i.type)).toEqual(['user_message', 'assistant_message']);
    expect(thread.items.data[1]!.content[0]!.text).toBe('You said: hello there');
  });

  it('cancels mid-stream when the client aborts, keeping the partial answer and the hidden note', async () => {
    const abort = new AbortController();
    const response = await postJson(
      url,
      {
        type: 'threads.create',
        params: { input: textInput('one two three four five six seven eight nine ten') },
      },
      { signal: abort.signal },
    );
    let threadId = '';
    let deltas = 0;
    let seen = '';
    await readSse(response, (event) => {
      if (event.type === 'thread.created') threadId = event.thread.id;
      if (
        event.type === 'thread.item.updated' &&
        event.update.type === 'assistant_message.content_part.text_delta'
      ) {
        deltas++;
        seen += event.update.delta;
      }
      if (deltas === 3) {
        abort.abort();
        return true;
      }
    }).catch((error: unknown) => {
      if (!(error instanceof Error && error.name === 'AbortError')) throw error;
    });
    expect(deltas).toBe(3);
    const items = await eventually(async () => {
      const page = await store.loadThreadItems(threadId, null, 10, 'asc', USER);
      return page.data.some((i) => i.type === 'sdk_hidden_context') ? page.data : undefined;
    });
    expect(items.map((i) => i.type)).toEqual([
      'user_message',
      'assistant_message',
      'sdk_hidden_context',
    ]);
    const partial = items[1]!;
    if (partial.type !== 'assistant_message') throw new Error('expected the partial answer');
    // What the user saw before pressing stop ('You ', 'said: ', 'one ') is kept; the server may
    // have sent a word or two more before it noticed the disconnect, never the whole answer.
    expect(seen).toBe('You said: one ');
    const full = 'You said: one two three four five six seven eight nine ten';
    expect(partial.content[0]!.text.startsWith(seen)).toBe(true);
    expect(full.startsWith(partial.content[0]!.text)).toBe(true);
    expect(partial.content[0]!.text.length).toBeLessThan(full.length);
    const note = items[2]!;
    expect(note.type === 'sdk_hidden_context' && note.content).toBe(CANCELLED_STREAM_NOTE);

    // The client reloading the thread sees the partial answer but never the hidden note.
    const reloaded = (await (
      await postJson(url, { type: 'items.list', params: { thread_id: threadId, order: 'asc' } })
    ).json()) as {
      data: { type: string }[];
    };
    expect(reloaded.data.map((i) => i.type)).toEqual(['user_message', 'assistant_message']);
  });

  it('answers bad input with 4xx JSON naming the problem, before any stream', async () => {
    const bad = await fetch(url, { method: 'POST', body: '{"type":' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 'invalid_request', message: 'Request body is not valid JSON' },
    });

    const invalid = await postJson(url, {
      type: 'threads.create',
      params: { input: { content: 'nope' } },
    });
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as { error: { issues: { path: string }[] } };
    expect(body.error.issues.map((i) => i.path)).toContain('params.input.content');

    const unknown = await postJson(url, { type: 'threads.explode', params: {} });
    expect(unknown.status).toBe(400);

    const missing = await postJson(url, {
      type: 'threads.add_user_message',
      params: { thread_id: 'thr_missing', input: textInput('x') },
    });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/json');
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });

    const get = await fetch(url);
    expect(get.status).toBe(405);

    const huge = await fetch(url, { method: 'POST', body: 'x'.repeat(11 * 1024 * 1024) });
    expect(huge.status).toBe(413);
  });

  it('keeps users apart: another user gets 404 for a thread that exists', async () => {
    const response = await postJson(url, {
      type: 'threads.create',
      params: { input: textInput('mine') },
    });
    const events = await readSse(response);
    const created = events[0]!;
    if (created.type !== 'thread.created') throw new Error('expected thread.created');
    const other = await postJson(
      url,
      { type: 'threads.get_by_id', params: { thread_id: created.thread.id } },
      { headers: { 'x-user-id': 'mallory' } },
    );
    expect(other.status).toBe(404);
  });
});
