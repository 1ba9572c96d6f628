import { startFakeModelServer, type FakeModelServer } from '@threadline/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from '../helpers/harness.js';
import { readEvents, streamedText, userInput } from '../helpers/sse.js';

describe('the Agents SDK responder (in process, fake model server)', () => {
  let fake: FakeModelServer;
  let t: TestApp;
  beforeAll(async () => {
    fake = await startFakeModelServer([]);
    t = await makeApp({
      OPENAI_API_KEY: 'sk-fake',
      OPENAI_BASE_URL: fake.baseURL,
      THREADLINE_MODEL: 'fake-1',
    });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it('sends the thread history and streams the answer', async () => {
    fake.push({ text: 'First answer.' });
    const first = await readEvents(
      await t.chatkit('kim', { type: 'threads.create', params: { input: userInput('One') } }),
    );
    expect(streamedText(first)).toBe('First answer.');
    const threadId = first.find((e) => e.type === 'thread.created')!;
    fake.push(
      { toolCalls: [{ name: 'remember', arguments: { fact: 'likes tea' } }] },
      { text: 'Noted.' },
    );
    const second = await readEvents(
      await t.chatkit('kim', {
        type: 'threads.add_user_message',
        params: {
          thread_id: threadId.type === 'thread.created' ? threadId.thread.id : '',
          input: userInput('Two'),
        },
      }),
    );
    expect(
      second
        .filter((e) => e.type === 'progress_update')
        .map((e) => (e.type === 'progress_update' ? e.text : '')),
    ).toEqual(['Analyzing your request…', 'Saving to memory…', 'Preparing a response…']);
    expect(streamedText(second)).toBe('Noted.');
    const history = JSON.stringify(fake.requests.at(-2)!.body);
    expect(history).toContain('One');
    expect(history).toContain('First answer.');
    expect(history).toContain('Two');
    expect(fake.requests.at(-2)!.body.model).toBe('fake-1');
  });
});

describe('thread titles from THREADLINE_TITLE_MODEL', () => {
  it('names a new thread with a short model call', async () => {
    const fake = await startFakeModelServer((request) =>
      JSON.stringify(request.body).includes('Write a short title')
        ? { text: 'Title: "Planning a Trip to Lisbon."' }
        : { text: 'Sure, let us plan.' },
    );
    const t = await makeApp({
      OPENAI_API_KEY: 'sk-fake',
      OPENAI_BASE_URL: fake.baseURL,
      THREADLINE_TITLE_MODEL: 'fake-mini',
    });
    try {
      const events = await readEvents(
        await t.chatkit('lee', {
          type: 'threads.create',
          params: { input: userInput('I want to visit Lisbon in May, help me plan') },
        }),
      );
      const updated = events.filter((e) => e.type === 'thread.updated');
      expect(updated.at(-1)).toMatchObject({ thread: { title: 'Planning a Trip to Lisbon' } });
      expect(fake.requests.some((r) => r.body.model === 'fake-mini')).toBe(true);
    } finally {
      await t.close();
      await fake.close();
    }
  });
});

describe('turn limits from the settings', () => {
  it('refuses an over-long message without calling the model, and limits the history', async () => {
    const fake = await startFakeModelServer(() => ({ text: 'ok' }));
    const t = await makeApp({
      OPENAI_API_KEY: 'sk-fake',
      OPENAI_BASE_URL: fake.baseURL,
      THREADLINE_MAX_INPUT_CHARS: '20',
      THREADLINE_HISTORY_LIMIT: '3',
    });
    try {
      const long = await readEvents(
        await t.chatkit('kim', {
          type: 'threads.create',
          params: { input: userInput('x'.repeat(21)) },
        }),
      );
      expect(long.filter((e) => e.type === 'error')).toEqual([
        {
          type: 'error',
          code: 'custom',
          message:
            'Your message is too long (21 characters). Please shorten it to 20 characters or fewer and try again.',
          allow_retry: false,
        },
      ]);
      expect(fake.requests).toHaveLength(0);

      const first = await readEvents(
        await t.chatkit('kim', { type: 'threads.create', params: { input: userInput('m1') } }),
      );
      const created = first.find((e) => e.type === 'thread.created');
      const threadId = created?.type === 'thread.created' ? created.thread.id : '';
      for (const text of ['m2', 'm3']) {
        await readEvents(
          await t.chatkit('kim', {
            type: 'threads.add_user_message',
            params: { thread_id: threadId, input: userInput(text) },
          }),
        );
      }
      // The three newest items (m2, its answer, m3), not m1.
      const sent = JSON.stringify(fake.requests.at(-1)!.body.input);
      expect(sent).toContain('m3');
      expect(sent).not.toContain('m1');
    } finally {
      await t.close();
      await fake.close();
    }
  });
});
