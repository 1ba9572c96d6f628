import { ThreadStreamEventSchema, type ThreadStreamEvent } from '@threadline/server/protocol';

/** Splits an SSE body into events, validating each one against the wire schema. */
export function parseSse(text: string): ThreadStreamEvent[] {
  const events: ThreadStreamEvent[] = [];
  for (const frame of text.split('\n\n')) {
    if (frame.trim() === '') continue;
    if (!frame.startsWith('data: '))
      throw new Error(`Not an SSE data frame: ${JSON.stringify(frame)}`);
    events.push(ThreadStreamEventSchema.parse(JSON.parse(frame.slice(6))));
  }
  return events;
}

/** Reads a whole SSE response. */
export async function readEvents(response: Response): Promise<ThreadStreamEvent[]> {
  if (response.headers.get('content-type') !== 'text/event-stream') {
    throw new Error(`Expected an SSE response, got ${response.status} ${await response.text()}`);
  }
  return parseSse(await response.text());
}

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
