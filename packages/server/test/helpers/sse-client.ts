import { createParser } from 'eventsource-parser';
import { ThreadStreamEventSchema, type ThreadStreamEvent } from '../../src/protocol/index.js';

/**
 * Reads an SSE response body with a real SSE parser (as a browser client would), validating each
 * event. `onEvent` may return true to stop reading early.
 */
export async function readSse(
  response: Response,
  onEvent?: (event: ThreadStreamEvent, index: number) => boolean | void,
): Promise<ThreadStreamEvent[]> {
  const events: ThreadStreamEvent[] = [];
  let stop = false;
  const parser = createParser({
    onEvent(message) {
      const event = ThreadStreamEventSchema.parse(JSON.parse(message.data));
      events.push(event);
      if (onEvent?.(event, events.length - 1) === true) stop = true;
    },
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  while (!stop) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(decoder.decode(value, { stream: true }));
  }
  if (stop) await reader.cancel();
  return events;
}

export const postJson = (url: string, body: unknown, init: RequestInit = {}) =>
  fetch(url, {
    method: 'POST',
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
    body: JSON.stringify(body),
  });
