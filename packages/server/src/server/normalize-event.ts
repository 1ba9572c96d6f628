import { ConfigurationError } from '../errors.js';
import {
  ThreadStreamEventSchema,
  type ThreadStreamEvent,
  type ThreadStreamEventInput,
} from '../protocol/events.js';

/**
 * Validates an event an integration yielded and fills in defaults (`annotations: []`,
 * `status: "pending"`, …) so the wire and the store always see complete objects.
 * Text and widget-text deltas are the hot path: they are passed through untouched.
 */
export function normalizeEvent(event: ThreadStreamEventInput): ThreadStreamEvent {
  if (event.type === 'thread.item.updated') {
    const kind = event.update.type;
    if (
      kind === 'assistant_message.content_part.text_delta' ||
      kind === 'widget.streaming_text.value_delta'
    ) {
      return event as ThreadStreamEvent;
    }
  }
  const parsed = ThreadStreamEventSchema.safeParse(event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid';
    throw new ConfigurationError(`The integration yielded an invalid ${event.type} event (${where})`);
  }
  return parsed.data;
}
