/**
 * Runs one SSE server in its own process (forked by http.bench.ts and pinned to its own core), so
 * the load-generating client and the server each get a core and the server's CPU and RSS can be
 * read from /proc. argv: kind, deltas. Kinds: 'raw' (a plain node:http SSE writer), 'threadline'
 * (Hono + createChatKitHandler + ChatKitServer), 'node' (node:http + createNodeHandler +
 * ChatKitServer) or 'peer' (chatkit-node-backend-sdk under Express, see peer-server.ts).
 * Messages: 'heap' → heap bytes after GC; 'gate' / 'release' → hold or release every stream
 * before its first delta; 'pace:<ms>' → time between deltas.
 */
import { createServer, type ServerResponse } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createChatKitHandler } from '../src/http/index.js';
import { encodeEvent } from '../src/server/serialize.js';
import type { ThreadStreamEvent } from '../src/protocol/index.js';
import { PeerDeltaServer, listenPeer } from './peer-server.js';
import { assistantTurn, DeltaServer } from './scripted-deltas.js';

const kind = process.argv[2] as 'raw' | 'threadline' | 'node' | 'peer';
const deltas = Number(process.argv[3]);
const send = (message: unknown) => process.send!(message);
let release: (() => void) | undefined;
let gate: Promise<void> | undefined;
let paceMs = 0;
const chatkit = new DeltaServer(deltas);
const peer = kind === 'peer' ? new PeerDeltaServer(deltas) : undefined;

const write = (res: ServerResponse, chunk: Uint8Array) =>
  res.write(chunk) ? undefined : new Promise<void>((resolve) => res.once('drain', resolve));

async function rawStream(res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  if (gate) await gate;
  for (const event of assistantTurn('thr_raw', deltas)) {
    await write(res, encodeEvent(event as ThreadStreamEvent));
    if (paceMs > 0) await new Promise((resolve) => setTimeout(resolve, paceMs));
  }
  res.end();
}

async function listen(): Promise<number> {
  const onPort = (server: ReturnType<typeof createServer>) =>
    new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
    );
  if (peer) return listenPeer(peer);
  if (kind === 'raw') {
    return onPort(
      createServer((req, res) => {
        req.resume();
        req.on('end', () => void rawStream(res));
      }),
    );
  }
  const handler = createChatKitHandler(chatkit, { getContext: () => ({ userId: 'bench' }) });
  if (kind === 'node') {
    const { createNodeHandler } = await import('../src/node/index.js');
    const onNode = createNodeHandler(handler, { getContext: () => ({ userId: 'bench' }) });
    return onPort(createServer((req, res) => void onNode(req, res)));
  }
  const app = new Hono();
  app.post('/chatkit', (c) => handler(c.req.raw));
  return new Promise((resolve) =>
    serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port)),
  );
}

process.on('message', (message: string) => {
  if (message === 'gate') {
    gate = new Promise((resolve) => (release = resolve));
    chatkit.gate = gate;
    if (peer) peer.gate = gate;
    send('gated');
  } else if (message === 'release') {
    chatkit.gate = undefined;
    if (peer) peer.gate = undefined;
    gate = undefined;
    release?.();
    send('released');
  } else if (message === 'heap') {
    (globalThis as { gc?: () => void }).gc?.();
    send(process.memoryUsage().heapUsed);
  } else if (message.startsWith('pace:')) {
    paceMs = Number(message.slice(5));
    chatkit.paceMs = paceMs;
    if (peer) peer.paceMs = paceMs;
    send('paced');
  }
});

send({ port: await listen() });
