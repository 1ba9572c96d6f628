import type { AssistantMessageItem, SDKHiddenContextItem, ThreadItem } from '../protocol/items.js';
import type { ThreadMetadata } from '../protocol/thread.js';
import type { Store } from '../stores/store.js';

/** The exact note the reference stores after a cancelled stream, so the model does not resume it (§6.9). */
export const CANCELLED_STREAM_NOTE =
  'The user cancelled the stream. Stop responding to the prior request.';

const hasVisibleText = (item: AssistantMessageItem): boolean =>
  item.content.some((part) => part.text.trim() !== '');

/**
 * Default `handleStreamCancelled`: persist every pending assistant message that has non-blank text
 * (padding parts included), then always add the hidden cancellation note. Pending widgets,
 * workflows and images are discarded, as in the reference.
 */
export async function persistCancelledStream<TContext>(
  store: Store<TContext>,
  thread: ThreadMetadata,
  pendingItems: readonly ThreadItem[],
  context: TContext,
): Promise<void> {
  for (const item of pendingItems) {
    if (item.type === 'assistant_message' && hasVisibleText(item)) {
      await store.addThreadItem(thread.id, item, context);
    }
  }
  const note: SDKHiddenContextItem = {
    type: 'sdk_hidden_context',
    id: store.generateItemId('sdk_hidden_context', thread, context),
    thread_id: thread.id,
    created_at: new Date().toISOString(),
    content: CANCELLED_STREAM_NOTE,
  };
  await store.addThreadItem(thread.id, note, context);
}
