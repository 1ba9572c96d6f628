/**
 * Runnable example: a ChatKit endpoint at `POST /chatkit` with Hono on Node.
 *   npx tsx packages/server/examples/hono-node.ts
 * The user id comes from an `x-user-id` header (a stand-in for real auth; see apps/server).
 */
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { createChatKitHandler } from '../src/http/index.js';
import { MemoryStore } from '../src/stores/memory/index.js';
import type { Store } from '../src/stores/store.js';
import { EchoServer, type ExampleContext } from './echo-server.js';

export function createExampleApp(
  options: { store?: Store<ExampleContext>; wordDelayMs?: number } = {},
) {
  const store = options.store ?? new MemoryStore<ExampleContext>();
  const server = new EchoServer({ store }, options.wordDelayMs);
  const handler = createChatKitHandler(server, {
    getContext: (request) => ({ userId: request.headers.get('x-user-id') ?? 'demo-user' }),
  });
  const app = new Hono();
  app.all('/chatkit', (c) => handler(c.req.raw));
  return { app, server, store };
}

export function startExample(
  port = Number(process.env.PORT ?? 8000),
  options: Parameters<typeof createExampleApp>[0] = {},
) {
  const { app, store } = createExampleApp(options);
  return new Promise<{ server: ServerType; port: number; store: Store<ExampleContext> }>(
    (resolve) => {
      const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) =>
        resolve({ server, port: info.port, store }),
      );
    },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { port } = await startExample();
  console.log(`Threadline example listening on http://127.0.0.1:${port}/chatkit`);
}
