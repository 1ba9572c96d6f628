// Widget rendering contract between the thread view and the widget renderer.
// The thread view renders a `widget` item as <WidgetView …/> and injects `widgetStyles` into its
// shadow root. Every component of docs/protocol.md §8 (plus Table) has a renderer here; actions go to
// `onAction` with the item id and the enclosing form's values.
import { useMemo, useState } from 'preact/hooks';
import { renderNode } from './render.js';
import { RuntimeContext, type WidgetRuntime } from './runtime.js';
import type { WidgetViewProps } from './types.js';

export type { WidgetAction, WidgetActionContext, WidgetUpdate, WidgetViewProps } from './types.js';
export { applyWidgetUpdate } from './update.js';
export { widgetStyles } from './styles.js';
export { RENDERED_TYPES } from './render.js';
export { Icon } from './icons/icon.js';

let widgetCount = 0;

export function WidgetView(props: WidgetViewProps) {
  const uid = useMemo(() => `tlw${(widgetCount += 1)}`, []);
  const [busy, setBusy] = useState(0);
  const runtime = useMemo<WidgetRuntime>(
    () => ({
      itemId: props.itemId,
      uid,
      onAction: props.onAction,
      containerBusy: busy > 0,
      setContainerBusy: (delta) => setBusy((count) => Math.max(count + delta, 0)),
    }),
    [props.itemId, props.onAction, uid, busy],
  );
  return (
    <div class="tl-widget" data-widget-type={props.widget.type} aria-busy={busy > 0 || undefined}>
      <RuntimeContext.Provider value={runtime}>{renderNode(props.widget)}</RuntimeContext.Provider>
    </div>
  );
}
