import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from '../helpers/harness.js';
import { assertIsolation, exerciseAllOperations, type Call } from '../helpers/scenarios.js';
import { readEvents, threadIdOf, userInput } from '../helpers/sse.js';
import { jwtFor } from '../helpers/tokens.js';

describe('ChatKit operations through the app (SQLite, demo model)', () => {
  let t: TestApp;
  let call: Call;
  beforeAll(async () => {
    t = await makeApp({ THREADLINE_DEMO: '1', THREADLINE_DEMO_DELAY_MS: '0' });
    call = (user, body, agent) => t.chatkit(user, body, { agent });
  });
  afterAll(() => t.close());

  it('serves all 16 operations', async () => {
    await exerciseAllOperations(call, 'alice');
  });

  it("never shows one user another user's threads or items, through any operation", async () => {
    await assertIsolation(call, 'alice', 'mallory');
  });

  it('answers 400 for bad JSON and unknown ops, 404 for a missing thread, 405 for GET', async () => {
    const token = await jwtFor('alice');
    const bad = await t.request('/chatkit', {
      method: 'POST',
      token,
      body: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_request' } });
    const get = await t.request('/chatkit', { method: 'GET', token });
    expect(get.status).toBe(405);
    const res = await t.chatkit('alice', { type: 'threads.explode', params: {} });
    expect(res.status).toBe(400);
    const missing = await t.chatkit('alice', {
      type: 'threads.get_by_id',
      params: { thread_id: 'thr_nope' },
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('streams the demo model: progress updates, a widget and word-by-word text', async () => {
    const events = await readEvents(
      await t.chatkit('alice', { type: 'threads.create', params: { input: userInput('Show me') } }),
    );
    const types = events.map((e) => e.type);
    expect(types.filter((x) => x === 'progress_update')).toHaveLength(3);
    expect(events.find((e) => e.type === 'progress_update')).toMatchObject({
      icon: 'sparkle',
      text: 'Analyzing your request…',
    });
    expect(events.some((e) => e.type === 'thread.item.done' && e.item.type === 'widget')).toBe(
      true,
    );
    expect(types.filter((x) => x === 'thread.item.updated').length).toBeGreaterThan(10);
    expect(threadIdOf(events)).toMatch(/^thr_/);
  });
});

describe('with no model configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({});
  });
  afterAll(() => t.close());

  it('still saves the message and answers with a notice saying how to configure a model', async () => {
    const events = await readEvents(
      await t.chatkit('bob', {
        type: 'threads.create',
        params: { input: userInput('Anyone there?') },
      }),
    );
    const notice = events.find((e) => e.type === 'notice');
    expect(notice).toMatchObject({ level: 'warning', title: 'No model configured' });
    expect(notice?.type === 'notice' && notice.message).toContain('OPENAI_API_KEY');
    expect(notice?.type === 'notice' && notice.message).toContain('--demo');
    const threadId = threadIdOf(events);
    const thread = (await (
      await t.chatkit('bob', { type: 'threads.get_by_id', params: { thread_id: threadId } })
    ).json()) as {
      items: { data: { type: string }[] };
    };
    expect(thread.items.data.map((i) => i.type)).toEqual(['user_message']);
  });
});
