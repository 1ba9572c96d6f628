import { request, Agent } from 'node:http';
import { Worker } from 'node:worker_threads';
import { fmt, percentile, printTable, ratio, time } from './bench-kit.js';
import { createBody } from './scripted-deltas.js';

const STREAMS = Number(process.env.BENCH_HTTP_STREAMS ?? 200);
const DELTAS = Number(process.env.BENCH_HTTP_DELTAS ?? 500);

interface ServerHandle {
  port: number;
  ask<T>(message: string): Promise<T>;
  stop(): Promise<number>;
}

async function startWorker(kind: 'raw' | 'threadline', deltas: number): Promise<ServerHandle> {
  const worker = new Worker(new URL('./http-bench-worker.mjs', import.meta.url), {
    workerData: { kind, deltas },
    execArgv: [], // V8 flags such as --expose-gc are process-wide
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { port: number }) => resolve(m.port));
    worker.once('error', reject);
  });
  return {
    port,
    ask: <T>(message: string) =>
      new Promise<T>((resolve) => {
        worker.once('message', resolve);
        worker.postMessage(message);
      }),
    stop: () => worker.terminate(),
  };
}

/** One streaming request: resolves with the bytes received and the gaps between chunks (ms). */
function streamOnce(agent: Agent, port: number, gaps: number[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/chatkit',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        let bytes = 0;
        let last = performance.now();
        res.on('data', (chunk: Buffer) => {
          const t = performance.now();
          gaps.push(t - last);
          last = t;
          bytes += chunk.length;
        });
        res.on('end', () => resolve(bytes));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(createBody);
  });
}

async function load(port: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: STREAMS });
  const gaps: number[] = [];
  const { ms, value } = await time(() =>
    Promise.all(Array.from({ length: STREAMS }, () => streamOnce(agent, port, gaps))),
  );
  agent.destroy();
  gaps.sort((a, b) => a - b);
  return { ms, bytes: value.reduce((a, b) => a + b, 0), p99Gap: percentile(gaps, 99) };
}

/** Heap held per open stream: streams opened and parked before their first delta. */
async function heapPerStream(server: ServerHandle): Promise<number> {
  await server.ask('gate');
  const before = await server.ask<number>('heap');
  const agent = new Agent({ keepAlive: true, maxSockets: STREAMS });
  const done = Array.from({ length: STREAMS }, () => streamOnce(agent, server.port, []));
  await new Promise((r) => setTimeout(r, 500));
  const during = await server.ask<number>('heap');
  await server.ask('release');
  await Promise.all(done);
  agent.destroy();
  return (during - before) / STREAMS;
}

/**
 * (b) Over HTTP: STREAMS concurrent streams of DELTAS deltas each, Threadline (Hono + handler +
 * pipeline) against a raw node:http SSE writer sending the same frames. Target: within 1.5×.
 */
export async function runHttpBench(): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  const results: Record<string, { ms: number; heap: number }> = {};
  for (const kind of ['raw', 'threadline'] as const) {
    const server = await startWorker(kind, DELTAS);
    await load(server.port); // warm-up
    const runs = [await load(server.port), await load(server.port), await load(server.port)];
    const bestRun = runs.reduce((a, b) => (a.ms <= b.ms ? a : b));
    const heap = await heapPerStream(server);
    await server.stop();
    results[kind] = { ms: bestRun.ms, heap };
    const events = STREAMS * (DELTAS + 4);
    rows.push({
      server:
        kind === 'raw'
          ? 'baseline: raw node:http SSE writer'
          : 'Threadline (Hono + handler + pipeline)',
      'ms (best of 3)': fmt(bestRun.ms, 1),
      'events/s': fmt((events / bestRun.ms) * 1000),
      'MB/s': fmt(bestRun.bytes / 1e6 / (bestRun.ms / 1000), 1),
      'p99 gap ms': fmt(bestRun.p99Gap, 2),
      'heap/open stream': `${fmt(heap / 1024, 1)} KiB`,
      'vs baseline': kind === 'raw' ? '1.00×' : ratio(bestRun.ms, results.raw!.ms),
    });
  }
  printTable(`HTTP: ${STREAMS} concurrent streams × ${DELTAS} deltas`, rows);
}
