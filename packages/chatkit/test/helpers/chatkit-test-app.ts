// A real ChatKit backend for the client's tests: the SDK's HTTP handler (a scripted server, user
// from `x-user-id` or "page-user"), attachment routes on disk, and optional static files (a test
// page and its bundle) on the same origin, on a free port.
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { createAttachmentRoutes } from '../../../server/src/attachments/index.js';
import { FilesystemAttachmentStore } from '../../../server/src/attachments/filesystem/index.js';
import { createChatKitHandler } from '../../../server/src/http/index.js';
import { MemoryStore } from '../../../server/src/stores/memory/index.js';
import {
  ScriptedServer,
  type Hooks,
  type TestContext,
} from '../../../server/test/helpers/make-server.js';

export interface ChatKitTestApp {
  origin: string;
  /** The ChatKit endpoint (`<origin>/chatkit`). */
  url: string;
  store: MemoryStore<TestContext>;
  attachments: FilesystemAttachmentStore<TestContext>;
  /** Bodies of every request to the ChatKit endpoint. */
  requests: { type: string; params?: Record<string, unknown> }[];
  stop(): Promise<void>;
}

export interface StaticFile {
  contentType: string;
  body: string | Uint8Array<ArrayBuffer>;
}

export async function startChatKitTestApp(
  options: { hooks?: Hooks; files?: Record<string, StaticFile> } = {},
): Promise<ChatKitTestApp> {
  const appRef: { current?: Hono } = {};
  const http: ServerType = await new Promise((resolve) => {
    const server = serve(
      { fetch: (request) => appRef.current!.fetch(request), port: 0, hostname: '127.0.0.1' },
      () => resolve(server),
    );
  });
  const address = http.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const origin = `http://127.0.0.1:${address.port}`;
  const url = `${origin}/chatkit`;
  const dataDir = await mkdtemp(join(tmpdir(), 'threadline-chatkit-client-'));
  const store = new MemoryStore<TestContext>();
  const attachments = new FilesystemAttachmentStore<TestContext>({
    store,
    secret: 'client-test-secret-client-test-secret',
    baseUrl: url,
    dataDir,
  });
  const getContext = (request: Request): TestContext => ({
    userId: request.headers.get('x-user-id') ?? 'page-user',
  });
  const server = new ScriptedServer(options.hooks ?? {}, attachments.store, attachments);
  const handler = createChatKitHandler(server, { getContext });
  const routes = createAttachmentRoutes(attachments, { getContext });
  const requests: ChatKitTestApp['requests'] = [];

  const app = new Hono();
  app.post('/chatkit', async (c) => {
    requests.push((await c.req.raw.clone().json()) as ChatKitTestApp['requests'][number]);
    return handler(c.req.raw);
  });
  app.all('/chatkit/*', async (c) => (await routes(c.req.raw)) ?? c.notFound());
  for (const [path, file] of Object.entries(options.files ?? {})) {
    app.get(path, (c) => c.body(file.body, 200, { 'content-type': file.contentType }));
  }
  appRef.current = app;

  return {
    origin,
    url,
    store,
    attachments,
    requests,
    async stop() {
      (http as Server).closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** One JSON ChatKit request with the global fetch; a non-2xx answer throws with its status. */
export function postRequest(url: string, headers: Record<string, string> = {}) {
  return async (body: { type: string; params: Record<string, unknown> }): Promise<unknown> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { error?: { message?: string } };
    if (!response.ok) {
      throw Object.assign(new Error(json.error?.message ?? `HTTP ${response.status}`), {
        status: response.status,
      });
    }
    return json;
  };
}
