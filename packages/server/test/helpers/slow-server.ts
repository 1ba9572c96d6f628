import type { AsyncLocalStorage } from 'node:async_hooks';
import { ChatKitServer, type HookOptions } from '../../src/index.js';
import type {
  ThreadMetadata,
  ThreadStreamEventInput,
  UserMessageItem,
} from '../../src/protocol/index.js';
import { streamAssistantMessage } from '../../src/turn/index.js';
import { MemoryStore } from '../../src/stores/memory/index.js';
import type { TestContext } from './make-server.js';

/** Streams "w0 w1 …" one word per `delayMs` until done or cancelled; logs into `lines`. */
export class SlowServer extends ChatKitServer<TestContext> {
  readonly lines: { level: string; message: string; scope: string | undefined }[] = [];
  constructor(
    private readonly words: number,
    private readonly delayMs: number,
    scope?: AsyncLocalStorage<string>,
  ) {
    const log =
      (level: string) =>
      (message: string, ...details: unknown[]) =>
        this.lines.push({
          level,
          message: `${message} ${details.map(String).join(' ')}`,
          scope: scope?.getStore(),
        });
    super({
      store: new MemoryStore<TestContext>(),
      logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    });
  }

  async *respond(
    thread: ThreadMetadata,
    _input: UserMessageItem | null,
    context: TestContext,
    { signal }: HookOptions,
  ): AsyncIterable<ThreadStreamEventInput> {
    const { words, delayMs, logger } = this;
    logger.info(`respond for ${context.userId}`);
    async function* deltas() {
      for (let i = 0; i < words && !signal.aborted; i++) {
        logger.debug(`delta ${i}`);
        yield `w${i} `;
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
    yield* streamAssistantMessage(deltas(), { thread, store: this.store, context });
  }
}

/** The first assistant message saved in the user's newest thread ('' when none). */
export async function savedAnswer(server: SlowServer, context: TestContext): Promise<string> {
  const threads = await server.store.loadThreads(10, null, 'desc', context);
  const items = await server.store.loadThreadItems(threads.data[0]!.id, null, 50, 'asc', context);
  const answer = items.data.find((item) => item.type === 'assistant_message');
  return answer?.type === 'assistant_message' ? answer.content[0]!.text : '';
}
