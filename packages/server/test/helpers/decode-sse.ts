import { ThreadStreamEventSchema, type ThreadStreamEvent } from '../../src/protocol/index.js';

/**
 * Splits SSE bytes into events and validates each one against the wire schema, so every test that
 * decodes a stream also proves the stream is protocol-valid. Raw JSON objects are kept alongside,
 * for asserting on exact keys (e.g. that a null field is absent).
 */
export function decodeFrames(text: string): {
  events: ThreadStreamEvent[];
  raw: Record<string, unknown>[];
} {
  const raw: Record<string, unknown>[] = [];
  for (const frame of text.split('\n\n')) {
    if (frame === '') continue;
    if (!frame.startsWith('data: '))
      throw new Error(`Not an SSE data frame: ${JSON.stringify(frame)}`);
    raw.push(JSON.parse(frame.slice('data: '.length)) as Record<string, unknown>);
  }
  const events = raw.map((json, i) => {
    const parsed = ThreadStreamEventSchema.safeParse(json);
    if (!parsed.success) {
      throw new Error(
        `Event ${i} is not protocol-valid: ${parsed.error.message}\n${JSON.stringify(json)}`,
      );
    }
    return parsed.data;
  });
  return { events, raw };
}

/** Drains a streaming result (or any frame iterable) and decodes it. */
export async function collectStream(frames: AsyncIterable<string>) {
  let text = '';
  for await (const chunk of frames) {
    if (!chunk.startsWith('data: ') || !chunk.endsWith('\n\n')) {
      throw new Error(`A chunk must be exactly one SSE frame: ${JSON.stringify(chunk)}`);
    }
    text += chunk;
  }
  return decodeFrames(text);
}
