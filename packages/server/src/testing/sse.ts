import { ThreadStreamEventSchema, type ThreadStreamEvent } from '../protocol/events.js';

/** One decoded SSE frame: the schema-validated event and the JSON exactly as sent. */
export interface SseFrame {
  event: ThreadStreamEvent;
  raw: Record<string, unknown>;
}

const PREFIX = 'data: ';

/**
 * Decodes one frame strictly by the framing of docs/protocol.md §1.2 (a single `data: <json>` line,
 * no other fields) and validates the event against the wire schema, so a test that reads a stream
 * also proves it protocol-valid. `raw` keeps the JSON for assertions on exact keys.
 */
export function decodeSseFrame(frame: string): SseFrame {
  if (!frame.startsWith(PREFIX) || frame.includes('\n')) {
    throw new Error(`Not an SSE data frame: ${JSON.stringify(frame)}`);
  }
  const raw = JSON.parse(frame.slice(PREFIX.length)) as Record<string, unknown>;
  const parsed = ThreadStreamEventSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Event is not protocol-valid: ${parsed.error.message}\n${JSON.stringify(raw)}`);
  }
  return { event: parsed.data, raw };
}

/** Splits a whole SSE body into frames and decodes each (see {@link decodeSseFrame}). */
export function decodeSse(text: string): SseFrame[] {
  const frames = text.split('\n\n');
  if (frames.pop() !== '')
    throw new Error(`The stream ends inside a frame: ${JSON.stringify(text)}`);
  return frames.map(decodeSseFrame);
}

/**
 * Reads an SSE response frame by frame as it arrives, as a client would; stop early by breaking
 * out of the loop (the body is then cancelled).
 */
export async function* readSseFrames(response: Response): AsyncGenerator<SseFrame> {
  const type = response.headers.get('content-type');
  if (type !== 'text/event-stream') {
    throw new Error(
      `Expected an SSE response, got ${response.status} ${type}: ${await response.text()}`,
    );
  }
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        yield decodeSseFrame(frame);
      }
    }
    if (buffer !== '') throw new Error(`The stream ends inside a frame: ${JSON.stringify(buffer)}`);
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/** Reads a whole SSE response into its events. */
export async function readSseEvents(response: Response): Promise<ThreadStreamEvent[]> {
  const events: ThreadStreamEvent[] = [];
  for await (const { event } of readSseFrames(response)) events.push(event);
  return events;
}
