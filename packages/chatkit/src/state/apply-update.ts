import type { ThreadItemUpdate } from '@threadline/server/protocol';
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
      if (item.type !== 'widget') return item;
      return { ...item, widget: update.widget } as Item;
    case 'widget.component.updated':
      if (item.type !== 'widget' || !('widget' in item)) return item;
      return {
        ...item,
        widget: replaceComponent(item.widget, update.component_id, () => update.component),
      };
    case 'widget.streaming_text.value_delta':
      if (item.type !== 'widget' || !('widget' in item)) return item;
      return {
        ...item,
        widget: replaceComponent(item.widget, update.component_id, (c) => ({
          ...c,
          value: (typeof c.value === 'string' ? c.value : '') + update.delta,
          streaming: !update.done,
        })),
      };
    case 'generated_image.updated':
      if (item.type !== 'generated_image') return item;
      return { ...item, image: update.image, progress: update.progress } as unknown as Item;
    default:
      return item;
  }
}

type Node = Record<string, unknown>;

/** Returns a copy of `root` with the component whose `id` matches replaced (path-copying). */
function replaceComponent<T>(root: T, id: string, replace: (node: Node) => unknown): T {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) {
      let changed = false;
      const out = node.map((child) => {
        const next = visit(child);
        if (next !== child) changed = true;
        return next;
      });
      return changed ? out : node;
    }
    if (!node || typeof node !== 'object') return node;
    const obj = node as Node;
    if (obj.id === id) return replace(obj);
    let copy: Node | null = null;
    for (const key of ['children', 'child']) {
      if (!(key in obj)) continue;
      const next = visit(obj[key]);
      if (next !== obj[key]) {
        copy ??= { ...obj };
        copy[key] = next;
      }
    }
    return copy ?? node;
  };
  return visit(root) as T;
}
