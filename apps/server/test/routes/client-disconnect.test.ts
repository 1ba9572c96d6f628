import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logging.js';
import { startServer, type RunningServer } from '../../src/main.js';
import { LogCapture, baseEnv } from '../helpers/harness.js';
import { jwtFor } from '../helpers/tokens.js';
import { userInput } from '../helpers/sse.js';

describe('a client disconnect mid-stream', () => {
  let running: RunningServer | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await running?.shutdown('test');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('cancels the turn without logging an error', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'threadline-disconnect-'));
    const config = loadConfig(
      { port: 0, demo: true },
      { ...baseEnv(dataDir), HOST: '127.0.0.1', THREADLINE_DEMO_DELAY_MS: '20' },
      dataDir,
    );
    const logs = new LogCapture();
    running = await startServer(config, createLogger('info', logs));
    const stderr: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void stderr.push(args.map(String).join(' '));
    try {
      // Disconnect at several points of the answer, so one lands while a read is pending.
      for (const deltasBeforeLeaving of [1, 2, 3, 5, 8]) {
        const abort = new AbortController();
        const res = await fetch(`${running.url}/chatkit`, {
          method: 'POST',
          signal: abort.signal,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${await jwtFor('sam')}`,
          },
          body: JSON.stringify({
            type: 'threads.create',
            params: { input: userInput('hello there') },
          }),
        });
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
