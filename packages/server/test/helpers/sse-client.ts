import type { ThreadStreamEvent } from '../../src/protocol/index.js';
import { readSseFrames } from '../../src/testing/sse.js';

/**
 * Reads an SSE response as it arrives, validating each event. `onEvent` may return true to stop
 * reading early (the body is then cancelled).
 */
export async function readSse(
  response: Response,
  onEvent?: (event: ThreadStreamEvent, index: number) => boolean | void,
): Promise<ThreadStreamEvent[]> {
  const events: ThreadStreamEvent[] = [];
  for await (const { event } of readSseFrames(response)) {
    events.push(event);
    if (onEvent?.(event, events.length - 1) === true) break;
  }
  return events;
}

export const postJson = (url: string, body: unknown, init: RequestInit = {}) =>
  fetch(url, {
    method: 'POST',
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
    body: JSON.stringify(body),
  });
