import type { ActionRegistry } from '../actions/action-registry.js';
import type { Action } from '../protocol/actions.js';
import type { ThreadStreamEventInput } from '../protocol/events.js';
import type { UserMessageItem, WidgetItem } from '../protocol/items.js';
import type { ThreadMetadata } from '../protocol/thread.js';
import type { ChatKitServer } from '../server/chatkit-server.js';
import type { FormInteractions } from './form-interactions.js';
import { FORM_ACTIONS } from './form-widget.js';

/**
 * Handles a form action from a `ChatKitServer` subclass's `action()`: resolves the form and
 * resumes with `server.respond(thread, null, context, { signal })`. Check
 * `interactions.isFormAction(action)` first.
 *
 * @example
 * ```ts
 * import { createChatKitServer } from '@threadline/server';
 * import { FormInteractions, handleFormAction } from '@threadline/server/forms';
 * import { MemoryStore } from '@threadline/server/stores/memory';
 *
 * type Ctx = { userId: string };
 * const forms = new FormInteractions<Ctx>();
 * const server = createChatKitServer({
 *   store: new MemoryStore<Ctx>(),
 *   async *respond() {
 *     // … run the agent
 *   },
 *   async *action(thread, action, sender, context, { signal }) {
 *     if (forms.isFormAction(action)) {
 *       yield* handleFormAction(this, thread, action, sender, context, { signal, interactions: forms });
 *       return;
 *     }
 *     // … other actions
 *   },
 * });
 * ```
 */
export function handleFormAction<TContext>(
  server: ChatKitServer<TContext>,
  thread: ThreadMetadata,
  action: Action,
  sender: WidgetItem | null,
  context: TContext,
  options: { signal: AbortSignal; interactions: FormInteractions<TContext> },
): AsyncGenerator<ThreadStreamEventInput, void, undefined> {
  return options.interactions.handleFormAction({
    thread,
    action,
    sender,
    context,
    store: server.store,
    resume: () => server.respond(thread, null, context, { signal: options.signal }),
  });
}

/**
 * The guard for the top of `respond()`: the reminder's events while a form is pending, else
 * undefined (then run the model as usual).
 */
export function guardPendingForm<TContext>(
  server: ChatKitServer<TContext>,
  thread: ThreadMetadata,
  input: UserMessageItem | null,
  context: TContext,
  options: { interactions: FormInteractions<TContext> },
): Promise<AsyncIterable<ThreadStreamEventInput> | undefined> {
  return options.interactions.guardPendingForm(server.store, thread, input, context);
}

/** Registers the three form actions (`human.*`) in an {@link ActionRegistry}; resuming uses the host's `respond`. */
export function registerFormActions<TContext>(
  registry: ActionRegistry<TContext>,
  interactions: FormInteractions<TContext>,
): ActionRegistry<TContext> {
  for (const type of Object.values(FORM_ACTIONS)) {
    registry.on(type, ({ thread, action, sender, context, store, resume }) =>
      interactions.handleFormAction({ thread, action, sender, context, store, resume }),
    );
  }
  return registry;
}
