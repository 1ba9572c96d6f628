import { request, Agent } from 'node:http';
import { Worker } from 'node:worker_threads';
import { fmt, percentile, printTable, ratio, time } from './bench-kit.js';
import { createBody } from './scripted-deltas.js';

const STREAMS = Number(process.env.BENCH_HTTP_STREAMS ?? 200);
const DELTAS = Number(process.env.BENCH_HTTP_DELTAS ?? 500);
/** The paced shape: a model's pace, few deltas per stream, many streams open at once. */
const PACED_STREAMS = Number(process.env.BENCH_HTTP_PACED_STREAMS ?? 500);
const PACED_DELTAS = Number(process.env.BENCH_HTTP_PACED_DELTAS ?? 100);
const PACE_MS = Number(process.env.BENCH_HTTP_PACE_MS ?? 20);
type Kind = 'raw' | 'threadline' | 'node';
const KINDS = (process.env.BENCH_HTTP_KINDS ?? 'raw,threadline,node').split(',') as Kind[];
const LABELS: Record<Kind, string> = {
  raw: 'baseline: raw node:http SSE writer',
  threadline: 'Threadline web handler (Hono + @hono/node-server)',
  node: 'Threadline Node adapter (node:http + createNodeHandler)',
};

interface ServerHandle {
  port: number;
  ask<T>(message: string): Promise<T>;
  stop(): Promise<number>;
}

async function startWorker(kind: Kind, deltas: number): Promise<ServerHandle> {
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

async function load(server: ServerHandle, streams = STREAMS) {
  const agent = new Agent({ keepAlive: true, maxSockets: streams });
  const gaps: number[] = [];
  const cpuBefore = await server.ask<number>('cpu');
  const { ms, value } = await time(() =>
    Promise.all(Array.from({ length: streams }, () => streamOnce(agent, server.port, gaps))),
  );
  const cpuMs = (await server.ask<number>('cpu')) - cpuBefore;
  agent.destroy();
  gaps.sort((a, b) => a - b);
  return { ms, cpuMs, bytes: value.reduce((a, b) => a + b, 0), p99Gap: percentile(gaps, 99) };
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
 * (b) Over HTTP, the server in a worker thread: a burst (STREAMS concurrent streams of DELTAS
 * deltas back to back) and a paced shape (PACED_STREAMS streams of PACED_DELTAS deltas PACE_MS
 * apart), Threadline's web handler and Node adapter against a raw node:http SSE writer sending the
 * same frames. CPU is the server thread's busy time per delta (the other frames of a turn included).
 */
export async function runHttpBench(): Promise<void> {
  const burst: Record<string, string | number>[] = [];
  const paced: Record<string, string | number>[] = [];
  const base: Partial<Record<'burst' | 'paced', { ms: number; cpu: number }>> = {};
  for (const kind of KINDS) {
    const server = await startWorker(kind, DELTAS);
    await load(server); // warm-up
    const runs = [await load(server), await load(server), await load(server)];
    const best = runs.reduce((a, b) => (a.ms <= b.ms ? a : b));
    const heap = await heapPerStream(server);
    await server.stop();
    const events = STREAMS * DELTAS;
    const cpu = (best.cpuMs * 1000) / events;
    if (kind === 'raw') base.burst = { ms: best.ms, cpu };
    burst.push({
      server: LABELS[kind],
      'ms (best of 3)': fmt(best.ms, 1),
      'deltas/s': fmt((events / best.ms) * 1000),
      'CPU µs/delta': fmt(cpu, 2),
      'p99 gap ms': fmt(best.p99Gap, 2),
      'heap/open stream': `${fmt(heap / 1024, 1)} KiB`,
      'time vs raw': base.burst ? ratio(best.ms, base.burst.ms) : '',
      'CPU vs raw': base.burst ? `${fmt(cpu / base.burst.cpu, 2)}×` : '',
    });

    const pacedServer = await startWorker(kind, PACED_DELTAS);
    await pacedServer.ask(`pace:${PACE_MS}`);
    const run = await load(pacedServer, PACED_STREAMS);
    await pacedServer.stop();
    const pacedEvents = PACED_STREAMS * PACED_DELTAS;
    const pacedCpu = (run.cpuMs * 1000) / pacedEvents;
    if (kind === 'raw') base.paced = { ms: run.ms, cpu: pacedCpu };
    paced.push({
      server: LABELS[kind],
      ms: fmt(run.ms, 1),
      'CPU µs/delta': fmt(pacedCpu, 2),
      'p99 gap ms': fmt(run.p99Gap, 2),
      'CPU vs raw': base.paced ? `${fmt(pacedCpu / base.paced.cpu, 2)}×` : '',
    });
  }
  printTable(`HTTP burst: ${STREAMS} concurrent streams × ${DELTAS} deltas`, burst);
  printTable(
    `HTTP paced: ${PACED_STREAMS} concurrent streams × ${PACED_DELTAS} deltas, ${PACE_MS} ms apart`,
    paced,
  );
}
