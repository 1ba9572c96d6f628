import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_JS, ensureBuilt } from '../helpers/build.js';
import { runToExit, startChildServer, type ChildServer } from '../helpers/child-server.js';
import { DATABASE_URL, freshSchema } from '../helpers/pg.js';
import { readEvents, threadIdOf, userInput } from '../helpers/sse.js';
import { JWT_SECRET } from '../helpers/tokens.js';
import { httpCall } from './http-client.js';

const STORES = [
  { name: 'SQLite', env: async () => ({ env: {}, drop: async () => {} }) },
  {
    name: 'PostgreSQL',
    env: async () => {
      const schema = await freshSchema(); // fails, never skips, when PostgreSQL is down
      return { env: { DATABASE_URL, DATABASE_SCHEMA: schema.schema }, drop: schema.drop };
    },
  },
] as const;

interface Listed {
  threadId: string;
  itemIds: string[];
  kind: string;
  userId: string;
  createdAt: string;
}

describe.each(STORES)('feedback in the app (%s)', ({ env: storeEnv }) => {
  let server: ChildServer;
  let env: Record<string, string>;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const store = await storeEnv();
    drop = store.drop;
    env = {
      THREADLINE_AUTH: 'jwt',
      JWT_SECRET,
      THREADLINE_DEMO_DELAY_MS: '0',
      CHATKIT_UPLOAD_STRATEGY: 'disabled',
      ...store.env,
    };
    await ensureBuilt();
    server = await startChildServer(env, ['--demo']);
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    await drop?.();
  });

  it('stores items.feedback, logs it, and `threadline feedback` lists it after a restart', async () => {
    const call = httpCall(server.url);
    const events = await readEvents(
      await call('ann', { type: 'threads.create', params: { input: userInput('hello') } }),
    );
    const threadId = threadIdOf(events);
    const answer = events.find(
      (e) => e.type === 'thread.item.done' && e.item.type === 'assistant_message',
    ) as { item: { id: string } };
    const response = await call('ann', {
      type: 'items.feedback',
      params: { thread_id: threadId, item_ids: [answer.item.id], kind: 'positive' },
    });
    expect(response.status).toBe(200);
    // Someone else's thread: 404, and nothing stored for it.
    const foreign = await call('eve', {
      type: 'items.feedback',
      params: { thread_id: threadId, item_ids: [answer.item.id], kind: 'negative' },
    });
    expect(foreign.status).toBe(404);
    expect(server.logs).toContainEqual(
      expect.objectContaining({
        msg: 'Feedback received',
        detail: { threadId, itemIds: [answer.item.id], feedback: 'positive', userId: 'ann' },
      }),
    );
    await server.stop();

    const cliEnv = { ...env, THREADLINE_DATA_DIR: server.dataDir };
    const listed = await runToExit(CLI_JS, ['feedback', '--json'], cliEnv);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    const records = JSON.parse(listed.stdout) as Listed[];
    expect(records).toEqual([
      expect.objectContaining({
        threadId,
        itemIds: [answer.item.id],
        kind: 'positive',
        userId: expect.stringContaining('ann'),
      }),
    ]);

    const text = await runToExit(CLI_JS, ['feedback'], cliEnv);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`positive  `);
    expect(text.stdout).toContain(`${threadId}  ${answer.item.id}`);

    const later = new Date(Date.parse(records[0]!.createdAt) + 1000).toISOString();
    const none = await runToExit(CLI_JS, ['feedback', '--json', '--since', later], cliEnv);
    expect(JSON.parse(none.stdout)).toEqual([]);

    const bad = await runToExit(CLI_JS, ['feedback', '--since', 'yesterday-ish'], cliEnv);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--since must be an ISO date or time');
  }, 120_000);
});
