/**
 * Incremental Server-Sent Events parsing (docs/protocol.md §1.2: streaming ops answer `data: <json>\n\n`
 * frames). Bytes are decoded as they arrive and each complete event is handed out at once, so a long
 * answer is rendered while it streams, never after the body ends.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];

  /** Feeds decoded text; returns the `data` payloads of the events it completed. */
  push(text: string): string[] {
    this.buffer += text;
    const out: string[] = [];
    let start = 0;
    for (;;) {
      const nl = this.buffer.indexOf('\n', start);
      if (nl < 0) break;
      let line = this.buffer.slice(start, nl);
      start = nl + 1;
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line === '') {
        if (this.data.length > 0) out.push(this.data.join('\n'));
        this.data = [];
      } else if (line.startsWith('data:')) {
        this.data.push(line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5));
      }
      // Comments (`:`), `event:`, `id:` and `retry:` lines carry nothing ChatKit uses.
    }
    this.buffer = this.buffer.slice(start);
    return out;
  }

  /** Flushes an event left unterminated when the body ended. */
  end(): string[] {
    const rest = this.push('\n\n');
    this.buffer = '';
    return rest;
  }
}

/**
 * Reads an SSE response body and yields the parsed events of each network chunk as one batch, so
 * a burst of thousands of small events costs one await, not thousands.
 */
export async function* readSseBatches(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<unknown[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  const onAbort = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  const parse = (frames: string[]) => frames.map((data) => JSON.parse(data) as unknown);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const frames = parser.push(decoder.decode(value, { stream: true }));
      if (frames.length > 0) yield parse(frames);
    }
    const rest = [...parser.push(decoder.decode()), ...parser.end()];
    if (rest.length > 0) yield parse(rest);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    reader.releaseLock();
  }
}

/** Reads an SSE response body and yields each event's parsed JSON. */
export async function* readSse(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<unknown> {
  for await (const batch of readSseBatches(body, signal)) yield* batch;
}
