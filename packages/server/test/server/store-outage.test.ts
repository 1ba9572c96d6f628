import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatKitHandler } from '../../src/http/index.js';
import { PostgresStore } from '../../src/stores/postgres/index.js';
import { ScriptedServer, textInput, type TestContext } from '../helpers/make-server.js';

// A database that is down (nothing listens) and one that is frozen (accepts, never answers, as a
// SIGSTOPped PostgreSQL does): every call ends within the timeout with a 503 and Retry-After.
describe('store outages answer 503 with Retry-After, never hang', () => {
  let frozen: Server;
  const sockets: Socket[] = [];
  let frozenPort = 0;
  let downPort = 0;
  beforeAll(async () => {
    frozen = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => frozen.listen(0, '127.0.0.1', resolve));
    frozenPort = (frozen.address() as { port: number }).port;
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    downPort = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => frozen.close(resolve));
  });

  for (const [name, port] of [
    ['down', () => downPort],
    ['frozen', () => frozenPort],
  ] as const) {
    it(`a ${name} database: threads.create and threads.list get 503 within the timeout`, async () => {
      const store = new PostgresStore<TestContext>({
        connectionString: `postgres://postgres@127.0.0.1:${port()}/test`,
        timeouts: { connectMs: 300, statementMs: 300 },
      });
      const server = new ScriptedServer({}, store);
      const handler = createChatKitHandler(server, { getContext: () => ({ userId: 'u' }) });
      const post = (body: object) =>
        handler(
          new Request('http://localhost/chatkit', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          }),
        );
      try {
        for (const body of [
          { type: 'threads.create', params: { input: textInput('hello') } },
          { type: 'threads.list', params: {} },
        ]) {
          const started = Date.now();
          const response = await post(body);
          expect(Date.now() - started).toBeLessThan(3_000);
          expect(response.status).toBe(503);
          expect(response.headers.get('retry-after')).toBe('5');
          expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
            'store_unavailable',
          );
        }
      } finally {
        await store.close();
      }
    });
  }
});
