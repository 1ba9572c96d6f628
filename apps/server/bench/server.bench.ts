/**
 * The whole server over HTTP: CONVERSATIONS concurrent `threads.create` streams against the built
 * server (`apps/server/dist/main.js`, SQLite) whose model is the fake model server streaming TOKENS
 * tokens each, next to a raw node:http SSE writer replaying the same frames, measured in the same
 * run. Reports throughput, server CPU per streamed event (from /proc, so load from other processes
 * barely moves it), p99 gap between events and memory (RSS) per open stream; then, for the app:
 * CONVERSATIONS concurrent `threads.list` requests (p50/p99, CPU each) and the time to first event
 * of CONVERSATIONS new conversations at once with an instant model (p50/p99, raw writer alongside).
 *
 * The servers run pinned to core 0 and this process (load generator and fake model) to core 1
 * (`taskset`; BENCH_PIN=0 turns it off): unpinned runs on a small machine swing 2×.
 * BENCH_SERVER_PROFILE=<dir> runs the app under `--cpu-prof` and writes its profile there.
 *
 *   npx tsx apps/server/bench/server.bench.ts          (after `npm run build`)
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeModelServer } from '@threadline/server/testing';

const CONVERSATIONS = Number(process.env.BENCH_SERVER_CONVERSATIONS ?? 500);
const TOKENS = Number(process.env.BENCH_SERVER_TOKENS ?? 300);
/** How long parked streams wait for the model while open-stream memory is measured. */
const PARK_MS = 3_000;
const ROOT = new URL('../../../', import.meta.url).pathname;
const PROFILE_DIR = process.env.BENCH_SERVER_PROFILE;
/** Which parts run: `stream` (throughput, CPU, gaps, memory), `list`, `first`. */
const PARTS = new Set((process.env.BENCH_SERVER_PARTS ?? 'stream,list,first').split(','));

/** `taskset -c <core>` when available and wanted: servers on core 0, this process on core 1. */
const PIN = process.env.BENCH_PIN !== '0' && hasTaskset();
function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const spawnServer = (args: string[], env?: NodeJS.ProcessEnv) =>
  PIN
    ? spawn('taskset', ['-c', '0', process.execPath, ...args], {
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      })
    : spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });

const createBody = JSON.stringify({
  type: 'threads.create',
  params: {
    input: {
      content: [{ type: 'input_text', text: 'bench' }],
      attachments: [],
      inference_options: {},
    },
  },
});
const listBody = JSON.stringify({ type: 'threads.list', params: { limit: 20, order: 'desc' } });

interface Target {
  port: number;
  /** The process serving the port (under `taskset`, the exec'd node itself). */
  pid: number;
  /** Make the next streams wait `ms` before their first event (to measure open-stream memory). */
  park(ms: number): Promise<void>;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** CPU milliseconds (user + system) the process has used so far, from /proc/<pid>/stat. */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
}

interface Exchange {
  /** Frames received. */
  events: number;
  /** Milliseconds from sending the request to the first body chunk. */
  firstMs: number;
  /** Milliseconds from sending the request to the end of the response. */
  totalMs: number;
}

/** One POST: resolves with the frames received; gaps between chunks go into `gaps`. */
function exchange(
  agent: Agent,
  port: number,
  user: string,
  body: string,
  gaps: number[] | undefined,
  frames?: string[],
): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstMs = NaN;
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/chatkit',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'x-user-id': user },
      },
      (res) => {
        let events = 0;
        let last = performance.now();
        let pending = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const now = performance.now();
          if (Number.isNaN(firstMs)) firstMs = now - started;
          else gaps?.push(now - last);
          last = now;
          pending += chunk;
          let end;
          while ((end = pending.indexOf('\n\n')) >= 0) {
            frames?.push(pending.slice(0, end + 2));
            pending = pending.slice(end + 2);
            events += 1;
          }
        });
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`${res.statusCode}: ${pending}`));
          else resolve({ events, firstMs, totalMs: performance.now() - started });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const converse = (agent: Agent, port: number, user: string, gaps?: number[], frames?: string[]) =>
  exchange(agent, port, user, createBody, gaps, frames);

async function load(target: Target) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONVERSATIONS });
  const gaps: number[] = [];
  const cpuBefore = cpuMsOf(target.pid);
  const start = performance.now();
  const results = await Promise.all(
    Array.from({ length: CONVERSATIONS }, (_, i) =>
      converse(agent, target.port, `u${i % 50}`, gaps),
    ),
  );
  const ms = performance.now() - start;
  const cpuMs = cpuMsOf(target.pid) - cpuBefore;
  agent.destroy();
  gaps.sort((a, b) => a - b);
  const events = results.reduce((a, b) => a + b.events, 0);
  return { ms, cpuMs, events, p99: percentile(gaps, 99) };
}

/** CONVERSATIONS new conversations at once: time to first event (ms). */
async function firstEvents(target: Target) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONVERSATIONS });
  const results = await Promise.all(
    Array.from({ length: CONVERSATIONS }, (_, i) => converse(agent, target.port, `f${i % 50}`)),
  );
  agent.destroy();
  const first = results.map((r) => r.firstMs).sort((a, b) => a - b);
  return { p50: percentile(first, 50), p99: percentile(first, 99) };
}

/** CONVERSATIONS concurrent `threads.list` requests (users that own threads by now). */
async function listAtOnce(target: Target) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONVERSATIONS });
  const cpuBefore = cpuMsOf(target.pid);
  const results = await Promise.all(
    Array.from({ length: CONVERSATIONS }, (_, i) =>
      exchange(agent, target.port, `u${i % 50}`, listBody, undefined),
    ),
  );
  const cpuMs = cpuMsOf(target.pid) - cpuBefore;
  agent.destroy();
  const totals = results.map((r) => r.totalMs).sort((a, b) => a - b);
  return { p50: percentile(totals, 50), p99: percentile(totals, 99), cpuMs };
}

async function openStreamMemory(target: Target): Promise<number> {
  await target.park(PARK_MS);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const before = rssOf(target.pid);
  const agent = new Agent({ keepAlive: true, maxSockets: CONVERSATIONS });
  const done = Promise.all(
    Array.from({ length: CONVERSATIONS }, (_, i) => converse(agent, target.port, `m${i}`)),
  );
  let during = before;
  const sampler = setInterval(() => (during = Math.max(during, rssOf(target.pid))), 100);
  await new Promise((resolve) => setTimeout(resolve, PARK_MS * 0.8));
  clearInterval(sampler);
  await done;
  agent.destroy();
  await target.park(0);
  return Math.max(0, during - before) / CONVERSATIONS;
}

function waitForLine(child: ChildProcess, test: (line: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const line of buffer.split('\n')) if (test(line)) resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runServerBench(): Promise<void> {
  let parked = 0;
  let tokens = TOKENS;
  const texts = new Map<number, string[]>();
  const textOf = (n: number) => {
    let text = texts.get(n);
    if (!text) texts.set(n, (text = Array.from({ length: n }, (_, i) => `tok${i} `)));
    return text;
  };
  const fake = await startFakeModelServer(async () => {
    if (parked > 0) await new Promise((resolve) => setTimeout(resolve, parked));
    return { text: textOf(tokens) };
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'threadline-bench-'));
  const appArgs = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const threadline = spawnServer([...appArgs, join(ROOT, 'apps/server/dist/main.js')], {
    PATH: process.env.PATH ?? '',
    PORT: '0',
    THREADLINE_DATA_DIR: dataDir,
    OPENAI_API_KEY: 'bench',
    OPENAI_BASE_URL: fake.baseURL,
    THREADLINE_AUTH: 'header',
    RATE_LIMIT_PER_IP: '0',
    RATE_LIMIT_PER_USER: '0',
    LOG_LEVEL: 'info',
    CHATKIT_UPLOAD_STRATEGY: 'disabled',
  });
  const banner = await waitForLine(threadline, (line) => line.includes('Threadline listening on'));
  const port = (JSON.parse(banner) as { port: number }).port;
  threadline.stdout?.resume();
  const threadlineTarget: Target = {
    port,
    pid: threadline.pid!,
    park: async (ms) => {
      parked = ms;
    },
  };

  // Record one real response, so the baseline sends byte-identical frames.
  const frames: string[] = [];
  await converse(new Agent(), port, 'recorder', undefined, frames);
  const framesFile = join(dataDir, 'frames.json');
  writeFileSync(framesFile, JSON.stringify(frames));
  const raw = spawnServer([
    '--import',
    'tsx',
    join(ROOT, 'apps/server/bench/raw-sse-server.ts'),
    framesFile,
  ]);
  const rawPort = Number(await waitForLine(raw, (line) => /^\d+$/.test(line.trim())));
  const rawControl = (path: string, ms: number) =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: rawPort,
          path,
          method: 'POST',
          headers: { 'x-park-ms': String(ms) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve());
        },
      );
      req.on('error', reject);
      req.end();
    });
  const rawTarget: Target = { port: rawPort, pid: raw.pid!, park: (ms) => rawControl('/park', ms) };

  const targets = [
    ['baseline: raw node:http SSE writer', rawTarget],
    ['Threadline server (auth, rate limit, agents, SQLite, model over HTTP)', threadlineTarget],
  ] as const;
  if (PARTS.has('stream')) await streamPart(targets, frames.length);
  else await load(threadlineTarget); // threads for `threads.list` to find
  if (PARTS.has('list')) await listPart(threadlineTarget);
  if (PARTS.has('first')) {
    tokens = 3; // an instant model: the first event's latency is the server's own
    await firstEventPart(targets);
  }

  raw.kill('SIGTERM');
  threadline.kill('SIGTERM');
  await new Promise((resolve) => threadline.once('exit', resolve));
  await fake.close();
}

type Targets = readonly (readonly [string, Target])[];

async function streamPart(targets: Targets, framesPerConversation: number): Promise<void> {
  const memory: Record<string, number> = {};
  for (const [name, target] of targets) {
    // Memory first, on a barely warmed-up process: RSS does not shrink after a load run.
    const agent = new Agent({ keepAlive: true });
    await Promise.all(Array.from({ length: 10 }, (_, i) => converse(agent, target.port, `w${i}`)));
    agent.destroy();
    memory[name] = await openStreamMemory(target);
    await load(target); // warm-up
  }
  // Alternate the two servers round by round, so a change in machine load hits both alike.
  const runs: Record<string, Awaited<ReturnType<typeof load>>[]> = {};
  for (let round = 0; round < 3; round++) {
    for (const [name, target] of targets) (runs[name] ??= []).push(await load(target));
  }
  const rows: Record<string, string>[] = [];
  const cpuPerEvent: Record<string, number> = {};
  for (const [name] of targets) {
    const rs = runs[name]!;
    const ms = median(rs.map((r) => r.ms));
    const events = rs[0]!.events;
    cpuPerEvent[name] = (median(rs.map((r) => r.cpuMs)) * 1000) / events;
    rows.push({
      server: name,
      'ms (median of 3)': fmt(ms, 1),
      'events/s': fmt((events / ms) * 1000),
      'CPU µs/event': fmt(cpuPerEvent[name], 2),
      'p99 gap ms': fmt(median(rs.map((r) => r.p99)), 2),
      'RSS growth/open stream': `${fmt(memory[name]! / 1024, 1)} KiB`,
    });
  }
  const baseline = cpuPerEvent[targets[0]![0]]!;
  for (const row of rows) row['CPU vs raw'] = `${fmt(cpuPerEvent[row.server!]! / baseline, 2)}×`;
  console.log(
    `\n## Server over HTTP: ${CONVERSATIONS} concurrent conversations × ${TOKENS} tokens (fake model)`,
  );
  console.log(
    `frames per conversation: ${framesPerConversation} · servers ${PIN ? 'pinned to core 0, load generator and fake model to core 1' : 'not pinned'} · target: app CPU/event ≤ 3× raw`,
  );
  console.table(rows);
  console.log(
    'Wall-clock figures here (ms, p99 gaps, threads.list, time to first event) move with any other load on the machine; CPU per event much less. Say whether the machine was shared when you quote them.',
  );
}

async function listPart(threadlineTarget: Target): Promise<void> {
  const lists = [];
  for (let round = 0; round < 3; round++) lists.push(await listAtOnce(threadlineTarget));
  console.log(`\n## ${CONVERSATIONS} concurrent threads.list through the app (median of 3 rounds)`);
  console.table([
    {
      'p50 ms': fmt(median(lists.map((l) => l.p50)), 1),
      'p99 ms': fmt(median(lists.map((l) => l.p99)), 1),
      'CPU ms/request': fmt(median(lists.map((l) => l.cpuMs)) / CONVERSATIONS, 2),
      target: 'p99 ≤ 500 ms',
    },
  ]);
}

async function firstEventPart(targets: Targets): Promise<void> {
  const first: Record<string, string>[] = [];
  for (const [name, target] of targets) {
    await firstEvents(target); // warm-up
    const rounds = [await firstEvents(target), await firstEvents(target)];
    first.push({
      server: name,
      'p50 ms': fmt(median(rounds.map((r) => r.p50)), 1),
      'p99 ms': fmt(Math.max(...rounds.map((r) => r.p99)), 1),
    });
  }
  console.log(
    `\n## Time to first event: ${CONVERSATIONS} new conversations at once, instant model (worst p99 of 2 rounds; target app p99 ≤ 1,500 ms)`,
  );
  console.table(first);
}

if (import.meta.url === `file://${process.argv[1]}`) await runServerBench();
