import { NotImplementedError } from '../errors.js';
import type { Action } from '../protocol/actions.js';
import type { ThreadStreamEventInput, StreamOptions } from '../protocol/events.js';
import type { ThreadItem, UserMessageItem, WidgetItem } from '../protocol/items.js';
import type { ChatKitReq, FeedbackKind } from '../protocol/requests.js';
import type {
  AudioInput,
  SyncCustomActionResponse,
  TranscriptionResult,
} from '../protocol/responses.js';
import type { ThreadMetadata } from '../protocol/thread.js';
import type { AttachmentStore, Store } from '../stores/store.js';
import type { CheckpointOptions } from './checkpoints.js';
import { runJsonOp } from './json-ops.js';
import { withKeepAlive } from './keep-alive.js';
import { consoleLogger, type Logger } from './logger.js';
import { parseRequest } from './parse-request.js';
import { persistCancelledStream } from './cancellation.js';
import { jsonResult, streamingResult, type ProcessResult } from './results.js';
import { prepareStreamOp } from './stream-ops.js';

/** Passed to the streaming hooks: aborts when the client disconnects or presses stop. */
export interface HookOptions {
  signal: AbortSignal;
}

export interface ChatKitServerOptions<TContext> {
  store: Store<TContext>;
  /**
   * Needed for `attachments.create`/`attachments.delete`. When it has `wrapStore` (e.g.
   * `BlobAttachmentStore`: fresh preview URLs on load), the server uses `store` wrapped by it.
   */
  attachmentStore?: AttachmentStore<TContext> | undefined;
  logger?: Logger | undefined;
  /**
   * Store the partial text of streaming answers (default every 1 s or 256 deltas), so a crash loses
   * at most that much; `false` turns it off. See docs/crash-safety.md.
   */
  checkpoints?: CheckpointOptions | false | undefined;
  /**
   * One turn per thread at a time, across processes (stores with leases: the SQL and memory
   * stores): a second concurrent turn gets a 409. The lease lasts this long without renewal, so a
   * crashed process frees its threads after it (default 30 s); `false` turns serialization off.
   */
  turnLeaseMs?: number | false | undefined;
  /**
   * Send an SSE comment (`: keep-alive`) after this many ms without a frame, so proxies do not cut
   * a stream that waits on a long tool call. Off by default.
   */
  keepAliveMs?: number | false | undefined;
}

export interface ProcessOptions {
  /** Abort to cancel a stream: the integration is stopped and its partial answer persisted (§6.9). */
  signal?: AbortSignal | undefined;
}

/**
 * A ChatKit backend (chatkit-python `ChatKitServer`). Subclass it and implement `respond`; the
 * other hooks are optional. `process()` takes a request body and returns either SSE frames or JSON.
 * Without a class, `createChatKitServer({ store, respond })` types the hooks for you.
 *
 * @example
 * import { assistantMessage, ChatKitServer, type ThreadMetadata } from '@threadline/server';
 *
 * class MyServer extends ChatKitServer<{ userId: string }> {
 *   async *respond(thread: ThreadMetadata) {
 *     yield assistantMessage(thread, 'Hello!');
 *   }
 * }
 */
export abstract class ChatKitServer<TContext = unknown> {
  /** The `store` option, wrapped by the attachment store's `wrapStore` when it has one. */
  readonly store: Store<TContext>;
  readonly attachmentStore: AttachmentStore<TContext> | undefined;
  readonly logger: Logger;
  readonly checkpoints: CheckpointOptions | false | undefined;
  readonly turnLeaseMs: number | false | undefined;
  readonly keepAliveMs: number | false | undefined;

  constructor(options: ChatKitServerOptions<TContext>) {
    this.store = options.attachmentStore?.wrapStore?.(options.store) ?? options.store;
    this.attachmentStore = options.attachmentStore;
    this.logger = options.logger ?? consoleLogger;
    this.checkpoints = options.checkpoints;
    this.turnLeaseMs = options.turnLeaseMs;
    this.keepAliveMs = options.keepAliveMs;
  }

  // ---- hooks (override points) ----

  /**
   * Produce the assistant's turn. `input` is the new user message, or null when resuming after a
   * client tool output or a structured-input answer. Mutate `thread` (title, status, metadata) and
   * the server saves it and streams `thread.updated`.
   */
  abstract respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: TContext,
    options: HookOptions,
  ): AsyncIterable<ThreadStreamEventInput>;

  /** Handle a streaming widget action (`threads.custom_action`). */
  // eslint-disable-next-line require-yield
  async *action(
    _thread: ThreadMetadata,
    action: Action,
    _sender: WidgetItem | null,
    _context: TContext,
    _options: HookOptions,
  ): AsyncIterable<ThreadStreamEventInput> {
    throw new NotImplementedError(`action() must be overridden to handle "${action.type}"`);
  }

  /** Handle a non-streaming widget action (`threads.sync_custom_action`); nothing is persisted for you. */
  async syncAction(
    _thread: ThreadMetadata,
    action: Action,
    _sender: WidgetItem,
    _context: TContext,
  ): Promise<SyncCustomActionResponse> {
    throw new NotImplementedError(`syncAction() must be overridden to handle "${action.type}"`);
  }

  /**
   * Record thumbs up/down (`items.feedback`, the thread's ownership already checked). The default
   * saves it with `store.saveFeedback` when the store has one (the SQL and memory stores do), and
   * otherwise does nothing. Overrides can call `super.addFeedback` to keep storing it.
   */
  async addFeedback(
    threadId: string,
    itemIds: string[],
    feedback: FeedbackKind,
    context: TContext,
  ): Promise<void> {
    await this.store.saveFeedback?.(threadId, itemIds, feedback, context);
  }

  /** Speech to text for dictation (`input.transcribe`). */
  async transcribe(_audio: AudioInput, _context: TContext): Promise<TranscriptionResult> {
    throw new NotImplementedError(
      'transcribe() must be overridden to support the input.transcribe request.',
    );
  }

  /**
   * The context the hooks of this request receive, built from the parsed request: e.g. copy
   * `request.metadata` (page URL, user info the client sent) into it. The default returns `context`
   * unchanged, as the reference does (docs/protocol.md §1.4, §10.1). Called once per request, after
   * validation and before any hook or store call.
   */
  contextForRequest(_request: ChatKitReq, context: TContext): TContext | Promise<TContext> {
    return context;
  }

  /** Options sent first on every stream; `allow_cancel` shows the client's stop button. */
  getStreamOptions(_thread: ThreadMetadata, _context: TContext): StreamOptions {
    return { allow_cancel: true };
  }

  /** Called after a stream was cancelled; the default keeps non-empty assistant messages and a hidden note. */
  async handleStreamCancelled(
    thread: ThreadMetadata,
    pendingItems: ThreadItem[],
    context: TContext,
  ): Promise<void> {
    await persistCancelledStream(this.store, thread, pendingItems, context);
  }

  // ---- entry point ----

  /**
   * Process one request body. Validation and lookups (thread, item, attachments) happen here, so a
   * bad request rejects with `InvalidRequestError`/`NotFoundError`/`ConflictError` before any
   * stream exists; all writes of a streaming op happen lazily while the stream is consumed.
   */
  async process(
    body: string | Uint8Array | ArrayBuffer | object,
    callerContext: TContext,
    options: ProcessOptions = {},
  ): Promise<ProcessResult> {
    const request: ChatKitReq = parseRequest(body);
    this.logger.info(`Received request op: ${request.type}`);
    const context = await this.contextForRequest(request, callerContext);
    // The hooks get our own signal: it follows the caller's, and also aborts when the consumer
    // simply stops reading the stream.
    const controller = new AbortController();
    const outer = options.signal;
    if (outer?.aborted) controller.abort(outer.reason);
    else outer?.addEventListener('abort', () => controller.abort(outer.reason), { once: true });
    switch (request.type) {
      case 'threads.create':
      case 'threads.add_user_message':
      case 'threads.add_client_tool_output':
      case 'threads.add_structured_input':
      case 'threads.retry_after_item':
      case 'threads.custom_action': {
        const frames = await prepareStreamOp(this, request, context, controller);
        return streamingResult(this.keepAliveMs ? withKeepAlive(frames, this.keepAliveMs) : frames);
      }
      case 'threads.sync_custom_action':
      case 'threads.get_by_id':
      case 'threads.list':
      case 'threads.update':
      case 'threads.delete':
      case 'items.list':
      case 'items.feedback':
      case 'attachments.create':
      case 'attachments.delete':
      case 'input.transcribe':
        return jsonResult(await runJsonOp(this, request, context));
      default: {
        const unreachable: never = request;
        throw new Error(`Unhandled request ${String(unreachable)}`);
      }
    }
  }
}
