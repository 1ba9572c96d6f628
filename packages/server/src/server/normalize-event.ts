import { ConfigurationError } from '../errors.js';
import {
  ThreadStreamEventSchema,
  type ThreadStreamEvent,
  type ThreadStreamEventInput,
} from '../protocol/events.js';

/**
 * Validates an event an integration yielded and fills in defaults (`annotations: []`,
 * `status: "pending"`, …) so the wire and the store always see complete objects.
 * Widget-text deltas are passed through untouched (they carry only strings and a boolean).
 */
export function normalizeEvent(event: ThreadStreamEventInput): ThreadStreamEvent {
  // Text deltas never get here: the pipeline forwards them on its fast path.
  if (
    event.type === 'thread.item.updated' &&
    event.update.type === 'widget.streaming_text.value_delta' &&
    typeof event.update.delta === 'string' &&
    typeof event.update.done === 'boolean' &&
    typeof event.update.component_id === 'string'
  ) {
    return event as ThreadStreamEvent;
  }
  const parsed = ThreadStreamEventSchema.safeParse(event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid';
    throw new ConfigurationError(
      `The integration yielded an invalid ${event.type} event (${where})`,
    );
  }
  const item = 'item' in parsed.data ? parsed.data.item : undefined;
  if (item && Number.isNaN(Date.parse(item.created_at))) {
    throw new ConfigurationError(
      `The integration yielded an invalid ${event.type} event (item.created_at: not an ISO-8601 date)`,
    );
  }
  return parsed.data;
}
