import type { z } from 'zod';
import { ConfigurationError, CustomStreamError, InvalidRequestError } from '../errors.js';
import type { Action } from '../protocol/actions.js';
import type { ThreadStreamEventInput } from '../protocol/events.js';
import type { WidgetItem } from '../protocol/items.js';
import type { SyncCustomActionResponse } from '../protocol/responses.js';
import type { ThreadMetadata } from '../protocol/thread.js';
import type { WidgetRootInput } from '../protocol/widgets/index.js';
import type { Store } from '../stores/store.js';
import { clientEffectEvent, hiddenContextEvent, replacedWidgetEvent } from './action-events.js';

/** What a handler needs from the server: its store and, to resume the agent, `respond`. */
export interface ActionHost<TContext> {
  readonly store: Store<TContext>;
  respond(
    thread: ThreadMetadata,
    input: null,
    context: TContext,
    options: { signal: AbortSignal },
  ): AsyncIterable<ThreadStreamEventInput>;
}

/** Everything a streaming action handler (`threads.custom_action`) receives. */
export interface ActionHandlerArgs<TContext, TPayload> {
  thread: ThreadMetadata;
  action: Action;
  /** The payload, parsed with the action's schema when one was given (else as sent: untrusted). */
  payload: TPayload;
  /** The widget item the action came from, if any. */
  sender: WidgetItem | null;
  context: TContext;
  store: Store<TContext>;
  signal: AbortSignal;
  /** `thread.item.replaced` of the sender with a new widget (persisted by the server). */
  replaceSender: (widget: WidgetRootInput, copyText?: string) => ThreadStreamEventInput;
  /** A hidden context item for the model's next turn (persisted, never shown). */
  hiddenContext: (content: string) => ThreadStreamEventInput;
  /** A `client_effect` event (fire-and-forget, handled by the client's `onEffect`). */
  clientEffect: (name: string, data?: Record<string, unknown>) => ThreadStreamEventInput;
  /** The agent's continuation: `respond(thread, null, context)`; `yield*` it. */
  resume: () => AsyncIterable<ThreadStreamEventInput>;
}

/**
 * Handles one streaming action: an async generator of events (`yield replaceSender(...)`), or an
 * async function when there is nothing to stream.
 */
export type ActionHandler<TContext, TPayload> = (
  args: ActionHandlerArgs<TContext, TPayload>,
) => AsyncIterable<ThreadStreamEventInput> | Promise<void> | void;

/** Everything a sync action handler (`threads.sync_custom_action`) receives. */
export interface SyncActionHandlerArgs<TContext, TPayload> {
  thread: ThreadMetadata;
  action: Action;
  payload: TPayload;
  /** The widget item the action came from (sync actions always have one). */
  sender: WidgetItem;
  context: TContext;
  store: Store<TContext>;
  /**
   * The response that replaces the sender's widget in place. Saves the item first (default), so
   * a reload shows the same state; the server itself persists nothing for sync actions (§2.7).
   */
  updateSender: (
    widget: WidgetRootInput,
    options?: { copyText?: string; persist?: boolean },
  ) => Promise<SyncCustomActionResponse>;
}

/** Handles one sync action; return `{ updated_item }`, or nothing for `{}`. */
export type SyncActionHandler<TContext, TPayload> = (
  args: SyncActionHandlerArgs<TContext, TPayload>,
) => Promise<SyncCustomActionResponse | void> | SyncCustomActionResponse | void;

/** Options of one registration. */
export interface ActionOptions<S extends z.ZodType> {
  /** Validates the untrusted payload; an invalid one never reaches the handler. */
  payload: S;
}

interface Entry<TContext> {
  schema: z.ZodType | undefined;
  handler: ActionHandler<TContext, unknown> | SyncActionHandler<TContext, unknown>;
}

/** Options of {@link ActionRegistry}. */
export interface ActionRegistryOptions {
  /** An unregistered action type: an error the user sees (default), or ignored. */
  onUnknown?: 'error' | 'ignore' | undefined;
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<ThreadStreamEventInput> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

function issuesText(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}

/**
 * Server-side widget action handlers by action type (chatkit-python's `action()` routing, §6.8):
 * `on(type, handler)` for `threads.custom_action` (streams), `onSync(type, handler)` for
 * `threads.sync_custom_action` (in-place updates allowed while a response streams). An optional
 * zod schema per type validates the untrusted payload. Call {@link handle} from your server's
 * `action()` and {@link handleSync} from `syncAction()`.
 *
 * @example
 * ```ts
 * import { createChatKitServer } from '@threadline/server';
 * import { ActionRegistry } from '@threadline/server/actions';
 * import { MemoryStore } from '@threadline/server/stores/memory';
 * import { Card, Text } from '@threadline/server/widgets';
 * import { z } from 'zod';
 * // given: declare const tasks: { approve(id: string): Promise<void> };
 *
 * type Ctx = { userId: string };
 * const actions = new ActionRegistry<Ctx>().on(
 *   'task.approve',
 *   { payload: z.object({ id: z.string() }) },
 *   async function* ({ payload, replaceSender, hiddenContext, resume }) {
 *     await tasks.approve(payload.id);
 *     yield replaceSender(Card({ children: [Text({ value: 'Approved' })] }));
 *     yield hiddenContext(`<TASK_APPROVED id="${payload.id}" />`);
 *     yield* resume();
 *   },
 * );
 *
 * const server = createChatKitServer({
 *   store: new MemoryStore<Ctx>(),
 *   async *respond() {
 *     // … the model's turn
 *   },
 *   action(thread, action, sender, context, options) {
 *     return actions.handle(this, thread, action, sender, context, options);
 *   },
 * });
 * ```
 */
export class ActionRegistry<TContext = unknown> {
  private readonly streaming = new Map<string, Entry<TContext>>();
  private readonly sync = new Map<string, Entry<TContext>>();

  constructor(private readonly options: ActionRegistryOptions = {}) {}

  /** Registers a streaming handler for `type`. */
  on<TPayload = unknown>(type: string, handler: ActionHandler<TContext, TPayload>): this;
  on<S extends z.ZodType>(
    type: string,
    options: ActionOptions<S>,
    handler: ActionHandler<TContext, z.output<S>>,
  ): this;
  on(
    type: string,
    optionsOrHandler: ActionOptions<z.ZodType> | ActionHandler<TContext, unknown>,
    maybeHandler?: ActionHandler<TContext, unknown>,
  ): this {
    this.register(this.streaming, type, optionsOrHandler, maybeHandler);
    return this;
  }

  /** Registers a sync handler for `type`. */
  onSync<TPayload = unknown>(type: string, handler: SyncActionHandler<TContext, TPayload>): this;
  onSync<S extends z.ZodType>(
    type: string,
    options: ActionOptions<S>,
    handler: SyncActionHandler<TContext, z.output<S>>,
  ): this;
  onSync(
    type: string,
    optionsOrHandler: ActionOptions<z.ZodType> | SyncActionHandler<TContext, unknown>,
    maybeHandler?: SyncActionHandler<TContext, unknown>,
  ): this {
    this.register(this.sync, type, optionsOrHandler, maybeHandler);
    return this;
  }

  /** Whether a streaming handler exists for `type`. */
  has(type: string): boolean {
    return this.streaming.has(type);
  }

  /** Whether a sync handler exists for `type`. */
  hasSync(type: string): boolean {
    return this.sync.has(type);
  }

  /**
   * Runs the streaming handler of `action.type`. An unknown type or an invalid payload ends the
   * stream with an `error` event whose message says why.
   */
  async *handle(
    host: ActionHost<TContext>,
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem | null,
    context: TContext,
    options: { signal: AbortSignal },
  ): AsyncGenerator<ThreadStreamEventInput, void, undefined> {
    const entry = this.streaming.get(action.type);
    if (!entry) {
      if (this.options.onUnknown === 'ignore') return;
      throw new CustomStreamError(`Unknown action "${action.type}".`);
    }
    const parsed = entry.schema
      ? entry.schema.safeParse(action.payload)
      : { success: true as const, data: action.payload };
    if (!parsed.success) {
      throw new CustomStreamError(
        `Invalid payload for action "${action.type}": ${issuesText(parsed.error)}`,
      );
    }
    const { store } = host;
    const { signal } = options;
    const handler = entry.handler as ActionHandler<TContext, unknown>;
    const result = handler({
      thread,
      action,
      payload: parsed.data,
      sender,
      context,
      store,
      signal,
      replaceSender: (widget, copyText) => {
        if (!sender)
          throw new CustomStreamError(`Action "${action.type}" has no widget to replace.`);
        return replacedWidgetEvent(sender, widget, copyText);
      },
      hiddenContext: (content) => hiddenContextEvent(store, thread, context, content),
      clientEffect: clientEffectEvent,
      resume: () => host.respond(thread, null, context, { signal }),
    });
    if (isAsyncIterable(result)) yield* result;
    else await result;
  }

  /**
   * Runs the sync handler of `action.type`. An unknown type or an invalid payload is an
   * `InvalidRequestError` (HTTP 400).
   */
  async handleSync(
    host: Pick<ActionHost<TContext>, 'store'>,
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem,
    context: TContext,
  ): Promise<SyncCustomActionResponse> {
    const entry = this.sync.get(action.type);
    if (!entry) {
      if (this.options.onUnknown === 'ignore') return {};
      throw new InvalidRequestError(`Unknown sync action "${action.type}"`, [
        { path: 'params.action.type', message: 'no handler is registered for this action type' },
      ]);
    }
    const parsed = entry.schema
      ? entry.schema.safeParse(action.payload)
      : { success: true as const, data: action.payload };
    if (!parsed.success) {
      throw new InvalidRequestError(
        `Invalid payload for action "${action.type}"`,
        parsed.error.issues.map((issue) => ({
          path: ['params', 'action', 'payload', ...issue.path.map(String)].join('.'),
          message: issue.message,
        })),
      );
    }
    const { store } = host;
    const handler = entry.handler as SyncActionHandler<TContext, unknown>;
    const response = await handler({
      thread,
      action,
      payload: parsed.data,
      sender,
      context,
      store,
      async updateSender(widget, updateOptions = {}) {
        const event = replacedWidgetEvent(sender, widget, updateOptions.copyText);
        const item = event.item as WidgetItem;
        if (updateOptions.persist !== false) await store.saveItem(thread.id, item, context);
        return { updated_item: item };
      },
    });
    return response ?? {};
  }

  private register(
    table: Map<string, Entry<TContext>>,
    type: string,
    optionsOrHandler:
      | ActionOptions<z.ZodType>
      | ActionHandler<TContext, unknown>
      | SyncActionHandler<TContext, unknown>,
    maybeHandler:
      ActionHandler<TContext, unknown> | SyncActionHandler<TContext, unknown> | undefined,
  ): void {
    if (table.has(type)) throw new ConfigurationError(`Action "${type}" already has a handler`);
    if (typeof optionsOrHandler === 'function') {
      table.set(type, { schema: undefined, handler: optionsOrHandler });
      return;
    }
    if (!maybeHandler)
      throw new ConfigurationError(`Action "${type}" was registered without a handler`);
    table.set(type, { schema: optionsOrHandler.payload, handler: maybeHandler });
  }
}
