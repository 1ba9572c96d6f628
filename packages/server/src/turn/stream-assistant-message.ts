import type { ThreadStreamEvent } from '../protocol/events.js';
import type { AssistantMessageItem } from '../protocol/items.js';
import type { ThreadMetadata } from '../protocol/thread.js';
import { defaultGenerateId } from '../stores/ids.js';
import type { Store } from '../stores/store.js';

/** Options of {@link streamAssistantMessage}. */
export interface StreamAssistantMessageOptions<TContext> {
  /** The thread the message belongs to. */
  thread: ThreadMetadata;
  /** Id source: `store.generateItemId('message', thread, context)`. */
  store?: Store<TContext> | undefined;
  /** Request context passed to `store.generateItemId`. */
  context?: TContext | undefined;
  /** Id source that wins over `store`; defaults to the store, else `msg_` + random hex. */
  generateId?: (() => string) | undefined;
  /** Emit an (empty) message even when the model produced no text; default false. */
  emitEmpty?: boolean | undefined;
}

function idSource<TContext>(options: StreamAssistantMessageOptions<TContext>): () => string {
  if (options.generateId) return options.generateId;
  const { store, thread, context } = options;
  if (store) return () => store.generateItemId('message', thread, context as TContext);
  return () => defaultGenerateId('message');
}

/**
 * Turns any stream of text deltas into the exact ChatKit sequence for one assistant message:
 * `thread.item.added` → `content_part.added` → `content_part.text_delta`… → `content_part.done` →
 * `thread.item.done` (what the Agents bridge emits for a Responses message, §9.2). The message
 * opens on the first non-empty delta, so a model turn that only calls tools emits nothing.
 * The generator's return value is the full text.
 *
 * If the stream is cancelled mid-answer, the server persists the text streamed so far (§6.9).
 *
 * @example
 * ```ts
 * import { createChatKitServer } from '@threadline/server';
 * import { streamAssistantMessage } from '@threadline/server/turn';
 * import { MemoryStore } from '@threadline/server/stores/memory';
 * // given: declare const myProvider: { streamText(prompt: string): AsyncIterable<string> };
 *
 * const server = createChatKitServer({
 *   store: new MemoryStore(),
 *   async *respond(thread, input, context) {
 *     const prompt = input?.content[0]?.type === 'input_text' ? input.content[0].text : '';
 *     const deltas = myProvider.streamText(prompt);
 *     yield* streamAssistantMessage(deltas, { thread, store: this.store, context });
 *   },
 * });
 * ```
 */
export async function* streamAssistantMessage<TContext = unknown>(
  textDeltas: AsyncIterable<string>,
  options: StreamAssistantMessageOptions<TContext>,
): AsyncGenerator<ThreadStreamEvent, string, undefined> {
  const threadId = options.thread.id;
  let itemId: string | undefined;
  let createdAt = '';
  let text = '';
  const open = function* (id: string): Generator<ThreadStreamEvent> {
    createdAt = new Date().toISOString();
    const item: AssistantMessageItem = {
      type: 'assistant_message',
      id,
      thread_id: threadId,
      created_at: createdAt,
      content: [],
    };
    yield { type: 'thread.item.added', item };
    yield {
      type: 'thread.item.updated',
      item_id: id,
      update: {
        type: 'assistant_message.content_part.added',
        content_index: 0,
        content: { type: 'output_text', text: '', annotations: [] },
      },
    };
  };
  const nextId = idSource(options);

  for await (const delta of textDeltas) {
    if (delta === '') continue;
    if (itemId === undefined) {
      itemId = nextId();
      yield* open(itemId);
    }
    text += delta;
    yield {
      type: 'thread.item.updated',
      item_id: itemId,
      update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta },
    };
  }
  if (itemId === undefined) {
    if (!options.emitEmpty) return text;
    itemId = nextId();
    yield* open(itemId);
  }
  const content = { type: 'output_text' as const, text, annotations: [] };
  yield {
    type: 'thread.item.updated',
    item_id: itemId,
    update: { type: 'assistant_message.content_part.done', content_index: 0, content },
  };
  yield {
    type: 'thread.item.done',
    item: {
      type: 'assistant_message',
      id: itemId,
      thread_id: threadId,
      created_at: createdAt,
      content: [{ type: 'output_text', text, annotations: [] }],
    },
  };
  return text;
}
