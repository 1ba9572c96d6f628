import type { ThreadStreamEvent } from '../protocol/events.js';
import type { SDKHiddenContextItem } from '../protocol/items.js';
import type { TurnContext } from './turn-context.js';

/** The longest tool output kept for later turns, in characters; the rest is cut with a note. */
export const TOOL_RESULT_CONTEXT_MAX_CHARS = 4000;

/** One finished tool call: what the model asked and what the tool returned. */
export interface ToolResultRecord {
  name: string;
  /** The call's arguments as the model sent them (JSON text). */
  arguments: string;
  output: unknown;
}

const outputText = (output: unknown): string =>
  typeof output === 'string' ? output : (JSON.stringify(output) ?? String(output));

function bounded(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… [${text.length - max} more characters not kept]`;
}

/**
 * A `thread.item.done` carrying an `sdk_hidden_context` item that records a tool call and its
 * (size-bounded) result, so the model still knows what a tool returned on later turns; the
 * server persists it and never shows it (items.list hides it), as the seeds keep the full tool
 * content with the message (docs/seeds.md §A.3).
 */
export function toolResultContextEvent<TContext>(
  context: TurnContext<TContext>,
  record: ToolResultRecord,
  maxChars: number = TOOL_RESULT_CONTEXT_MAX_CHARS,
): ThreadStreamEvent {
  const item: SDKHiddenContextItem = {
    type: 'sdk_hidden_context',
    id: context.generateId('sdk_hidden_context'),
    thread_id: context.thread.id,
    created_at: new Date().toISOString(),
    content:
      `<ToolResult name=${JSON.stringify(record.name)} arguments=${JSON.stringify(bounded(record.arguments, 500))}>\n` +
      `${bounded(outputText(record.output), maxChars)}\n</ToolResult>`,
  };
  return { type: 'thread.item.done', item };
}
