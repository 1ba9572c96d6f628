/**
 * Runs one SSE server in a worker thread, so the load-generating client and the server each get a
 * core. `workerData.kind`: 'raw' (a plain node:http SSE writer) or 'threadline' (Hono +
 * createChatKitHandler + ChatKitServer). Messages: 'heap' → current heap bytes after GC;
 * 'gate' / 'release' → hold or release every stream before its first delta.
 */
import { createServer, type ServerResponse } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createChatKitHandler } from '../src/http/index.js';
import { encodeEvent } from '../src/server/serialize.js';
import type { ThreadStreamEvent } from '../src/protocol/index.js';
import { assistantTurn, DeltaServer } from './scripted-deltas.js';

const { kind, deltas } = workerData as { kind: 'raw' | 'threadline'; deltas: number };
let release: (() => void) | undefined;
let gate: Promise<void> | undefined;
const chatkit = new DeltaServer(deltas);

const write = (res: ServerResponse, chunk: Uint8Array) =>
  res.write(chunk) ? undefined : new Promise<void>((resolve) => res.once('drain', resolve));

async function rawStream(res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  if (gate) await gate;
  for (const event of assistantTurn('thr_raw', deltas))
    await write(res, encodeEvent(event as ThreadStreamEvent));
  res.end();
}

function listen(): Promise<number> {
  if (kind === 'raw') {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => void rawStream(res));
    });
    return new Promise((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
    );
  }
  const handler = createChatKitHandler(chatkit, { getContext: () => ({ userId: 'bench' }) });
  const app = new Hono();
  app.post('/chatkit', (c) => handler(c.req.raw));
  return new Promise((resolve) =>
    serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port)),
  );
}

parentPort!.on('message', (message: string) => {
  if (message === 'gate') {
    gate = new Promise((resolve) => (release = resolve));
    chatkit.gate = gate;
    parentPort!.postMessage('gated');
  } else if (message === 'release') {
    chatkit.gate = undefined;
    gate = undefined;
    release?.();
    parentPort!.postMessage('released');
  } else if (message === 'heap') {
    (globalThis as { gc?: () => void }).gc?.();
    parentPort!.postMessage(process.memoryUsage().heapUsed);
  }
});

parentPort!.postMessage({ port: await listen() });
