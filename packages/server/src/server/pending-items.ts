import type { AssistantMessageContent } from '../protocol/content.js';
import type { ThreadItem } from '../protocol/items.js';
import type { ThreadItemUpdate } from '../protocol/updates.js';

const emptyText = (): AssistantMessageContent => ({
  type: 'output_text',
  text: '',
  annotations: [],
});

/** The reference pads the content list with empty parts up to `index` (§6.9). */
function pad(content: AssistantMessageContent[], index: number): void {
  while (content.length <= index) content.push(emptyText());
}

/**
 * Applies a `thread.item.updated` to the server's private copy of an in-flight item, so a cancelled
 * stream can persist what the user already saw (§6.9). Only assistant-message content ops and
 * workflow task ops change the copy; other updates are ignored, as in the reference.
 */
export function applyPendingUpdate(item: ThreadItem, update: ThreadItemUpdate): void {
  if (item.type === 'assistant_message') {
    const content = item.content;
    switch (update.type) {
      case 'assistant_message.content_part.added':
      case 'assistant_message.content_part.done':
        pad(content, update.content_index);
        content[update.content_index] = structuredClone(update.content);
        return;
      case 'assistant_message.content_part.text_delta': {
        pad(content, update.content_index);
        content[update.content_index]!.text += update.delta;
        return;
      }
      case 'assistant_message.content_part.annotation_added': {
        pad(content, update.content_index);
        const annotations = content[update.content_index]!.annotations;
        const annotation = structuredClone(update.annotation);
        if (update.annotation_index <= annotations.length) {
          annotations.splice(update.annotation_index, 0, annotation);
        } else {
          annotations.push(annotation);
        }
        return;
      }
      default:
        return;
    }
  }
  if (item.type === 'workflow') {
    if (update.type === 'workflow.task.added') {
      // The reference appends and ignores task_index.
      item.workflow.tasks.push(structuredClone(update.task));
    } else if (update.type === 'workflow.task.updated') {
      item.workflow.tasks[update.task_index] = structuredClone(update.task);
    }
  }
}
