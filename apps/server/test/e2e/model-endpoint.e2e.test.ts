import {
  startFakeModelServer,
  type FakeModelServer,
  type FakeRequest,
  type FakeTurn,
} from '@threadline/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { readEvents, streamedText, userInput } from '../helpers/sse.js';
import { JWT_SECRET } from '../helpers/tokens.js';
import { httpCall } from './http-client.js';

const KEY = 'sk-fake-very-secret-key';

function script(request: FakeRequest): FakeTurn {
  const text = JSON.stringify(request.body.messages ?? request.body.input ?? '');
  for (const status of [404, 429, 500]) {
    if (text.includes(`error ${status}`)) return { error: { status, message: `fake ${status}` } };
  }
  return { text: 'Hello from a chat-only server.' };
}

/** Waits for log lines that arrive over the child's stdout just after a response. */
async function logsMatching(
  server: ChildServer,
  test: (line: Record<string, unknown>) => boolean,
  count: number,
): Promise<Record<string, unknown>[]> {
  for (let i = 0; i < 60 && server.logs.filter(test).length < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return server.logs.filter(test);
}

describe('OPENAI_BASE_URL alone, pointing at a Chat Completions-only server', () => {
  let fake: FakeModelServer;
  let server: ChildServer;

  beforeAll(async () => {
    fake = await startFakeModelServer(script, { apis: ['chat'] });
    await ensureBuilt();
    server = await startChildServer({
      THREADLINE_AUTH: 'jwt',
      JWT_SECRET,
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: fake.baseURL,
      CHATKIT_UPLOAD_STRATEGY: 'disabled',
      OPENAI_AGENTS_DISABLE_TRACING: '1',
    });
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    await fake?.close();
  });

  const send = async (text: string) =>
    readEvents(
      await httpCall(server.url)('kim', {
        type: 'threads.create',
        params: { input: userInput(text) },
      }),
    );

  it('answers by falling back to Chat Completions, and says so in the logs', async () => {
    const events = await send('Hi');
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    expect(streamedText(events)).toBe('Hello from a chat-only server.');
    expect(fake.requests.map((r) => r.path)).toEqual(['/v1/chat/completions']);
    const [missing] = await logsMatching(server, (l) => l.msg === 'Model provider error', 1);
    expect(missing).toMatchObject({
      level: 'error',
      detail: {
        provider: 'openai-responses',
        endpoint: `${fake.baseURL}/responses`,
        model: 'gpt-4.1-mini',
        status: 404,
      },
    });
    const [switched] = await logsMatching(
      server,
      (l) => String(l.msg).includes('has no Responses API'),
      1,
    );
    expect(String(switched!.msg)).toContain('THREADLINE_MODEL_PROVIDER=openai-chat');

    // From now on it goes straight to Chat Completions.
    await send('Hi again');
    expect(fake.requests.map((r) => r.path)).toEqual([
      '/v1/chat/completions',
      '/v1/chat/completions',
    ]);
  });

  it('logs every provider error with its status, endpoint and model, never the key', async () => {
    for (const status of [404, 429, 500]) {
      const events = await send(`please error ${status}`);
      expect(events.filter((e) => e.type === 'error')).toHaveLength(1);
    }
    const errors = await logsMatching(
      server,
      (l) =>
        l.msg === 'Model provider error' &&
        (l.detail as { provider?: string }).provider === 'openai-chat',
      3,
    );
    expect(errors.map((l) => (l.detail as { status: number }).status)).toEqual([404, 429, 500]);
    for (const line of errors) {
      expect(line.detail).toMatchObject({
        endpoint: `${fake.baseURL}/chat/completions`,
        model: 'gpt-4.1-mini',
      });
    }
    expect(JSON.stringify(server.logs) + server.stderr()).not.toContain(KEY);
  });
});
