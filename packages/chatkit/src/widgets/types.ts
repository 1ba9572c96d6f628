// The contract between the thread view and the widget renderer.
import type { ThreadItemUpdate, WidgetComponent, WidgetRoot } from '@threadline/server/protocol';

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

/** The `thread.item.updated` payloads that change a widget (docs/protocol.md §3.1, §8.5). */
export type WidgetUpdate = Extract<
  ThreadItemUpdate,
  {
    type: 'widget.root.updated' | 'widget.component.updated' | 'widget.streaming_text.value_delta';
  }
>;

/** Any node of a widget tree, root or component, as plain JSON. */
export type WidgetNode = WidgetComponent | WidgetRoot;

export type Props = Record<string, unknown>;
