import type { ThreadItemUpdate } from '@threadline/server/protocol';
import { applyWidgetUpdate } from '../widgets/index.js';
import type { Item } from './types.js';

/**
 * Applies one `thread.item.updated` update (docs/protocol.md §3.1) to an item and returns the new item;
 * only the touched path is copied, so unchanged items keep their identity and skip re-rendering.
 */
export function applyUpdate(item: Item, update: ThreadItemUpdate): Item {
  switch (update.type) {
    case 'assistant_message.content_part.added':
    case 'assistant_message.content_part.done': {
      if (item.type !== 'assistant_message' || !('content' in item)) return item;
      const content = item.content.slice();
      content[update.content_index] = update.content;
      return { ...item, content };
    }
    case 'assistant_message.content_part.text_delta': {
      if (item.type !== 'assistant_message' || !('content' in item)) return item;
      const content = item.content.slice();
      const part = content[update.content_index] ?? {
        type: 'output_text' as const,
        text: '',
        annotations: [],
      };
      content[update.content_index] = { ...part, text: part.text + update.delta };
      return { ...item, content };
    }
    case 'assistant_message.content_part.annotation_added': {
      if (item.type !== 'assistant_message' || !('content' in item)) return item;
      const content = item.content.slice();
      const part = content[update.content_index];
      if (!part) return item;
      const annotations = part.annotations.slice();
      annotations[update.annotation_index] = update.annotation;
      content[update.content_index] = { ...part, annotations };
      return { ...item, content };
    }
    case 'workflow.task.added':
    case 'workflow.task.updated': {
      if (item.type !== 'workflow' || !('workflow' in item)) return item;
      const tasks = item.workflow.tasks.slice();
      tasks[update.task_index] = update.task;
      return { ...item, workflow: { ...item.workflow, tasks } };
    }
    case 'widget.root.updated':
    case 'widget.component.updated':
    case 'widget.streaming_text.value_delta':
      if (item.type !== 'widget' || !('widget' in item)) return item;
      return { ...item, widget: applyWidgetUpdate(item.widget, update) };
    case 'generated_image.updated':
      if (item.type !== 'generated_image') return item;
      return { ...item, image: update.image, progress: update.progress } as unknown as Item;
    default:
      return item;
  }
}
