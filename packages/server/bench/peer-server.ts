/**
 * The npm peer for the HTTP bench: `chatkit-node-backend-sdk` under Express, served as its README
 * shows (`express.json()`, `process(JSON.stringify(req.body))`, `res.write` per chunk), with an
 * in-memory store and the same scripted respond as Threadline's bench server (`assistantTurn`:
 * the same events, gate and pace). Its logger drops debug and info like Threadline's default.
 */
import express from 'express';
import type { Server } from 'node:http';
import {
  ChatKitServer,
  Store,
  StoreNotFoundError,
  type Attachment,
  type Page,
  type ThreadItem,
  type ThreadMetadata,
  type ThreadStreamEvent,
  type UserMessageItem,
} from 'chatkit-node-backend-sdk';
import { assistantTurn } from './scripted-deltas.js';

interface Ctx {
  userId: string;
}

/** Threads and items in maps: the peer ships no store of its own. */
class PeerMemoryStore extends Store<Ctx> {
  private readonly threads = new Map<string, ThreadMetadata>();
  private readonly items = new Map<string, ThreadItem[]>();

  async loadThread(threadId: string): Promise<ThreadMetadata> {
    const thread = this.threads.get(threadId);
    if (!thread) throw new StoreNotFoundError(`Thread ${threadId} not found`);
    return thread;
  }
  async saveThread(thread: ThreadMetadata): Promise<void> {
    this.threads.set(thread.id, thread);
  }
  async deleteThread(threadId: string): Promise<void> {
    this.threads.delete(threadId);
    this.items.delete(threadId);
  }
  async loadThreads(limit: number): Promise<Page<ThreadMetadata>> {
    const data = [...this.threads.values()].slice(0, limit);
    return { data, has_more: false, after: null };
  }
  async loadThreadItems(
    threadId: string,
    _after: string | null,
    limit: number,
    order: 'asc' | 'desc',
  ): Promise<Page<ThreadItem>> {
    const all = this.items.get(threadId) ?? [];
    const ordered = order === 'desc' ? [...all].reverse() : all;
    return { data: ordered.slice(0, limit), has_more: false, after: null };
  }
  async addThreadItem(threadId: string, item: ThreadItem): Promise<void> {
    const list = this.items.get(threadId) ?? [];
    list.push(item);
    this.items.set(threadId, list);
  }
  async saveItem(threadId: string, item: ThreadItem): Promise<void> {
    const list = this.items.get(threadId) ?? [];
    const at = list.findIndex((i) => i.id === item.id);
    if (at >= 0) list[at] = item;
    else list.push(item);
    this.items.set(threadId, list);
  }
  async loadItem(threadId: string, itemId: string): Promise<ThreadItem> {
    const item = this.items.get(threadId)?.find((i) => i.id === itemId);
    if (!item) throw new StoreNotFoundError(`Item ${itemId} not found`);
    return item;
  }
  async deleteThreadItem(threadId: string, itemId: string): Promise<void> {
    const list = this.items.get(threadId) ?? [];
    this.items.set(
      threadId,
      list.filter((i) => i.id !== itemId),
    );
  }
  async saveAttachment(): Promise<void> {}
  async loadAttachment(attachmentId: string): Promise<Attachment> {
    throw new StoreNotFoundError(`Attachment ${attachmentId} not found`);
  }
  async deleteAttachment(): Promise<void> {}
}

const quiet = {
  debug() {},
  info() {},
  warn: (message: string, extra?: unknown) => console.warn(`[peer] ${message}`, extra ?? ''),
  error: (message: string, extra?: unknown) => console.error(`[peer] ${message}`, extra ?? ''),
};

/** The peer's server with Threadline's bench respond: the same events, gate and pace. */
export class PeerDeltaServer extends ChatKitServer<Ctx> {
  gate: Promise<void> | undefined;
  paceMs = 0;
  private readonly deltaEvents: ThreadStreamEvent[];
  constructor(readonly deltas: number) {
    super(new PeerMemoryStore(), undefined, quiet);
    this.deltaEvents = [...assistantTurn('thr_bench', deltas)].filter(
      (e) =>
        e.type === 'thread.item.updated' &&
        e.update.type === 'assistant_message.content_part.text_delta',
    ) as ThreadStreamEvent[];
  }
  async *respond(
    thread: ThreadMetadata,
    _input: UserMessageItem | null,
  ): AsyncGenerator<ThreadStreamEvent> {
    if (this.gate) await this.gate;
    const turn = [...assistantTurn(thread.id, this.deltas)] as ThreadStreamEvent[];
    yield turn[0]!;
    yield turn[1]!;
    const { paceMs } = this;
    for (const event of this.deltaEvents) {
      yield event;
      if (paceMs > 0) await new Promise((resolve) => setTimeout(resolve, paceMs));
    }
    yield turn.at(-2)!;
    yield turn.at(-1)!;
  }
}

/** Express app serving `server` at POST /chatkit as the peer's README does. */
export function listenPeer(server: PeerDeltaServer): Promise<number> {
  const app = express();
  app.use(express.json());
  app.post('/chatkit', async (req, res) => {
    const result = await server.process(JSON.stringify(req.body), { userId: 'bench' });
    if (result.isStreaming) {
      res.setHeader('Content-Type', 'text/event-stream');
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('Connection', 'keep-alive');
      for await (const chunk of result) res.write(chunk);
      res.end();
    } else {
      res.json(result.toJSON());
    }
  });
  return new Promise((resolve) => {
    const listener: Server = app.listen(0, '127.0.0.1', () =>
      resolve((listener.address() as { port: number }).port),
    );
  });
}
