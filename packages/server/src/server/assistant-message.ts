import type { ThreadStreamEventInput } from '../protocol/events.js';
import type { ThreadMetadata } from '../protocol/thread.js';
import { defaultGenerateId } from '../stores/ids.js';

/**
 * A complete assistant message in one event (`thread.item.done`, so the server stores it): the
 * one-line answer of a `respond` hook. Pass `id` to use the store's generator
 * (`store.generateItemId('message', thread, context)`); the default is a fresh `msg_…` id.
 */
export function assistantMessage(
  thread: ThreadMetadata,
  text: string,
  id: string = defaultGenerateId('message'),
): ThreadStreamEventInput {
  return {
    type: 'thread.item.done',
    item: {
      type: 'assistant_message',
      id,
      thread_id: thread.id,
      created_at: new Date().toISOString(),
      content: [{ type: 'output_text', text }],
    },
  };
}
