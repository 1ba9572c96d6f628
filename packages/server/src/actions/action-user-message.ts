import { CustomStreamError } from '../errors.js';
import type { Action } from '../protocol/actions.js';
import type { ThreadStreamEventInput } from '../protocol/events.js';
import type { HiddenContextItem, UserMessageItem } from '../protocol/items.js';
import type { ThreadMetadata } from '../protocol/thread.js';
import type { Store } from '../stores/store.js';

/** What {@link actionUserMessage} needs from the server: its store and `respond`. */
export interface UserMessageActionHost<TContext> {
  readonly store: Store<TContext>;
  respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: TContext,
    options: { signal: AbortSignal },
  ): AsyncIterable<ThreadStreamEventInput>;
}

/** Options of {@link actionUserMessage}. */
export interface ActionUserMessageOptions {
  signal: AbortSignal;
  /** The visible message; default the payload's `label` (or `text`) string. */
  text?: string | undefined;
  /**
   * Also give the model the action's type and payload as a hidden context item before the
   * message (never shown to the user); default true when the payload has fields besides the text.
   */
  includePayload?: boolean | undefined;
}

const payloadRecord = (payload: unknown): Record<string, unknown> =>
  typeof payload === 'object' && payload !== null && !Array.isArray(payload)
    ? (payload as Record<string, unknown>)
    : {};

/**
 * Turns a widget action into a visible user message and runs `respond` with it: the seeds' "Tell
 * me more" button pattern (docs/seeds.md §C.3), done on the server so it works without client code.
 * The message text is `options.text`, else the payload's `label` (or `text`); the action type and
 * the rest of the payload reach the model as a hidden context item. The user message is
 * persisted and streamed like one the user typed. `yield*` it from your `action()` hook.
 *
 * @throws CustomStreamError (an `error` event the user sees) when there is no text.
 * @example
 * ```ts
 * import { actionUserMessage } from '@threadline/server/actions';
 * import { createChatKitServer } from '@threadline/server';
 * import { MemoryStore } from '@threadline/server/stores/memory';
 *
 * const server = createChatKitServer({
 *   store: new MemoryStore(),
 *   async *respond() {
 *     // … the model's turn, with the new user message as input
 *   },
 *   async *action(thread, action, _sender, context, options) {
 *     // A button with onClickAction { type: 'ask', payload: { label: 'Tell me more', topic: 'x' } }
 *     if (action.type === 'ask') yield* actionUserMessage(this, thread, action, context, options);
 *   },
 * });
 * ```
 */
export async function* actionUserMessage<TContext>(
  host: UserMessageActionHost<TContext>,
  thread: ThreadMetadata,
  action: Action,
  context: TContext,
  options: ActionUserMessageOptions,
): AsyncIterable<ThreadStreamEventInput> {
  const payload = payloadRecord(action.payload);
  const fromPayload =
    typeof payload['label'] === 'string'
      ? payload['label']
      : typeof payload['text'] === 'string'
        ? payload['text']
        : undefined;
  const text = (options.text ?? fromPayload ?? '').trim();
  if (text === '') {
    throw new CustomStreamError(
      `Action "${action.type}" has no text for a user message (give payload.label or text).`,
    );
  }
  const rest = Object.fromEntries(
    Object.entries(payload).filter(([key]) => key !== 'label' && key !== 'text'),
  );
  const { store } = host;
  if (options.includePayload ?? Object.keys(rest).length > 0) {
    const hidden: HiddenContextItem = {
      type: 'hidden_context_item',
      id: store.generateItemId('message', thread, context),
      thread_id: thread.id,
      created_at: new Date().toISOString(),
      content: `<WIDGET_ACTION type=${JSON.stringify(action.type)}>${JSON.stringify(rest)}</WIDGET_ACTION>`,
    };
    yield { type: 'thread.item.done', item: hidden };
  }
  const message: UserMessageItem = {
    type: 'user_message',
    id: store.generateItemId('message', thread, context),
    thread_id: thread.id,
    created_at: new Date().toISOString(),
    content: [{ type: 'input_text', text }],
    attachments: [],
    quoted_text: null,
    inference_options: {},
  };
  yield { type: 'thread.item.done', item: message };
  yield* host.respond(thread, message, context, { signal: options.signal });
}
