import {
  canonicalLocale,
  ChatKitServer,
  type AttachmentStore,
  type ChatKitServerOptions,
  type HookOptions,
  type Logger,
  type Store,
  type ThreadMetadata,
  type ThreadStreamEventInput,
  type UserMessageItem,
} from '@threadline/server';
import type {
  Action,
  AudioInput,
  ChatKitReq,
  FeedbackKind,
  TranscriptionResult,
  SyncCustomActionResponse,
  WidgetItem,
} from '@threadline/server/protocol';
import { assertInputLength, generateThreadTitle } from '@threadline/server/turn';
import type { AppContext } from '../context.js';
import type { AgentRegistry } from './agents.js';
import type { Responder } from './responder.js';
import { modelWidgetAction } from './widget-actions.js';

export interface AssistantServerOptions {
  store: Store<AppContext>;
  attachmentStore?: AttachmentStore<AppContext> | undefined;
  logger: Logger;
  agents: AgentRegistry;
  responder: Responder;
  checkpoints?: ChatKitServerOptions<AppContext>['checkpoints'];
  /** Longest user message in characters; longer ones get an error and no model call (0 = off). */
  maxInputChars?: number | undefined;
  /** Speech to text for `input.transcribe`; without it the request is a 501. */
  transcriber?: { transcribe(audio: AudioInput): Promise<TranscriptionResult> } | undefined;
  keepAliveMs?: number | undefined;
}

/**
 * The app's ChatKit server: picks the thread's agent, titles new threads, and hands the turn to the
 * configured responder (a model, the demo model, or the "no model" notice). Cancelled streams are
 * persisted through the SDK's default path.
 */
export class AssistantServer extends ChatKitServer<AppContext> {
  readonly agents: AgentRegistry;
  readonly responder: Responder;
  private readonly maxInputChars: number;
  private readonly transcriber: AssistantServerOptions['transcriber'];

  constructor(options: AssistantServerOptions) {
    super({
      store: options.store,
      attachmentStore: options.attachmentStore,
      logger: options.logger,
      checkpoints: options.checkpoints,
      keepAliveMs: options.keepAliveMs,
    });
    this.agents = options.agents;
    this.responder = options.responder;
    this.maxInputChars = options.maxInputChars ?? 0;
    this.transcriber = options.transcriber;
  }

  /**
   * Folds the request's `metadata` into the context (docs/protocol.md §1.4); its `locale`, when a
   * valid tag, wins over `Accept-Language` (an integration may send one explicitly).
   */
  override contextForRequest(request: ChatKitReq, context: AppContext): AppContext {
    const { metadata } = request;
    if (Object.keys(metadata).length === 0) return context;
    const locale =
      typeof metadata.locale === 'string' ? canonicalLocale(metadata.locale) : undefined;
    return { ...context, requestMetadata: metadata, locale: locale ?? context.locale };
  }

  override async transcribe(audio: AudioInput, context: AppContext): Promise<TranscriptionResult> {
    if (!this.transcriber) return super.transcribe(audio, context);
    return this.transcriber.transcribe(audio);
  }

  async *respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: AppContext,
    { signal }: HookOptions,
  ): AsyncIterable<ThreadStreamEventInput> {
    const agent = this.agents.forThread(thread);
    if (this.maxInputChars > 0)
      assertInputLength(input, { maxChars: this.maxInputChars, locale: context.locale });
    // Without a title model, the first message (cut at a word) names the thread.
    if (!this.responder.titlesThreads) await generateThreadTitle(thread, input);
    const guarded = await this.responder.guard?.(this.store, thread, input, context);
    if (guarded) {
      yield* guarded;
      return;
    }
    yield* this.responder.respond({ thread, input, context, agent, store: this.store, signal });
  }

  /**
   * Widget actions go to the responder's action handlers (form answers…); any other action
   * reaches the model as hidden context and the agent continues (`widget-actions.ts`).
   */
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
    if (actions.has(action.type)) {
      yield* actions.handle(this, thread, action, sender, context, { signal: options.signal });
      return;
    }
    yield* modelWidgetAction(this, thread, action, context, options.signal);
  }

  /** Sync actions: registered handlers first, then an MCP tool that answers widget actions. */
  override async syncAction(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem,
    context: AppContext,
  ): Promise<SyncCustomActionResponse> {
    const actions = this.responder.actions;
    if (!actions) return super.syncAction(thread, action, sender, context);
    if (!actions.hasSync(action.type) && this.responder.syncWidgetAction) {
      const agent = this.agents.forThread(thread);
      const answered = await this.responder.syncWidgetAction({
        thread,
        context,
        agent,
        store: this.store,
        action,
        sender,
      });
      if (answered) return answered;
    }
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
    // The default stores it next to the threads (`threadline feedback` lists it).
    await super.addFeedback(threadId, itemIds, feedback, context);
    this.logger.info('Feedback received', { threadId, itemIds, feedback, userId: context.userId });
  }
}
