// Applies streamed widget updates (docs/protocol.md §3.1, §8.5) without mutating the input: the
// nodes on the path to a change are copied, every other subtree is shared.
import type { WidgetRoot } from '@threadline/server/protocol';
import type { Props, WidgetUpdate } from './types.js';

function replaceById(node: Props, id: string, replace: (node: Props) => Props): Props {
  if (node.id === id) return replace(node);
  const children = node.children;
  if (Array.isArray(children)) {
    let changed = false;
    const next = children.map((child: unknown) => {
      if (typeof child !== 'object' || child === null) return child;
      const updated = replaceById(child as Props, id, replace);
      if (updated !== child) changed = true;
      return updated;
    });
    return changed ? { ...node, children: next } : node;
  }
  if (typeof children === 'object' && children !== null) {
    const updated = replaceById(children as Props, id, replace);
    return updated === children ? node : { ...node, children: updated };
  }
  return node;
}

/**
 * The widget after `update`: a new root for `widget.root.updated`, the component with
 * `component_id` swapped for `widget.component.updated`, or the delta appended to that `Text`/
 * `Markdown` value (and `streaming` cleared when `done`) for `widget.streaming_text.value_delta`.
 * An update naming an id that is not in the tree leaves the widget as it was.
 */
export function applyWidgetUpdate(widget: WidgetRoot, update: WidgetUpdate): WidgetRoot {
  switch (update.type) {
    case 'widget.root.updated':
      return update.widget;
    case 'widget.component.updated':
      return replaceById(widget, update.component_id, () => update.component) as WidgetRoot;
    case 'widget.streaming_text.value_delta':
      return replaceById(widget, update.component_id, (node) => ({
        ...node,
        value: `${typeof node.value === 'string' ? node.value : ''}${update.delta}`,
        streaming: !update.done,
      })) as WidgetRoot;
    default:
      return widget;
  }
}
