import { ConfigurationError } from '../errors.js';
import type { ThreadItemUpdate } from '../protocol/updates.js';
import type { WidgetComponent, WidgetRoot } from '../protocol/widgets/index.js';

/** What `diffWidget` emits: streaming-text deltas, or one full root replacement (§8.5). */
export type WidgetUpdate = Extract<
  ThreadItemUpdate,
  { type: 'widget.streaming_text.value_delta' | 'widget.root.updated' }
>;

type Node = WidgetComponent | WidgetRoot;
type Props = Readonly<Record<string, unknown>>;

/**
 * The updates that turn the rendered `before` into `after` (chatkit-python `diff_widget`, §8.5):
 * `[]` when nothing visible changed, one `widget.streaming_text.value_delta` per `Text`/`Markdown`
 * with an `id` whose value grew by appending, or a single `widget.root.updated` for any other change.
 *
 * @throws ConfigurationError when a streaming-text node with an `id` appears that was not rendered
 * before, or when its value changed without extending the previous one.
 */
export function diffWidget(before: WidgetRoot, after: WidgetRoot): WidgetUpdate[] {
  if (needsFullReplace(before, after)) return [{ type: 'widget.root.updated', widget: after }];

  const beforeNodes = streamingTextNodes(before);
  const updates: WidgetUpdate[] = [];
  for (const [id, afterNode] of streamingTextNodes(after)) {
    const beforeNode = beforeNodes.get(id);
    if (beforeNode === undefined) {
      throw new ConfigurationError(
        `Node ${id} was not present when the widget was initially rendered. All nodes with ID must persist across all widget updates.`,
      );
    }
    const previous = beforeNode.value as string;
    const next = afterNode.value as string;
    if (previous === next) continue;
    if (!next.startsWith(previous)) {
      throw new ConfigurationError(
        `Node ${id} was updated with a new value that is not a prefix of the initial value. All widget updates must be cumulative.`,
      );
    }
    updates.push({
      type: 'widget.streaming_text.value_delta',
      component_id: id,
      delta: next.slice(previous.length),
      done: afterNode.streaming !== true,
    });
  }
  return updates;
}

/** A `Text` or `Markdown` whose `value` is a string: the only nodes that stream (§8.5). */
function isStreamingText(node: Props): boolean {
  return (node.type === 'Text' || node.type === 'Markdown') && typeof node.value === 'string';
}

/** Absent and `null` props are the same thing on the wire (drop-nulls, §1.3). */
function isUnset(value: unknown): boolean {
  return value === undefined || value === null;
}

function needsFullReplace(before: Props, after: Props): boolean {
  if (before.type !== after.type) return true;
  for (const identity of ['id', 'key']) {
    const [b, a] = [before[identity], after[identity]];
    if (!(isUnset(b) && isUnset(a)) && b !== a) return true;
  }
  const appendOnly = isStreamingText(before) && isStreamingText(after);
  for (const prop of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [b, a] = [before[prop], after[prop]];
    if (isUnset(b) && isUnset(a)) continue;
    // Appending to a Text/Markdown value is a delta, not a replacement (with or without an id).
    if (prop === 'value' && appendOnly && (a as string).startsWith(b as string)) continue;
    if (valueNeedsFullReplace(b, a, prop === 'children')) return true;
  }
  return false;
}

/** Components are only compared structurally where the protocol puts them: under `children`. */
function valueNeedsFullReplace(before: unknown, after: unknown, isChildren: boolean): boolean {
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.length !== after.length) return true;
    return before.some((item, i) => valueNeedsFullReplace(item, after[i], isChildren));
  }
  if (isChildren && isComponent(before) && isComponent(after)) {
    return needsFullReplace(before, after);
  }
  return !jsonEqual(before, after);
}

function isComponent(value: unknown): value is Props {
  return isPlainObject(value) && typeof value.type === 'string';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep equality of JSON values; keys holding `undefined` count as absent. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (!jsonEqual(a[key], b[key])) return false;
  return true;
}

/** Every streaming-text node that has an `id`, in document order; a repeated id keeps the last node. */
function streamingTextNodes(root: Node): Map<string, Props> {
  const nodes = new Map<string, Props>();
  const visit = (node: Props): void => {
    if (isStreamingText(node) && typeof node.id === 'string' && node.id !== '') {
      nodes.set(node.id, node);
    }
    const children = node.children;
    const list: unknown[] = Array.isArray(children) ? children : [children];
    for (const child of list) if (isComponent(child)) visit(child);
  };
  visit(root);
  return nodes;
}
