import { ChatKitServer, type HookOptions } from '../src/index.js';
import type {
  ThreadMetadata,
  ThreadStreamEventInput,
  UserMessageItem,
} from '../src/protocol/index.js';

export interface ExampleContext {
  userId: string;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });

/**
 * A model-free assistant that streams back what the user said, word by word, with a delay between
 * words, so streaming, the stop button and cancellation can be tried without an API key.
 */
export class EchoServer extends ChatKitServer<ExampleContext> {
  constructor(
    options: ConstructorParameters<typeof ChatKitServer<ExampleContext>>[0],
    private readonly wordDelayMs = 30,
  ) {
    super(options);
  }

  async *respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: ExampleContext,
    { signal }: HookOptions,
  ): AsyncIterable<ThreadStreamEventInput> {
    const said =
      input?.content
        .map((part) => (part.type === 'input_text' ? part.text : `@${part.text}`))
        .join('') ?? '';
    const words = `You said: ${said}`.split(/(?<= )/);
    const id = this.store.generateItemId('message', thread, context);
    const item = {
      type: 'assistant_message' as const,
      id,
      thread_id: thread.id,
      created_at: new Date().toISOString(),
      content: [],
    };
    yield { type: 'thread.item.added', item };
    yield {
      type: 'thread.item.updated',
      item_id: id,
      update: {
        type: 'assistant_message.content_part.added',
        content_index: 0,
        content: { type: 'output_text', text: '' },
      },
    };
    for (const word of words) {
      await sleep(this.wordDelayMs, signal);
      yield {
        type: 'thread.item.updated',
        item_id: id,
        update: {
          type: 'assistant_message.content_part.text_delta',
          content_index: 0,
          delta: word,
        },
      };
    }
    const text = words.join('');
    yield {
      type: 'thread.item.updated',
      item_id: id,
      update: {
        type: 'assistant_message.content_part.done',
        content_index: 0,
        content: { type: 'output_text', text },
      },
    };
    yield { type: 'thread.item.done', item: { ...item, content: [{ type: 'output_text', text }] } };
    if (!thread.title) thread.title = said.slice(0, 40) || 'New chat';
  }
}
