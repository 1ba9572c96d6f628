import { serve } from '@hono/node-server';
import { OpenAIResponsesModel, type Agent, type Model } from '@openai/agents';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { AgentContext, simpleToAgentInput, streamAgentRun } from '../../src/agents/index.js';
import { createChatKitHandler } from '../../src/http/index.js';
import { ChatKitServer, type HookOptions } from '../../src/index.js';
import type {
  Action,
  SyncCustomActionResponse,
  ThreadMetadata,
  ThreadStreamEvent,
  ThreadStreamEventInput,
  UserMessageItem,
  WidgetItem,
} from '../../src/protocol/index.js';
import { loadHistory } from '../../src/turn/index.js';
import { MemoryStore } from '../../src/stores/memory/index.js';
import type { Store } from '../../src/stores/store.js';
import {
  startFakeModelServer,
  type FakeModelServer,
  type FakeScript,
} from '../../src/testing/index.js';
import { decodeFrames } from '../helpers/decode-sse.js';

/** The request context of these tests: the user and the bearer token they sent, if any. */
export interface HarnessContext {
  userId: string;
  token?: string | undefined;
}

export const USER: HarnessContext = { userId: 'user_1' };

type Ctx = AgentContext<HarnessContext>;

/** Per-test wiring of the agent-backed server. */
export interface HarnessHooks {
  /** The agent for one turn (tools may depend on the turn's context). */
  agent(context: Ctx, model: Model): Agent<Ctx> | Promise<Agent<Ctx>>;
  /** Runs first in `respond`; events returned instead of a model call (the pending-form guard). */
  guard?(
    server: AgentChatServer,
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: HarnessContext,
  ): Promise<AsyncIterable<ThreadStreamEventInput> | undefined> | undefined;
  action?(
    server: AgentChatServer,
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem | null,
    context: HarnessContext,
    options: HookOptions,
  ): AsyncIterable<ThreadStreamEventInput>;
  syncAction?(
    server: AgentChatServer,
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem,
    context: HarnessContext,
  ): Promise<SyncCustomActionResponse>;
}

/** A ChatKit server answering with an Agents SDK run against the fake model (the docs pattern, §9.4). */
export class AgentChatServer extends ChatKitServer<HarnessContext> {
  constructor(
    store: Store<HarnessContext>,
    private readonly model: Model,
    private readonly hooks: HarnessHooks,
  ) {
    super({ store, logger: { debug() {}, info() {}, warn() {}, error() {} } });
  }

  async *respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    requestContext: HarnessContext,
    { signal }: HookOptions,
  ) {
    const blocked = await this.hooks.guard?.(this, thread, input, requestContext);
    if (blocked) {
      yield* blocked;
      return;
    }
    const context = new AgentContext({ thread, store: this.store, requestContext, signal });
    const agent = await this.hooks.agent(context, this.model);
    const history = await simpleToAgentInput(
      await loadHistory(this.store, thread, requestContext, { limit: 40 }),
    );
    yield* streamAgentRun(context, agent, history);
  }

  override action(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem | null,
    context: HarnessContext,
    options: HookOptions,
  ) {
    return this.hooks.action
      ? this.hooks.action(this, thread, action, sender, context, options)
      : super.action(thread, action, sender, context, options);
  }

  override syncAction(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem,
    context: HarnessContext,
  ) {
    return this.hooks.syncAction
      ? this.hooks.syncAction(this, thread, action, sender, context)
      : super.syncAction(thread, action, sender, context);
  }
}

/** A running harness: the fake model, the ChatKit endpoint on a real socket, and request helpers. */
export interface Harness {
  fake: FakeModelServer;
  store: Store<HarnessContext>;
  server: AgentChatServer;
  url: string;
  post(body: object, init?: { token?: string; signal?: AbortSignal }): Promise<Response>;
  stream(body: object, init?: { token?: string }): Promise<ThreadStreamEvent[]>;
  json<T = Record<string, unknown>>(body: object, init?: { token?: string }): Promise<T>;
  /** Serves another server instance (e.g. after a "restart") on a new port, same fake model. */
  restart(hooks?: HarnessHooks, store?: Store<HarnessContext>): Promise<void>;
  close(): Promise<void>;
}

const bearer = (request: Request): string | undefined => {
  const header = request.headers.get('authorization');
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
};

async function listen(server: AgentChatServer) {
  const handler = createChatKitHandler(server, {
    getContext: (request) => ({ ...USER, token: bearer(request) }),
  });
  let address: AddressInfo | undefined;
  const http = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const instance = serve({ fetch: handler, port: 0, hostname: '127.0.0.1' }, (info) => {
      address = info;
      resolve(instance);
    });
  });
  return { http, url: `http://127.0.0.1:${address!.port}/chatkit` };
}

const closeHttp = (http: ReturnType<typeof serve>) => {
  if ('closeAllConnections' in http) http.closeAllConnections();
  return new Promise<void>((resolve) => http.close(() => resolve()));
};

/** Starts the fake model and a ChatKit endpoint (`createChatKitHandler` + `@hono/node-server`). */
export async function startHarness(
  script: FakeScript,
  hooks: HarnessHooks,
  store: Store<HarnessContext> = new MemoryStore(),
): Promise<Harness> {
  const fake = await startFakeModelServer(script);
  const model = new OpenAIResponsesModel(
    new OpenAI({ baseURL: fake.baseURL, apiKey: 'test', maxRetries: 0 }),
    'gpt-test',
  );
  let server = new AgentChatServer(store, model, hooks);
  let served = await listen(server);
  const harness: Harness = {
    fake,
    store,
    server,
    url: served.url,
    post(body, init = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      return fetch(harness.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        ...(init.signal ? { signal: init.signal } : {}),
      });
    },
    async stream(body, init) {
      const response = await harness.post(body, init);
      const text = await response.text();
      if (response.headers.get('content-type') !== 'text/event-stream') {
        throw new Error(`Expected SSE, got ${response.status}: ${text}`);
      }
      return decodeFrames(text).events;
    },
    async json<T>(body: object, init?: { token?: string }) {
      const response = await harness.post(body, init);
      return (await response.json()) as T;
    },
    async restart(nextHooks = hooks, nextStore = harness.store) {
      await closeHttp(served.http);
      server = new AgentChatServer(nextStore, model, nextHooks);
      served = await listen(server);
      harness.server = server;
      harness.store = nextStore;
      harness.url = served.url;
    },
    async close() {
      await closeHttp(served.http);
      await fake.close();
    },
  };
  return harness;
}

/** The id of the thread a `threads.create` stream created. */
export function threadIdOf(events: ThreadStreamEvent[]): string {
  const created = events.find((event) => event.type === 'thread.created');
  if (created?.type !== 'thread.created') throw new Error('expected thread.created');
  return created.thread.id;
}

export { textInput } from '../helpers/make-server.js';

/** Items a stream persisted and showed (`thread.item.done`). */
export const doneItems = (events: ThreadStreamEvent[]) =>
  events.flatMap((event) => (event.type === 'thread.item.done' ? [event.item] : []));

/** The `input` the fake model received in request `index`. */
export const modelInput = (fake: FakeModelServer, index: number) =>
  fake.requests[index]!.body.input as {
    type?: string;
    role?: string;
    output?: unknown;
    call_id?: string;
    content?: unknown;
  }[];

/** The `function_call_output` values the model received in request `index`. */
export const toolOutputs = (fake: FakeModelServer, index: number) =>
  modelInput(fake, index).flatMap((item) =>
    item.type === 'function_call_output' ? [item.output] : [],
  );
