import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { isStreamingResult, type ProcessOptions } from '../../../src/index.js';
import type {
  Thread,
  ThreadItem,
  ThreadStreamEvent,
  UserMessageItem,
} from '../../../src/protocol/index.js';
import type { Store } from '../../../src/stores/store.js';
import { RecordingAttachmentStore } from '../../helpers/attachment-store.js';
import { collectStream, decodeFrames } from '../../helpers/decode-sse.js';
import { ScriptedServer, type Hooks, type TestContext } from '../../helpers/make-server.js';
import { recordStore, type RecordingStore, type StoreCall } from '../../helpers/recording-store.js';
import { textInput } from './fixtures.js';

/** Builds the store under test; `cleanup` runs once after the whole suite. */
export type MakeStore = () => Promise<{
  store: Store<TestContext>;
  cleanup?: () => Promise<void>;
}>;

export interface Decoded {
  events: ThreadStreamEvent[];
  /** The same events as parsed JSON, for asserting exact keys. */
  raw: Record<string, unknown>[];
}

export interface CreatedThread extends Decoded {
  threadId: string;
  thread: Thread;
  user: UserMessageItem;
}

type EventOf<T extends ThreadStreamEvent['type']> = Extract<ThreadStreamEvent, { type: T }>;

/** Asserts an event's type and narrows it. */
export function eventOf<T extends ThreadStreamEvent['type']>(
  event: ThreadStreamEvent | undefined,
  type: T,
): EventOf<T> {
  expect(event?.type).toBe(type);
  return event as EventOf<T>;
}

export const typesOf = (events: readonly ThreadStreamEvent[]): string[] =>
  events.map((e) => e.type);

/** Decodes (and schema-validates) a single SSE frame. */
export function decodeFrame(frame: string): {
  event: ThreadStreamEvent;
  raw: Record<string, unknown>;
} {
  const { events, raw } = decodeFrames(frame);
  expect(events).toHaveLength(1);
  return { event: events[0]!, raw: raw[0]! };
}

let userSeq = 0;

/**
 * Everything one conformance test needs. The store under test is shared by the whole suite (a
 * PostgreSQL schema is expensive); each test gets fresh users, so its data is isolated by owner,
 * a fresh recording proxy over the store, and a fresh attachment store.
 */
export class Harness {
  /** This test's user. */
  readonly ctx: TestContext;
  /** Another user of the same store. */
  readonly other: TestContext;
  readonly recording: RecordingStore<TestContext>;
  readonly attachmentStore = new RecordingAttachmentStore<TestContext>();

  constructor(readonly rawStore: Store<TestContext>) {
    const n = ++userSeq;
    const tag = crypto.randomUUID().slice(0, 8);
    this.ctx = { userId: `user_${n}_${tag}` };
    this.other = { userId: `other_${n}_${tag}` };
    this.recording = recordStore(rawStore);
  }

  /** The recording proxy the servers use. */
  get store(): Store<TestContext> {
    return this.recording.store;
  }

  get calls(): StoreCall[] {
    return this.recording.calls;
  }

  server(hooks: Hooks = {}, options: { attachments?: boolean } = {}): ScriptedServer {
    return new ScriptedServer(
      hooks,
      this.store,
      options.attachments ? this.attachmentStore : undefined,
    );
  }

  /** Runs a streaming request to completion and decodes (and validates) every frame. */
  async stream(
    server: ScriptedServer,
    body: object,
    ctx: TestContext = this.ctx,
    options?: ProcessOptions,
  ): Promise<Decoded> {
    const result = await server.process(JSON.stringify(body), ctx, options);
    if (!isStreamingResult(result))
      throw new Error(`Expected a stream for ${JSON.stringify(body)}`);
    return collectStream(result);
  }

  /** Runs a JSON request and returns the exact response body. */
  async body(server: ScriptedServer, body: object, ctx: TestContext = this.ctx): Promise<string> {
    const result = await server.process(JSON.stringify(body), ctx);
    if (isStreamingResult(result)) throw new Error(`Expected JSON for ${JSON.stringify(body)}`);
    return result.json;
  }

  async json<T = Record<string, unknown>>(
    server: ScriptedServer,
    body: object,
    ctx: TestContext = this.ctx,
  ): Promise<T> {
    return JSON.parse(await this.body(server, body, ctx)) as T;
  }

  /** `threads.create` with the given input; returns the new thread, the user message and all events. */
  async createThread(
    server: ScriptedServer,
    input: object = textInput('Hello'),
    ctx: TestContext = this.ctx,
  ): Promise<CreatedThread> {
    const decoded = await this.stream(server, { type: 'threads.create', params: { input } }, ctx);
    const thread = eventOf(decoded.events[0], 'thread.created').thread;
    const user = eventOf(decoded.events[1], 'thread.item.done').item;
    if (user.type !== 'user_message')
      throw new Error(`Expected the user message, got ${user.type}`);
    return { ...decoded, threadId: thread.id, thread, user };
  }

  /** Every stored item of a thread, oldest first, read from the unrecorded store. */
  async storedItems(threadId: string, ctx: TestContext = this.ctx): Promise<ThreadItem[]> {
    const items: ThreadItem[] = [];
    let after: string | null | undefined = null;
    for (;;) {
      const page = await this.rawStore.loadThreadItems(threadId, after, 100, 'asc', ctx);
      items.push(...page.data);
      if (!page.has_more) return items;
      after = page.after;
    }
  }

  /** The stored item, read from the unrecorded store. */
  storedItem(threadId: string, itemId: string, ctx: TestContext = this.ctx): Promise<ThreadItem> {
    return this.rawStore.loadItem(threadId, itemId, ctx);
  }

  /** Forget the calls made so far (e.g. while setting a thread up). */
  resetCalls(): void {
    this.calls.length = 0;
  }
}

/**
 * Registers the suite lifecycle: the store is made once, cleaned up after all tests, and every
 * test gets a fresh `Harness`. Returns an accessor for the current test's harness.
 */
export function useHarness(makeStore: MakeStore): () => Harness {
  let made: Awaited<ReturnType<MakeStore>> | undefined;
  let current: Harness | undefined;
  beforeAll(async () => {
    made = await makeStore();
  });
  afterAll(async () => {
    await made?.cleanup?.();
  });
  beforeEach(() => {
    if (!made) throw new Error('The store under test was not created');
    current = new Harness(made.store);
  });
  return () => {
    if (!current) throw new Error('The harness is only available inside a test');
    return current;
  };
}

export type HarnessAccessor = () => Harness;
