import {
  ChatKitServer,
  type AttachmentStore,
  type ChatKitServerOptions,
  type HookOptions,
  type Logger,
  type Store,
  type ThreadItem,
  type ThreadMetadata,
  type ThreadStreamEventInput,
  type UserMessageItem,
} from '@threadline/server';
import type {
  Action,
  FeedbackKind,
  SyncCustomActionResponse,
  WidgetItem,
} from '@threadline/server/protocol';
import type { AppContext } from '../context.js';
import type { AgentRegistry } from './agents.js';
import { userText, type Responder } from './responder.js';

export interface AssistantServerOptions {
  store: Store<AppContext>;
  attachmentStore?: AttachmentStore<AppContext> | undefined;
  logger: Logger;
  agents: AgentRegistry;
  responder: Responder;
  checkpoints?: ChatKitServerOptions<AppContext>['checkpoints'];
}

const TITLE_MAX = 60;

/** The first line of the first message, cut at a word: the thread's title until renamed. */
export function titleFrom(text: string): string | undefined {
  const line = text
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.replace(/\s+/g, ' ')
    .trim();
  if (!line) return undefined;
  if (line.length <= TITLE_MAX) return line;
  const cut = line.slice(0, TITLE_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The app's ChatKit server: picks the thread's agent, titles new threads, and hands the turn to the
 * configured responder (a model, the demo model, or the "no model" notice). Cancelled streams are
 * persisted through the SDK's default path; the persistence promises are tracked so a graceful
 * shutdown can wait for them before closing the store.
 */
export class AssistantServer extends ChatKitServer<AppContext> {
  readonly agents: AgentRegistry;
  readonly responder: Responder;
  private readonly cancellations = new Set<Promise<void>>();

  constructor(options: AssistantServerOptions) {
    super({
      store: options.store,
      attachmentStore: options.attachmentStore,
      logger: options.logger,
      checkpoints: options.checkpoints,
    });
    this.agents = options.agents;
    this.responder = options.responder;
  }

  async *respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: AppContext,
    { signal }: HookOptions,
  ): AsyncIterable<ThreadStreamEventInput> {
    const agent = this.agents.forThread(thread);
    if (!thread.title && input && !this.responder.titlesThreads) {
      const title = titleFrom(userText(input));
      if (title) thread.title = title;
    }
    const guarded = await this.responder.guard?.(this.store, thread, input, context);
    if (guarded) {
      yield* guarded;
      return;
    }
    yield* this.responder.respond({ thread, input, context, agent, store: this.store, signal });
  }

  /** Widget actions go to the responder's action handlers (form answers…), when it has any. */
  override async *action(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem | null,
    context: AppContext,
    options: HookOptions,
  ): AsyncIterable<ThreadStreamEventInput> {
    const actions = this.responder.actions;
    if (!actions) {
      yield* super.action(thread, action, sender, context, options);
      return;
    }
    yield* actions.handle(this, thread, action, sender, context, { signal: options.signal });
  }

  override async syncAction(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem,
    context: AppContext,
  ): Promise<SyncCustomActionResponse> {
    const actions = this.responder.actions;
    if (!actions) return super.syncAction(thread, action, sender, context);
    return actions.handleSync(this, thread, action, sender, context);
  }

  override async addFeedback(
    threadId: string,
    itemIds: string[],
    feedback: FeedbackKind,
    context: AppContext,
  ): Promise<void> {
    // Validates ownership (another user's thread is a 404) before recording anything.
    await this.store.loadThread(threadId, context);
    this.logger.info('Feedback received', { threadId, itemIds, feedback, userId: context.userId });
  }

  override handleStreamCancelled(
    thread: ThreadMetadata,
    pendingItems: ThreadItem[],
    context: AppContext,
  ): Promise<void> {
    const persisted = super.handleStreamCancelled(thread, pendingItems, context);
    this.cancellations.add(persisted);
    void persisted.finally(() => this.cancellations.delete(persisted)).catch(() => {});
    return persisted;
  }

  /** Resolves once every cancelled stream's partial answer is saved (for shutdown). */
  async settleCancellations(): Promise<void> {
    while (this.cancellations.size > 0) {
      await Promise.allSettled([...this.cancellations]);
    }
  }
}
