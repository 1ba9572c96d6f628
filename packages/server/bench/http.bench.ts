import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request, Agent } from 'node:http';
import { fmt, percentile, printTable } from './bench-kit.js';
import { createBody } from './scripted-deltas.js';

const STREAMS = Number(process.env.BENCH_HTTP_STREAMS ?? 500);
const DELTAS = Number(process.env.BENCH_HTTP_DELTAS ?? 200);
/** The paced shape: a model's pace, few deltas per stream, many streams open at once. */
const PACED_STREAMS = Number(process.env.BENCH_HTTP_PACED_STREAMS ?? 500);
const PACED_DELTAS = Number(process.env.BENCH_HTTP_PACED_DELTAS ?? 100);
const PACE_MS = Number(process.env.BENCH_HTTP_PACE_MS ?? 20);
const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 3);
type Kind = 'raw' | 'threadline' | 'node' | 'peer';
const KINDS = (process.env.BENCH_HTTP_KINDS ?? 'raw,peer,threadline,node').split(',') as Kind[];
const LABELS: Record<Kind, string> = {
  raw: 'baseline: raw node:http SSE writer',
  peer: 'peer: chatkit-node-backend-sdk 1.1.2 under Express',
  threadline: 'Threadline web handler (Hono + @hono/node-server)',
  node: 'Threadline Node adapter (node:http + createNodeHandler)',
};

/** Pins a process (all its threads) to one core; false where `taskset` is missing. */
function pin(pid: number, core: number): boolean {
  if (process.env.BENCH_PIN === '0') return false;
  try {
    execFileSync('taskset', ['-acp', String(core), String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** CPU milliseconds (user + system, every thread) a process has used, from /proc/<pid>/stat. */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

interface ServerHandle {
  kind: Kind;
  port: number;
  pid: number;
  ask<T>(message: string): Promise<T>;
  stop(): void;
}

async function startServer(kind: Kind, deltas: number): Promise<ServerHandle> {
  const child: ChildProcess = fork(
    new URL('./http-bench-worker.ts', import.meta.url),
    [kind, String(deltas)],
    {
      execArgv: ['--expose-gc', '--conditions=@threadline/source', '--import', 'tsx'],
      // The peer prints every threads.create's params to stdout (its cost stays, the noise goes).
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('error', reject);
  });
  pin(child.pid!, 0);
  return {
    kind,
    port,
    pid: child.pid!,
    ask: <T>(message: string) =>
      new Promise<T>((resolve) => {
        child.once('message', (m) => resolve(m as T));
        child.send(message);
      }),
    stop: () => child.kill('SIGTERM'),
  };
}

/** One streaming request: resolves with the bytes received; gaps between chunks go into `gaps`. */
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
        let last = NaN;
        res.on('data', (chunk: Buffer) => {
          const t = performance.now();
          if (!Number.isNaN(last)) gaps.push(t - last);
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

interface Run {
  ms: number;
  cpuMs: number;
  p99Gap: number;
  /** Peak RSS growth of the server while the streams were open, per stream. */
  rssPerStream: number;
}

async function load(server: ServerHandle, streams: number): Promise<Run> {
  const agent = new Agent({ keepAlive: true, maxSockets: streams });
  const gaps: number[] = [];
  const rssBefore = rssOf(server.pid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssOf(server.pid))), 50);
  const cpuBefore = cpuMsOf(server.pid);
  const start = performance.now();
  const bytes = await Promise.all(
    Array.from({ length: streams }, () => streamOnce(agent, server.port, gaps)),
  );
  const ms = performance.now() - start;
  const cpuMs = cpuMsOf(server.pid) - cpuBefore;
  clearInterval(sampler);
  agent.destroy();
  if (bytes.some((b) => b === 0)) throw new Error(`${server.kind}: an empty stream`);
  gaps.sort((a, b) => a - b);
  return {
    ms,
    cpuMs,
    p99Gap: percentile(gaps, 99),
    rssPerStream: Math.max(0, rssPeak - rssBefore) / streams,
  };
}

/** Heap and RSS held per open stream: streams opened and parked before their first delta. */
async function openStreamMemory(server: ServerHandle): Promise<{ heap: number; rss: number }> {
  await server.ask('gate');
  const heapBefore = await server.ask<number>('heap');
  const rssBefore = rssOf(server.pid);
  const agent = new Agent({ keepAlive: true, maxSockets: STREAMS });
  const done = Array.from({ length: STREAMS }, () => streamOnce(agent, server.port, []));
  await new Promise((r) => setTimeout(r, 1_000));
  const rss = rssOf(server.pid) - rssBefore;
  const heap = (await server.ask<number>('heap')) - heapBefore;
  await server.ask('release');
  await Promise.all(done);
  agent.destroy();
  return { heap: heap / STREAMS, rss: Math.max(0, rss) / STREAMS };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const times = (value: number, base: number | undefined) =>
  base === undefined ? '' : `${fmt(value / base, 2)}×`;

/**
 * (b) Over HTTP, each server in its own process pinned to core 0 and this load generator on core
 * 1: a burst (STREAMS concurrent streams of DELTAS deltas back to back) and a paced shape
 * (PACED_STREAMS streams of PACED_DELTAS deltas PACE_MS apart), Threadline's web handler and Node
 * adapter against a raw node:http SSE writer sending the same frames and against the npm peer
 * (chatkit-node-backend-sdk under Express) with the same scripted respond. Servers are started
 * together and loaded in alternating rounds (medians reported), so machine load hits all alike.
 * CPU is the server process's CPU time per delta from /proc (the other frames of a turn included).
 */
export async function runHttpBench(): Promise<void> {
  const pinned = pin(process.pid, 1);
  console.log(
    `\nHTTP bench: servers ${pinned ? 'pinned to core 0, load generator to core 1' : 'not pinned'}; CPU from /proc. Figures taken on a shared machine (other processes running): compare ratios, not absolutes.`,
  );
  const burstServers = await Promise.all(KINDS.map((kind) => startServer(kind, DELTAS)));
  const burstRuns = new Map<Kind, Run[]>();
  for (const server of burstServers) await load(server, STREAMS); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const server of burstServers) {
      const runs = burstRuns.get(server.kind) ?? [];
      runs.push(await load(server, STREAMS));
      burstRuns.set(server.kind, runs);
    }
  }
  const memory = new Map<Kind, { heap: number; rss: number }>();
  for (const server of burstServers) memory.set(server.kind, await openStreamMemory(server));
  for (const server of burstServers) server.stop();

  const pacedServers = await Promise.all(KINDS.map((kind) => startServer(kind, PACED_DELTAS)));
  for (const server of pacedServers) await server.ask(`pace:${PACE_MS}`);
  const pacedRuns = new Map<Kind, Run[]>();
  for (const server of pacedServers) await load(server, 50); // warm-up
  for (let round = 0; round < Math.max(2, ROUNDS - 1); round++) {
    for (const server of pacedServers) {
      const runs = pacedRuns.get(server.kind) ?? [];
      runs.push(await load(server, PACED_STREAMS));
      pacedRuns.set(server.kind, runs);
    }
  }
  for (const server of pacedServers) server.stop();

  const summarize = (runs: Run[], events: number) => ({
    ms: median(runs.map((r) => r.ms)),
    cpu: (median(runs.map((r) => r.cpuMs)) * 1000) / events,
    gap: median(runs.map((r) => r.p99Gap)),
    rss: median(runs.map((r) => r.rssPerStream)),
  });
  const burst = new Map(KINDS.map((k) => [k, summarize(burstRuns.get(k)!, STREAMS * DELTAS)]));
  const paced = new Map(
    KINDS.map((k) => [k, summarize(pacedRuns.get(k)!, PACED_STREAMS * PACED_DELTAS)]),
  );
  printTable(
    `HTTP burst: ${STREAMS} concurrent streams × ${DELTAS} deltas (median of ${ROUNDS} alternating rounds)`,
    KINDS.map((kind) => {
      const b = burst.get(kind)!;
      const m = memory.get(kind)!;
      return {
        server: LABELS[kind],
        ms: fmt(b.ms, 1),
        'deltas/s': fmt(((STREAMS * DELTAS) / b.ms) * 1000),
        'CPU µs/delta': fmt(b.cpu, 2),
        'CPU vs raw': times(b.cpu, burst.get('raw')?.cpu),
        'CPU vs peer': times(b.cpu, burst.get('peer')?.cpu),
        'p99 gap ms': fmt(b.gap, 2),
        'heap/open stream': `${fmt(m.heap / 1024, 1)} KiB`,
        'RSS/open stream': `${fmt(m.rss / 1024, 1)} KiB`,
      };
    }),
  );
  printTable(
    `HTTP paced: ${PACED_STREAMS} concurrent streams × ${PACED_DELTAS} deltas, ${PACE_MS} ms apart (median of ${Math.max(2, ROUNDS - 1)} alternating rounds)`,
    KINDS.map((kind) => {
      const p = paced.get(kind)!;
      return {
        server: LABELS[kind],
        ms: fmt(p.ms, 1),
        'CPU µs/delta': fmt(p.cpu, 2),
        'CPU vs raw': times(p.cpu, paced.get('raw')?.cpu),
        'CPU vs peer': times(p.cpu, paced.get('peer')?.cpu),
        'p99 gap ms': fmt(p.gap, 2),
        'gap vs peer': times(p.gap, paced.get('peer')?.gap),
        'RSS growth/open stream': `${fmt(p.rss / 1024, 1)} KiB`,
      };
    }),
  );
  console.log(
    'Targets (issue 15): Threadline CPU/delta ≤ 1.0× the peer and ≤ 1.3× raw; paced p99 gap ≤ the peer’s; RSS growth per open paced stream ≤ 64 KiB.',
  );
}
