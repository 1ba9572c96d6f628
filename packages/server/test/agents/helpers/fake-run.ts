import {
  Agent,
  RunItemStreamEvent,
  RunRawModelStreamEvent,
  RunToolCallItem,
  type RunStreamEvent,
} from '@openai/agents';
import { AgentContext } from '../../../src/agents/index.js';
import type {
  ThreadItem,
  ThreadMetadata,
  ThreadStreamEventInput,
  WidgetRoot,
} from '../../../src/protocol/index.js';
import { MemoryStore } from '../../../src/stores/memory/index.js';
import type { StoreItemType } from '../../../src/stores/ids.js';
import { AsyncQueue } from '../../../src/turn/async-queue.js';

export interface Ctx {
  userId: string;
}
export const CTX: Ctx = { userId: 'test_user' };

/** The reference's mock store: `<type>_id` ids and an empty thread. */
export class MockStore extends MemoryStore<Ctx> {
  readonly added: { threadId: string; id: string; type: string }[] = [];
  override generateItemId(type: StoreItemType): string {
    return `${type}_id`;
  }
  /** Records instead of storing (the reference's `AsyncMock`). */
  override async addThreadItem(threadId: string, item: ThreadItem): Promise<void> {
    this.added.push({ threadId, id: item.id, type: item.type });
  }
}

export const thread: ThreadMetadata = {
  id: '123',
  title: 'Test',
  created_at: new Date().toISOString(),
  status: { type: 'active' },
  metadata: {},
};

export function makeContext(store = new MockStore()): AgentContext<Ctx> {
  return new AgentContext({ thread: structuredClone(thread), store, requestContext: CTX });
}

/**
 * A RunResultStreaming stand-in fed by the test (chatkit-python's `RunResult` test double):
 * events are queued, `done()` ends the stream, `fail(error)` makes iteration throw.
 */
export class FakeRun implements AsyncIterable<RunStreamEvent> {
  private readonly queue = new AsyncQueue<RunStreamEvent>();
  private error: unknown;

  add(event: RunStreamEvent): this {
    this.queue.push(event);
    return this;
  }

  raw(event: Record<string, unknown>): this {
    return this.add(rawEvent(event));
  }

  done(): void {
    this.queue.close();
  }

  fail(error: unknown): void {
    this.error = error;
    this.queue.close();
  }

  [Symbol.asyncIterator](): AsyncIterator<RunStreamEvent> {
    return {
      next: async () => {
        const result = await this.queue.next();
        if (result.done && this.error !== undefined) throw this.error as Error;
        return result.done ? { value: undefined, done: true } : result;
      },
    };
  }
}

/** A raw Responses event as the JS Responses model delivers it. */
export const rawEvent = (event: Record<string, unknown>): RunRawModelStreamEvent =>
  new RunRawModelStreamEvent({
    type: 'model',
    event,
    providerData: { rawModelEventSource: 'openai-responses' },
  });

export const toolCalled = (rawItem: Record<string, unknown>): RunItemStreamEvent =>
  new RunItemStreamEvent(
    'tool_called',
    new RunToolCallItem(
      rawItem as unknown as ConstructorParameters<typeof RunToolCallItem>[0],
      new Agent({ name: 'Assistant' }),
    ),
  );

export const textDelta = (delta: string, itemId = '123', contentIndex = 0) => ({
  type: 'response.output_text.delta',
  delta,
  content_index: contentIndex,
  item_id: itemId,
  logprobs: [],
  output_index: 0,
  sequence_number: 0,
});

export async function all(
  events: AsyncIterable<ThreadStreamEventInput>,
): Promise<ThreadStreamEventInput[]> {
  const out: ThreadStreamEventInput[] = [];
  for await (const event of events) out.push(event);
  return out;
}

export const card = (text: string): WidgetRoot => ({
  type: 'Card',
  children: [{ type: 'Text', id: 'text', value: text }],
});

/** The update of a `thread.item.updated` event (fails the test for anything else). */
export const updateOf = (value: unknown) => {
  const event = value as ThreadStreamEventInput | undefined;
  if (event?.type !== 'thread.item.updated') {
    throw new Error(`expected an update, got ${event?.type}`);
  }
  return event.update;
};

export const annotationEvent = (
  annotation: Record<string, unknown>,
  index: number,
  itemId = 'item_123',
) => ({
  type: 'response.output_text.annotation.added',
  annotation,
  content_index: 0,
  item_id: itemId,
  annotation_index: index,
  output_index: 0,
  sequence_number: index,
});
