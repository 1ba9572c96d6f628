import type { Store, ThreadMetadata, ThreadStreamEventInput } from '@threadline/server';
import {
  hiddenContextEvent,
  replacedWidgetEvent,
  type ActionHost,
} from '@threadline/server/actions';
import type { McpToolset } from '@threadline/server/mcp';
import type { Action, SyncCustomActionResponse, WidgetItem } from '@threadline/server/protocol';
import { TurnContext } from '@threadline/server/turn';
import type { AppContext } from '../context.js';

/**
 * The `_meta` key an MCP tool sets to `true` to answer the sync widget actions of the same name
 * (`threads.sync_custom_action`, docs/protocol.md §2.7): only tools that opt in can be called from
 * the browser without the model.
 */
export const WIDGET_ACTION_META = 'threadline/widgetAction';

/** Longest action payload, as JSON, that reaches the model; longer ones are cut. */
const MAX_PAYLOAD_CHARS = 4000;

const payloadRecord = (payload: unknown): Record<string, unknown> =>
  typeof payload === 'object' && payload !== null && !Array.isArray(payload)
    ? (payload as Record<string, unknown>)
    : {};

/**
 * The hidden context a streaming widget action becomes: its type and payload, as JSON with `<`
 * escaped so a payload cannot close the tag, cut at {@link MAX_PAYLOAD_CHARS}.
 */
export function widgetActionContext(action: Action): string {
  const escape = (text: string) => text.replace(/</g, '\\u003c');
  let payload = escape(JSON.stringify(action.payload ?? null));
  if (payload.length > MAX_PAYLOAD_CHARS) payload = `${payload.slice(0, MAX_PAYLOAD_CHARS)}…`;
  return `<WIDGET_ACTION type=${escape(JSON.stringify(action.type))}>${payload}</WIDGET_ACTION>`;
}

/** What {@link modelWidgetAction} needs from the server: the SDK's action host. */
export type WidgetActionHost = ActionHost<AppContext>;

/**
 * A server widget action no handler claims (e.g. a button of an MCP tool's widget): the model
 * reads it as hidden context and the agent continues, so widgets work without app code.
 */
export async function* modelWidgetAction(
  host: WidgetActionHost,
  thread: ThreadMetadata,
  action: Action,
  context: AppContext,
  signal: AbortSignal,
): AsyncIterable<ThreadStreamEventInput> {
  yield hiddenContextEvent(host.store, thread, context, widgetActionContext(action));
  yield* host.respond(thread, null, context, { signal });
}

/** Collects what an MCP tool call streams instead of queueing it for a turn. */
class CollectingContext extends TurnContext<AppContext> {
  readonly collected: ThreadStreamEventInput[] = [];
  override stream(event: ThreadStreamEventInput): Promise<void> {
    this.collected.push(event);
    return Promise.resolve();
  }
}

/**
 * A sync widget action answered by the agent's MCP tool of the same name, when that tool opts in
 * with `_meta["threadline/widgetAction"]: true`: the payload is its arguments and the widget of its
 * result replaces the sender in place (saved, so a reload shows it). Undefined when no such tool.
 */
export async function mcpSyncWidgetAction(
  toolset: McpToolset<AppContext>,
  store: Store<AppContext>,
  thread: ThreadMetadata,
  action: Action,
  sender: WidgetItem,
  context: AppContext,
): Promise<SyncCustomActionResponse | undefined> {
  const turn = new CollectingContext({ thread, store, requestContext: context });
  const tool = (await toolset.tools(turn)).find(
    (candidate) =>
      candidate.name === action.type &&
      candidate.info.definition._meta?.[WIDGET_ACTION_META] === true,
  );
  if (!tool) return undefined;
  await tool.call(payloadRecord(action.payload), turn);
  const widget = turn.collected.flatMap((event) =>
    event.type === 'thread.item.done' && event.item.type === 'widget' ? [event.item] : [],
  )[0];
  if (!widget) return {};
  const replaced = replacedWidgetEvent(sender, widget.widget, widget.copy_text ?? undefined);
  const item = replaced.item as WidgetItem;
  await store.saveItem(thread.id, item, context);
  return { updated_item: item };
}
