import type { ProgressUpdateEvent } from '../protocol/events.js';
import type { IconName } from '../protocol/icons.js';

/** A tool call the model made, as the progress option sees it. */
export interface ToolCallSummary {
  name: string;
  /** The raw JSON arguments string. */
  arguments: string;
}

/**
 * Whether server-side tool calls show a `progress_update` while they run. The reference shows
 * nothing (tools are invisible unless they stream something themselves), so the default is off.
 * - `true`: "Calling <tool>…"
 * - a function: return the text (or `{ text, icon }`) to show, or null to stay silent for that call.
 */
export type ToolProgressOption =
  | boolean
  | ((call: ToolCallSummary) => string | { text: string; icon?: IconName } | null | undefined);

/** The progress event for a tool call under `option`, or undefined. */
export function toolProgressEvent(
  option: ToolProgressOption | undefined,
  call: ToolCallSummary,
): ProgressUpdateEvent | undefined {
  if (!option) return undefined;
  if (option === true) return { type: 'progress_update', text: `Calling ${call.name}…` };
  const custom = option(call);
  if (custom == null) return undefined;
  if (typeof custom === 'string') return { type: 'progress_update', text: custom };
  return custom.icon === undefined
    ? { type: 'progress_update', text: custom.text }
    : { type: 'progress_update', text: custom.text, icon: custom.icon };
}
