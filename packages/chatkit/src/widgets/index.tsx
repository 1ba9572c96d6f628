// Widget rendering contract between the thread view and the widget renderer.
// The thread view renders a `widget` item as <WidgetView …/> and injects `widgetStyles` into its shadow root.
import type { WidgetRoot } from '@threadline/server/protocol';

/** An action as the wire carries it on a widget component (`onClickAction`, `onSubmitAction`, …). */
export interface WidgetAction {
  type: string;
  payload?: Record<string, unknown>;
  handler?: 'client' | 'server';
  loadingBehavior?: 'auto' | 'none' | 'self' | 'container';
  streaming?: boolean;
}

export interface WidgetActionContext {
  /** The widget item's id (the `item_id` of threads.custom_action). */
  itemId: string;
  /** Values of the enclosing Form's fields, keyed by field name, when the action is a submit. */
  formData?: Record<string, unknown>;
}

export interface WidgetViewProps {
  widget: WidgetRoot;
  itemId: string;
  onAction: (action: WidgetAction, context: WidgetActionContext) => Promise<void>;
}

/** Placeholder until the renderer lands: a neutral box naming the root type. */
export function WidgetView(props: WidgetViewProps) {
  return <div class="tl-widget-placeholder">{props.widget.type}</div>;
}

/** CSS for widgets, injected once into the element's shadow root. */
export const widgetStyles = '';
