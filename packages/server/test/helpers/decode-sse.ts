import type { ThreadStreamEvent } from '../../src/protocol/index.js';
import { decodeSse, decodeSseFrame } from '../../src/testing/sse.js';

/** A whole SSE body as schema-validated events, with the raw JSON alongside (exact-key asserts). */
export function decodeFrames(text: string): {
  events: ThreadStreamEvent[];
  raw: Record<string, unknown>[];
} {
  const frames = decodeSse(text);
  return { events: frames.map((f) => f.event), raw: frames.map((f) => f.raw) };
}

/** Drains a streaming result (or any frame iterable); each chunk must be exactly one frame. */
export async function collectStream(frames: AsyncIterable<string>) {
  const events: ThreadStreamEvent[] = [];
  const raw: Record<string, unknown>[] = [];
  for await (const chunk of frames) {
    if (!chunk.endsWith('\n\n')) {
      throw new Error(`A chunk must be exactly one SSE frame: ${JSON.stringify(chunk)}`);
    }
    const decoded = decodeSseFrame(chunk.slice(0, -2));
    events.push(decoded.event);
    raw.push(decoded.raw);
  }
  return { events, raw };
}
