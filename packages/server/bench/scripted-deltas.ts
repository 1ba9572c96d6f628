import { ChatKitServer } from '../src/index.js';
import type {
  ThreadMetadata,
  ThreadStreamEventInput,
  UserMessageItem,
} from '../src/protocol/index.js';
import { MemoryStore } from '../src/stores/memory/index.js';

export interface BenchContext {
  userId: string;
}
export const BENCH_CONTEXT: BenchContext = { userId: 'bench' };
/** One item id per server: each run is a new thread, so it never collides. */
const ITEM_ID = 'msg_bench';

/** The events of one assistant message streamed as `deltas` text deltas (what a model turn looks like). */
export function* assistantTurn(
  threadId: string,
  deltas: number,
  itemId = 'msg_bench',
): Generator<ThreadStreamEventInput> {
  const base = {
    type: 'assistant_message' as const,
    id: itemId,
    thread_id: threadId,
    created_at: new Date().toISOString(),
  };
  yield { type: 'thread.item.added', item: { ...base, content: [] } };
  yield {
    type: 'thread.item.updated',
    item_id: itemId,
    update: {
      type: 'assistant_message.content_part.added',
      content_index: 0,
      content: { type: 'output_text', text: '' },
    },
  };
  for (let i = 0; i < deltas; i++) {
    yield {
      type: 'thread.item.updated',
      item_id: itemId,
      update: {
        type: 'assistant_message.content_part.text_delta',
        content_index: 0,
        delta: 'token ',
      },
    };
  }
  const text = 'token '.repeat(deltas);
  yield {
    type: 'thread.item.updated',
    item_id: itemId,
    update: {
      type: 'assistant_message.content_part.done',
      content_index: 0,
      content: { type: 'output_text', text },
    },
  };
  yield { type: 'thread.item.done', item: { ...base, content: [{ type: 'output_text', text }] } };
}

/**
 * A server whose `respond` replays `assistantTurn`, optionally waiting on `gate` first (for
 * open-stream memory). The text deltas are built once and yielded as they are, like the events the
 * baseline encodes, so the comparison charges the pipeline and not the cost of building events.
 */
export class DeltaServer extends ChatKitServer<BenchContext> {
  gate: Promise<void> | undefined;
  /** Milliseconds between deltas (a model's pace); 0 streams them back to back. */
  paceMs = 0;
  private readonly deltaEvents: ThreadStreamEventInput[];
  constructor(readonly deltas: number) {
    super({ store: new MemoryStore<BenchContext>() });
    this.deltaEvents = [...assistantTurn('thr_bench', deltas, ITEM_ID)].filter(
      (e) =>
        e.type === 'thread.item.updated' &&
        e.update.type === 'assistant_message.content_part.text_delta',
    );
  }
  async *respond(
    thread: ThreadMetadata,
    _input: UserMessageItem | null,
    _context: BenchContext,
  ): AsyncIterable<ThreadStreamEventInput> {
    if (this.gate) await this.gate;
    const turn = [...assistantTurn(thread.id, 0, ITEM_ID)];
    // added, content_part.added, the deltas, content_part.done, done
    yield turn[0]!;
    yield turn[1]!;
    const { paceMs } = this;
    for (const event of this.deltaEvents) {
      yield event;
      if (paceMs > 0) await new Promise((resolve) => setTimeout(resolve, paceMs));
    }
    const text = 'token '.repeat(this.deltas);
    yield {
      type: 'thread.item.updated',
      item_id: ITEM_ID,
      update: {
        type: 'assistant_message.content_part.done',
        content_index: 0,
        content: { type: 'output_text', text },
      },
    };
    yield {
      type: 'thread.item.done',
      item: {
        type: 'assistant_message',
        id: ITEM_ID,
        thread_id: thread.id,
        created_at: new Date().toISOString(),
        content: [{ type: 'output_text', text }],
      },
    };
  }
}

export const createBody = JSON.stringify({
  type: 'threads.create',
  params: {
    input: {
      content: [{ type: 'input_text', text: 'bench' }],
      attachments: [],
      inference_options: {},
    },
  },
});
