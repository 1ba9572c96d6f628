import { WidgetRootSchema, type WidgetRootInput } from '../protocol/widgets/index.js';
import type { ClientEffectEvent, ThreadStreamEventInput } from '../protocol/events.js';
import type { HiddenContextItem, WidgetItem } from '../protocol/items.js';
import type { ThreadMetadata } from '../protocol/thread.js';
import type { Store } from '../stores/store.js';

/** `thread.item.replaced` of a widget item with a new widget (same id and `created_at`). */
export function replacedWidgetEvent(
  sender: WidgetItem,
  widget: WidgetRootInput,
  copyText?: string,
): ThreadStreamEventInput & { type: 'thread.item.replaced' } {
  const item: WidgetItem = {
    ...sender,
    widget: WidgetRootSchema.parse(widget),
    ...(copyText === undefined ? {} : { copy_text: copyText }),
  };
  return { type: 'thread.item.replaced', item };
}

/**
 * A `thread.item.done` carrying a hidden context item: the server persists it and never sends it
 * to the client; the model reads it on its next turn (§6.10).
 */
export function hiddenContextEvent<TContext>(
  store: Store<TContext>,
  thread: ThreadMetadata,
  context: TContext,
  content: string,
): ThreadStreamEventInput {
  const item: HiddenContextItem = {
    type: 'hidden_context_item',
    id: store.generateItemId('message', thread, context),
    thread_id: thread.id,
    created_at: new Date().toISOString(),
    content,
  };
  return { type: 'thread.item.done', item };
}

/** A `client_effect` event: the client's `onEffect({ name, data })` runs it; nothing comes back. */
export function clientEffectEvent(
  name: string,
  data: Record<string, unknown> = {},
): ClientEffectEvent {
  return { type: 'client_effect', name, data };
}
