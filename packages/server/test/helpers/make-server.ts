import {
  ChatKitServer,
  isStreamingResult,
  type HookOptions,
  type ProcessResult,
} from '../../src/index.js';
import type {
  Action,
  AudioInput,
  FeedbackKind,
  SyncCustomActionResponse,
  ThreadItem,
  ThreadMetadata,
  ThreadStreamEventInput,
  TranscriptionResult,
  UserMessageItem,
  WidgetItem,
} from '../../src/protocol/index.js';
import type { AttachmentStore, Store } from '../../src/stores/store.js';
import { MemoryStore } from '../../src/stores/memory/index.js';
import { collectStream } from './decode-sse.js';

export interface TestContext {
  userId: string;
}

export const CONTEXT: TestContext = { userId: 'test_user' };
export const OTHER_USER: TestContext = { userId: 'alternative_user' };

type Respond = (
  thread: ThreadMetadata,
  input: UserMessageItem | null,
  context: TestContext,
  options: HookOptions,
) => AsyncIterable<ThreadStreamEventInput>;

/** Per-test callbacks; unspecified hooks keep the base class behaviour. */
export interface Hooks {
  respond?: Respond;
  action?: (
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem | null,
    context: TestContext,
    options: HookOptions,
  ) => AsyncIterable<ThreadStreamEventInput>;
  syncAction?: (
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem,
    context: TestContext,
  ) => Promise<SyncCustomActionResponse>;
  addFeedback?: (
    threadId: string,
    itemIds: string[],
    kind: FeedbackKind,
    context: TestContext,
  ) => Promise<void>;
  transcribe?: (audio: AudioInput, context: TestContext) => Promise<TranscriptionResult>;
  handleStreamCancelled?: (
    thread: ThreadMetadata,
    pending: ThreadItem[],
    context: TestContext,
  ) => Promise<void>;
}

/** A server whose hooks delegate to per-test callbacks (the reference test harness, §11). */
export class ScriptedServer extends ChatKitServer<TestContext> {
  constructor(
    readonly hooks: Hooks,
    store: Store<TestContext>,
    attachmentStore?: AttachmentStore<TestContext>,
  ) {
    super({ store, attachmentStore, logger: { debug() {}, info() {}, warn() {}, error() {} } });
  }

  respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: TestContext,
    options: HookOptions,
  ) {
    return this.hooks.respond ? this.hooks.respond(thread, input, context, options) : empty();
  }

  override action(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem | null,
    context: TestContext,
    options: HookOptions,
  ) {
    return this.hooks.action
      ? this.hooks.action(thread, action, sender, context, options)
      : super.action(thread, action, sender, context, options);
  }

  override syncAction(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem,
    context: TestContext,
  ) {
    return this.hooks.syncAction
      ? this.hooks.syncAction(thread, action, sender, context)
      : super.syncAction(thread, action, sender, context);
  }

  override addFeedback(
    threadId: string,
    itemIds: string[],
    kind: FeedbackKind,
    context: TestContext,
  ) {
    return this.hooks.addFeedback
      ? this.hooks.addFeedback(threadId, itemIds, kind, context)
      : super.addFeedback(threadId, itemIds, kind, context);
  }

  override transcribe(audio: AudioInput, context: TestContext) {
    return this.hooks.transcribe
      ? this.hooks.transcribe(audio, context)
      : super.transcribe(audio, context);
  }

  override handleStreamCancelled(
    thread: ThreadMetadata,
    pending: ThreadItem[],
    context: TestContext,
  ) {
    return this.hooks.handleStreamCancelled
      ? this.hooks.handleStreamCancelled(thread, pending, context)
      : super.handleStreamCancelled(thread, pending, context);
  }
}

async function* empty(): AsyncIterable<ThreadStreamEventInput> {}

export function makeServer(
  hooks: Hooks = {},
  store: Store<TestContext> = new MemoryStore<TestContext>(),
) {
  return { server: new ScriptedServer(hooks, store), store };
}

/** Runs a streaming request and decodes its events (validated against the schemas). */
export async function stream(
  server: ChatKitServer<TestContext>,
  body: object,
  context: TestContext = CONTEXT,
) {
  const result: ProcessResult = await server.process(JSON.stringify(body), context);
  if (!isStreamingResult(result)) throw new Error(`Expected a stream for ${JSON.stringify(body)}`);
  return collectStream(result);
}

/** Runs a JSON request and parses its body. */
export async function json<T = Record<string, unknown>>(
  server: ChatKitServer<TestContext>,
  body: object,
  context: TestContext = CONTEXT,
): Promise<T> {
  const result = await server.process(JSON.stringify(body), context);
  if (isStreamingResult(result)) throw new Error(`Expected JSON for ${JSON.stringify(body)}`);
  return JSON.parse(result.json) as T;
}

/** A `UserMessageInput` with one text part (`extra` overrides or adds fields). */
export const textInput = (text: string, extra: Record<string, unknown> = {}) => ({
  content: [{ type: 'input_text', text }],
  attachments: [] as string[],
  inference_options: {},
  ...extra,
});

export const now = () => new Date().toISOString();

export const assistantMessage = (threadId: string, id: string, text: string) => ({
  type: 'assistant_message' as const,
  id,
  thread_id: threadId,
  created_at: now(),
  content: [{ type: 'output_text' as const, text }],
});
