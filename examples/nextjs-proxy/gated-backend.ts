/**
 * The backend both proxy tests talk to: a real `@threadline/server` on a local socket whose turn
 * streams DELTAS and holds after the first until the test opens the gate, so a test can tell a
 * proxy that passes frames through from one that buffers the body.
 */
import { ChatKitServer, type HookOptions } from '@threadline/server';
import { createChatKitHandler, type ChatKitHandler } from '@threadline/server/http';
import { createNodeHandler } from '@threadline/server/node';
import type {
  ThreadMetadata,
  ThreadStreamEventInput,
  UserMessageItem,
} from '@threadline/server/protocol';
import { MemoryStore } from '@threadline/server/stores/memory';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Ctx {
  userId: string;
}

export const DELTAS = ['one ', 'two ', 'three ', 'four'];
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A real Threadline backend that streams DELTAS, holding after the first until the gate opens. */
export class GatedServer extends ChatKitServer<Ctx> {
  produced: string[] = [];
  /** Set when a turn asked to hold ("hold") was cancelled by its client going away. */
  cancelled = false;
  private open!: () => void;
  gate = new Promise<void>((resolve) => (this.open = resolve));
  constructor() {
    super({ store: new MemoryStore<Ctx>(), logger: silent });
  }
  release() {
    this.open();
  }
  private untilCancelled(signal: AbortSignal) {
    return new Promise<never>((_, reject) =>
      signal.addEventListener('abort', () => {
        this.cancelled = true;
        reject(signal.reason as Error);
      }),
    );
  }

  async *respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: Ctx,
    { signal }: HookOptions,
  ): AsyncIterable<ThreadStreamEventInput> {
    const hold = input?.content.some((part) => part.type === 'input_text' && part.text === 'hold');
    const id = this.store.generateItemId('message', thread, context);
    const item = {
      type: 'assistant_message' as const,
      id,
      thread_id: thread.id,
      created_at: new Date().toISOString(),
      content: [],
    };
    yield { type: 'thread.item.added', item };
    for (const [index, delta] of DELTAS.entries()) {
      if (index === 1 && hold) await this.untilCancelled(signal);
      if (index === 1) await this.gate;
      else if (index > 1) await sleep(20);
      this.produced.push(delta);
      yield {
        type: 'thread.item.updated',
        item_id: id,
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta },
      };
    }
    const text = DELTAS.join('');
    yield { type: 'thread.item.done', item: { ...item, content: [{ type: 'output_text', text }] } };
  }
}

export interface GatedBackend {
  backend: GatedServer;
  chatkit: ChatKitHandler<Ctx>;
  /** The backend's `/chatkit` URL. */
  url: string;
  /** The `Authorization` header of every request the backend received. */
  seenAuth: (string | undefined)[];
  close(): Promise<void>;
}

/** Starts the gated backend on 127.0.0.1; `Bearer <token>` is user `user-of-<token>`, `expired` is refused. */
export async function startGatedBackend(): Promise<GatedBackend> {
  const backend = new GatedServer();
  const chatkit = createChatKitHandler(backend);
  const seenAuth: (string | undefined)[] = [];
  const onNode = createNodeHandler(chatkit, {
    getContext: (req: IncomingMessage) => {
      seenAuth.push(req.headers.authorization);
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token || token === 'expired') {
        // Throwing a Response is how getContext refuses a request.
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        throw Response.json({ error: 'bad token' }, { status: 401 });
      }
      return { userId: `user-of-${token}` };
    },
  });
  const httpServer = createServer((req, res) => void onNode(req, res));
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    backend,
    chatkit,
    url: `http://127.0.0.1:${port}/chatkit`,
    seenAuth,
    close: async () => {
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
