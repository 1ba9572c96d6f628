import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logging.js';
import { startServer, type RunningServer } from '../../src/main.js';
import { LogCapture, baseEnv } from '../helpers/harness.js';
import { jwtFor } from '../helpers/tokens.js';
import { parseSse, streamedText, userInput } from '../helpers/sse.js';
import { demoReply } from '../../src/assistant/responders/demo.js';

const ORIGIN = 'https://chat.example.com';

/** `POST /chatkit` through the real node:http server (the SDK's Node adapter path). */
describe('/chatkit over node:http', () => {
  let running: RunningServer;
  let dataDir: string;
  const logs = new LogCapture();
  const create = async (text: string, init: RequestInit = {}) =>
    fetch(`${running.url}/chatkit`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: ORIGIN,
        'x-request-id': 'req-over-http',
        authorization: `Bearer ${await jwtFor('sam')}`,
      },
      body: JSON.stringify({ type: 'threads.create', params: { input: userInput(text) } }),
      ...init,
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'threadline-over-http-'));
    const config = loadConfig(
      { port: 0, demo: true },
      {
        ...baseEnv(dataDir),
        HOST: '127.0.0.1',
        THREADLINE_DEMO_DELAY_MS: '10',
        CORS_ORIGINS: ORIGIN,
      },
      dataDir,
    );
    running = await startServer(config, createLogger('info', logs));
  });
  afterAll(async () => {
    await running.shutdown('test');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('streams a whole answer with the middleware headers and the request id', async () => {
    const res = await create('hello there');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('x-request-id')).toBe('req-over-http');
    const events = parseSse(await res.text());
    expect(streamedText(events)).toBe(demoReply('hello there'));
    const line = logs.lines.find((l) => l.msg === 'request' && l.reqId === 'req-over-http');
    expect(line).toMatchObject({ status: 200, path: '/chatkit' });
  });

  it('answers a bad request with its 4xx JSON and logs that status', async () => {
    const res = await fetch(`${running.url}/chatkit`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': 'req-bad',
        authorization: `Bearer ${await jwtFor('sam')}`,
      },
      body: '{"type":"threads.nope"}',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-request-id')).toBe('req-bad');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    const line = logs.lines.find((l) => l.msg === 'request' && l.reqId === 'req-bad');
    expect(line).toMatchObject({ status: 400 });
  });

  it('cancels the turn on a client disconnect without logging an error', async () => {
    const stderr: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void stderr.push(args.map(String).join(' '));
    try {
      // Disconnect at several points of the answer, so one lands while a read is pending.
      for (const deltasBeforeLeaving of [1, 2, 3, 5, 8]) {
        const abort = new AbortController();
        const res = await create('tell me more', { signal: abort.signal });
        const reader = res.body!.getReader();
        const decoder = new TextDecoder();
        let text = '';
        while (text.split('text_delta').length <= deltasBeforeLeaving) {
          text += decoder.decode((await reader.read()).value);
        }
        abort.abort();
        // The server notices, cancels the turn and saves the partial answer.
        expect(await running.runtime.chatkit.openStreams.whenIdle(5_000)).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      console.error = original;
    }
    expect(logs.lines.filter((l) => l.level === 'error' || l.level === 'warn')).toEqual([]);
    expect(stderr).toEqual([]);
  });
});
