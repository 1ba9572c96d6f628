import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createChatKitHandler } from '../../src/http/index.js';
import type { ChatKitServer } from '../../src/index.js';
import type { ThreadStreamEvent } from '../../src/protocol/index.js';
import { readSseFrames } from '../../src/testing/sse.js';
import { decodeFrames } from './decode-sse.js';
import { CONTEXT, type TestContext } from './make-server.js';

/** A ChatKit server core behind `createChatKitHandler`, listening on a real socket. */
export interface ServedChatKit {
  url: string;
  /** POSTs a body and returns the raw response. */
  post(body: object, init?: { signal?: AbortSignal }): Promise<Response>;
  /** Runs a streaming request to the end; every event is schema-validated. */
  stream(
    body: object,
  ): Promise<{ events: ThreadStreamEvent[]; raw: Record<string, unknown>[]; text: string }>;
  /** Runs a JSON request. */
  json<T = Record<string, unknown>>(body: object): Promise<T>;
  close(): Promise<void>;
}

export async function serveChatKit(server: ChatKitServer<TestContext>): Promise<ServedChatKit> {
  const handler = createChatKitHandler(server, { getContext: () => CONTEXT });
  let address: AddressInfo | undefined;
  const httpServer = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const instance = serve({ fetch: handler, port: 0, hostname: '127.0.0.1' }, (info) => {
      address = info;
      resolve(instance);
    });
  });
  const url = `http://127.0.0.1:${address!.port}/chatkit`;
  const post = (body: object, init: { signal?: AbortSignal } = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      ...init,
    });
  return {
    url,
    post,
    async stream(body) {
      const response = await post(body);
      if (response.headers.get('content-type') !== 'text/event-stream') {
        throw new Error(`Expected SSE, got ${response.status}: ${await response.text()}`);
      }
      const text = await response.text();
      return { ...decodeFrames(text), text };
    },
    async json<T>(body: object) {
      const response = await post(body);
      return (await response.json()) as T;
    },
    close() {
      if ('closeAllConnections' in httpServer) httpServer.closeAllConnections();
      return new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

/** Reads an SSE response frame by frame, validating each event, as the ChatKit client would. */
export async function* readEvents(response: Response): AsyncGenerator<ThreadStreamEvent> {
  for await (const { event } of readSseFrames(response)) yield event;
}

export { eventually } from './eventually.js';
