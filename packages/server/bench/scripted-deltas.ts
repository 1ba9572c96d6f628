import { ChatKitServer } from '../src/index.js';
import type { ThreadMetadata, ThreadStreamEventInput, UserMessageItem } from '../src/protocol/index.js';
import { MemoryStore } from '../src/stores/memory/index.js';

export interface BenchContext {
  userId: string;
}
export const BENCH_CONTEXT: BenchContext = { userId: 'bench' };

/** The events of one assistant message streamed as `deltas` text deltas (what a model turn looks like). */
export function* assistantTurn(threadId: string, deltas: number, itemId = 'msg_bench'): Generator<ThreadStreamEventInput> {
  const base = { type: 'assistant_message' as const, id: itemId, thread_id: threadId, created_at: new Date().toISOString() };
  yield { type: 'thread.item.added', item: { ...base, content: [] } };
  yield { type: 'thread.item.updated', item_id: itemId, update: { type: 'assistant_message.content_part.added', content_index: 0, content: { type: 'output_text', text: '' } } };
  for (let i = 0; i < deltas; i++) {
    yield { type: 'thread.item.updated', item_id: itemId, update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'token ' } };
  }
  const text = 'token '.repeat(deltas);
  yield { type: 'thread.item.updated', item_id: itemId, update: { type: 'assistant_message.content_part.done', content_index: 0, content: { type: 'output_text', text } } };
  yield { type: 'thread.item.done', item: { ...base, content: [{ type: 'output_text', text }] } };
}

/** A server whose `respond` replays `assistantTurn`, optionally waiting on `gate` first (for open-stream memory). */
export class DeltaServer extends ChatKitServer<BenchContext> {
  gate: Promise<void> | undefined;
  constructor(readonly deltas: number) {
    super({ store: new MemoryStore<BenchContext>() });
  }
  async *respond(thread: ThreadMetadata, _input: UserMessageItem | null, context: BenchContext): AsyncIterable<ThreadStreamEventInput> {
    if (this.gate) await this.gate;
    // A model loop yields each delta as it arrives; `for … yield` is also cheaper than `yield*`.
    for (const event of assistantTurn(thread.id, this.deltas, this.store.generateItemId('message', thread, context))) {
      yield event;
    }
  }
}

export const createBody = JSON.stringify({
  type: 'threads.create',
  params: { input: { content: [{ type: 'input_text', text: 'bench' }], attachments: [], inference_options: {} } },
});
