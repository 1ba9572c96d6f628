import type { ThreadStreamEvent } from '@threadline/server/protocol';
import { decodeSse, readSseEvents } from '@threadline/server/testing';

/** Splits an SSE body into events, validating each one against the wire schema. */
export const parseSse = (text: string): ThreadStreamEvent[] =>
  decodeSse(text).map((frame) => frame.event);

/** Reads a whole SSE response. */
export const readEvents = readSseEvents;

/** The concatenated text deltas of a stream. */
export const streamedText = (events: ThreadStreamEvent[]): string =>
  events
    .map((e) =>
      e.type === 'thread.item.updated' &&
      e.update.type === 'assistant_message.content_part.text_delta'
        ? e.update.delta
        : '',
    )
    .join('');

export const threadIdOf = (events: ThreadStreamEvent[]): string => {
  const created = events.find((e) => e.type === 'thread.created');
  if (!created || created.type !== 'thread.created') throw new Error('No thread.created event');
  return created.thread.id;
};

export const userInput = (text: string, inference: Record<string, unknown> = {}) => ({
  content: [{ type: 'input_text', text }],
  attachments: [],
  inference_options: inference,
});
