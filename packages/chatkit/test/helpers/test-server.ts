import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { ChatKitServer, type HookOptions } from '@threadline/server';
import { createChatKitHandler } from '@threadline/server/http';
import type {
  ThreadMetadata,
  ThreadStreamEventInput,
  UserMessageItem,
} from '@threadline/server/protocol';
import { MemoryStore } from '@threadline/server/stores/memory';

export const DIST = new URL('../../dist/', import.meta.url).pathname;

interface Context {
  userId: string;
}

/** What a test's responder sees: the user's text (null after a client tool output) and the server. */
export type Script = (
  text: string | null,
  turn: { thread: ThreadMetadata; server: ScriptedServer; context: Context; signal: AbortSignal },
) => AsyncIterable<ThreadStreamEventInput>;

export class ScriptedServer extends ChatKitServer<Context> {
  constructor(
    store: MemoryStore<Context>,
    private readonly script: Script,
  ) {
    super({ store });
  }

  respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: Context,
    { signal }: HookOptions,
  ): AsyncIterable<ThreadStreamEventInput> {
    const text = input ? input.content.map((c) => c.text).join('') : null;
    return this.script(text, { thread, server: this, context, signal });
  }

  /** A complete assistant message as one `thread.item.done`. */
  message(thread: ThreadMetadata, text: string, context: Context): ThreadStreamEventInput {
    return {
      type: 'thread.item.done',
      item: {
        type: 'assistant_message',
        id: this.store.generateItemId('message', thread, context),
        thread_id: thread.id,
        created_at: new Date().toISOString(),
        content: [{ type: 'output_text', text, annotations: [] }],
      },
    };
  }
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>ChatKit test</title>
<style>html,body{margin:0;height:100%}openai-chatkit{display:block;height:100vh}</style></head>
<body><openai-chatkit></openai-chatkit><script type="module" src="/chatkit.js"></script></body></html>`;

export interface TestServer {
  url: string;
  server: ScriptedServer;
  close(): Promise<void>;
}

/**
 * A real HTTP server for browser tests of the client: `/` (a bare page with the element),
 * `/chatkit.js` and `/chunks/*` (the built bundle) and `POST /api` (a ChatKit server whose answers
 * a test scripts).
 */
export async function startTestServer(script: Script): Promise<TestServer> {
  const store = new MemoryStore<Context>();
  const server = new ScriptedServer(store, script);
  const handler = createChatKitHandler(server, { getContext: () => ({ userId: 'tester' }) });
  const fetch = async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    if (pathname === '/api' && request.method === 'POST') return handler(request);
    if (pathname === '/') return new Response(PAGE, { headers: { 'content-type': 'text/html' } });
    const path = normalize(join(DIST, pathname));
    if (path.startsWith(DIST) && !path.includes(`${sep}..`) && path.endsWith('.js')) {
      try {
        return new Response(new Uint8Array(await readFile(path)), {
          headers: { 'content-type': 'text/javascript' },
        });
      } catch {
        // fall through to 404
      }
    }
    return new Response('not found', { status: 404 });
  };
  const http = await new Promise<{ s: ServerType; port: number }>((resolve) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ s, port: info.port }),
    );
  });
  return {
    url: `http://127.0.0.1:${http.port}`,
    server,
    close: () => new Promise((resolve) => http.s.close(() => resolve())),
  };
}
