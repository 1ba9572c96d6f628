import type { Action } from '../protocol/actions.js';
import type { StreamOptions, ThreadStreamEventInput } from '../protocol/events.js';
import type { ThreadItem, UserMessageItem, WidgetItem } from '../protocol/items.js';
import type { ChatKitReq, FeedbackKind } from '../protocol/requests.js';
import type {
  AudioInput,
  SyncCustomActionResponse,
  TranscriptionResult,
} from '../protocol/responses.js';
import type { ThreadMetadata } from '../protocol/thread.js';
import { ChatKitServer, type ChatKitServerOptions, type HookOptions } from './chatkit-server.js';

/**
 * The hooks of a `ChatKitServer` as plain functions. Only `respond` is required; a missing hook
 * keeps the class's default. Written as methods of an object literal, their parameters and the
 * events they yield are typed from this interface, so no annotations are needed under `strict`;
 * inside them `this` is the server (`this.store`), as in a subclass.
 */
export interface ChatKitServerHooks<TContext> {
  respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: TContext,
    options: HookOptions,
  ): AsyncIterable<ThreadStreamEventInput>;
  action?(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem | null,
    context: TContext,
    options: HookOptions,
  ): AsyncIterable<ThreadStreamEventInput>;
  syncAction?(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem,
    context: TContext,
  ): Promise<SyncCustomActionResponse>;
  addFeedback?(
    threadId: string,
    itemIds: string[],
    feedback: FeedbackKind,
    context: TContext,
  ): Promise<void>;
  transcribe?(audio: AudioInput, context: TContext): Promise<TranscriptionResult>;
  contextForRequest?(request: ChatKitReq, context: TContext): TContext | Promise<TContext>;
  getStreamOptions?(thread: ThreadMetadata, context: TContext): StreamOptions;
  handleStreamCancelled?(
    thread: ThreadMetadata,
    pendingItems: ThreadItem[],
    context: TContext,
  ): Promise<void>;
}

export type CreateChatKitServerOptions<TContext> = ChatKitServerOptions<TContext> &
  ChatKitServerHooks<TContext> &
  ThisType<ChatKitServer<TContext>>;

/** A `ChatKitServer` whose hooks are the functions it was created with. */
class HookedChatKitServer<TContext> extends ChatKitServer<TContext> {
  readonly #hooks: ChatKitServerHooks<TContext>;

  constructor(options: CreateChatKitServerOptions<TContext>) {
    super(options);
    this.#hooks = options;
  }

  respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: TContext,
    options: HookOptions,
  ): AsyncIterable<ThreadStreamEventInput> {
    return this.#hooks.respond.call(this, thread, input, context, options);
  }

  override action(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem | null,
    context: TContext,
    options: HookOptions,
  ): AsyncIterable<ThreadStreamEventInput> {
    return this.#hooks.action
      ? this.#hooks.action.call(this, thread, action, sender, context, options)
      : super.action(thread, action, sender, context, options);
  }

  override syncAction(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem,
    context: TContext,
  ): Promise<SyncCustomActionResponse> {
    return this.#hooks.syncAction
      ? this.#hooks.syncAction.call(this, thread, action, sender, context)
      : super.syncAction(thread, action, sender, context);
  }

  override addFeedback(
    threadId: string,
    itemIds: string[],
    feedback: FeedbackKind,
    context: TContext,
  ): Promise<void> {
    return this.#hooks.addFeedback
      ? this.#hooks.addFeedback.call(this, threadId, itemIds, feedback, context)
      : super.addFeedback(threadId, itemIds, feedback, context);
  }

  override transcribe(audio: AudioInput, context: TContext): Promise<TranscriptionResult> {
    return this.#hooks.transcribe
      ? this.#hooks.transcribe.call(this, audio, context)
      : super.transcribe(audio, context);
  }

  override getStreamOptions(thread: ThreadMetadata, context: TContext): StreamOptions {
    return this.#hooks.getStreamOptions
      ? this.#hooks.getStreamOptions.call(this, thread, context)
      : super.getStreamOptions(thread, context);
  }

  override contextForRequest(request: ChatKitReq, context: TContext): TContext | Promise<TContext> {
    return this.#hooks.contextForRequest
      ? this.#hooks.contextForRequest.call(this, request, context)
      : super.contextForRequest(request, context);
  }

  override handleStreamCancelled(
    thread: ThreadMetadata,
    pendingItems: ThreadItem[],
    context: TContext,
  ): Promise<void> {
    return this.#hooks.handleStreamCancelled
      ? this.#hooks.handleStreamCancelled.call(this, thread, pendingItems, context)
      : super.handleStreamCancelled(thread, pendingItems, context);
  }
}

/**
 * The function-first way to build a server: pass the store and the hooks, get a `ChatKitServer`.
 * Equivalent to subclassing, without the annotations an overriding method needs.
 *
 * @example
 * import { assistantMessage, createChatKitServer } from '@threadline/server';
 * import { MemoryStore } from '@threadline/server/stores/memory';
 *
 * const server = createChatKitServer({
 *   store: new MemoryStore<{ userId: string }>(),
 *   async *respond(thread) {
 *     yield assistantMessage(thread, 'Hello!');
 *   },
 * });
 */
export function createChatKitServer<TContext = unknown>(
  options: CreateChatKitServerOptions<TContext>,
): ChatKitServer<TContext> {
  return new HookedChatKitServer(options);
}
