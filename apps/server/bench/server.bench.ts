/**
 * The whole server over HTTP: CONVERSATIONS concurrent `threads.create` streams against the built
 * server (`apps/server/dist/main.js`, SQLite) whose model is the fake model server streaming TOKENS
 * tokens each, next to a raw node:http SSE writer replaying the same frames, measured in the same
 * run. Reports throughput, p99 gap between events and memory (RSS) per open stream.
 *
 *   npx tsx apps/server/bench/server.bench.ts          (after `npm run build`)
 */
import { spawn, type ChildProcess } from 'node:child_process';
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

const body = JSON.stringify({
  type: 'threads.create',
  params: {
    input: {
      content: [{ type: 'input_text', text: 'bench' }],
      attachments: [],
      inference_options: {},
    },
  },
});

interface Target {
  port: number;
  child: ChildProcess;
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

/** One conversation: resolves with the frames received; gaps between chunks go into `gaps`. */
function converse(
  agent: Agent,
  port: number,
  user: string,
  gaps: number[] | undefined,
  frames?: string[],
): Promise<number> {
  return new Promise((resolve, reject) => {
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
          gaps?.push(now - last);
          last = now;
          pending += chunk;
          let end;
          while ((end = pending.indexOf('\n\n')) >= 0) {
            frames?.push(pending.slice(0, end + 2));
            pending = pending.slice(end + 2);
            events += 1;
          }
        });
        res.on('end', () => resolve(events));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function load(port: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONVERSATIONS });
  const gaps: number[] = [];
  const start = performance.now();
  const counts = await Promise.all(
    Array.from({ length: CONVERSATIONS }, (_, i) => converse(agent, port, `u${i % 50}`, gaps)),
  );
  const ms = performance.now() - start;
  agent.destroy();
  gaps.sort((a, b) => a - b);
  const events = counts.reduce((a, b) => a + b, 0);
  return { ms, events, p99: percentile(gaps, 99) };
}

async function openStreamMemory(target: Target): Promise<number> {
  await target.park(PARK_MS);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const before = rssOf(target.child.pid!);
  const agent = new Agent({ keepAlive: true, maxSockets: CONVERSATIONS });
  const done = Promise.all(
    Array.from({ length: CONVERSATIONS }, (_, i) =>
      converse(agent, target.port, `m${i}`, undefined),
    ),
  );
  let during = before;
  const sampler = setInterval(() => (during = Math.max(during, rssOf(target.child.pid!))), 100);
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

export async function runServerBench(): Promise<void> {
  let parked = 0;
  const text = Array.from({ length: TOKENS }, (_, i) => `tok${i} `);
  const fake = await startFakeModelServer(async () => {
    if (parked > 0) await new Promise((resolve) => setTimeout(resolve, parked));
    return { text };
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'threadline-bench-'));
  const threadline = spawn(process.execPath, [join(ROOT, 'apps/server/dist/main.js')], {
    env: {
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
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const banner = await waitForLine(threadline, (line) => line.includes('Threadline listening on'));
  const port = (JSON.parse(banner) as { port: number }).port;
  threadline.stdout?.resume();
  const threadlineTarget: Target = {
    port,
    child: threadline,
    park: async (ms) => {
      parked = ms;
    },
  };

  // Record one real response, so the baseline sends byte-identical frames.
  const frames: string[] = [];
  await converse(new Agent(), port, 'recorder', undefined, frames);
  const framesFile = join(dataDir, 'frames.json');
  writeFileSync(framesFile, JSON.stringify(frames));
  const raw = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'apps/server/bench/raw-sse-server.ts'), framesFile],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const rawPort = Number(await waitForLine(raw, (line) => /^\d+$/.test(line.trim())));
  const rawTarget: Target = {
    port: rawPort,
    child: raw,
    park: (ms) =>
      new Promise((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: rawPort,
            path: '/park',
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
      }),
  };

  const rows: Record<string, string>[] = [];
  const results: Record<string, number> = {};
  for (const [name, target] of [
    ['baseline: raw node:http SSE writer', rawTarget],
    ['Threadline server (auth, rate limit, agents, SQLite, model over HTTP)', threadlineTarget],
  ] as const) {
    // Memory first, on a barely warmed-up process: RSS does not shrink after a load run.
    const agent = new Agent({ keepAlive: true });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => converse(agent, target.port, `w${i}`, undefined)),
    );
    agent.destroy();
    const memory = await openStreamMemory(target);
    await load(target.port); // warm-up
    const runs = [await load(target.port), await load(target.port)];
    const best = runs.reduce((a, b) => (a.ms <= b.ms ? a : b));
    results[name] = best.ms;
    rows.push({
      server: name,
      'ms (best of 2)': fmt(best.ms, 1),
      'events/s': fmt((best.events / best.ms) * 1000),
      'conversations/s': fmt((CONVERSATIONS / best.ms) * 1000, 1),
      'p99 gap ms': fmt(best.p99, 2),
      'RSS growth/open stream': `${fmt(memory / 1024, 1)} KiB`,
    });
  }
  const baseline = results['baseline: raw node:http SSE writer']!;
  for (const row of rows) row['vs baseline'] = `${fmt(results[row.server!]! / baseline, 2)}×`;
  console.log(
    `\n## Server over HTTP: ${CONVERSATIONS} concurrent conversations × ${TOKENS} tokens (fake model)`,
  );
  console.log(`frames per conversation: ${frames.length}`);
  console.table(rows);

  raw.kill('SIGTERM');
  threadline.kill('SIGTERM');
  await fake.close();
}

if (import.meta.url === `file://${process.argv[1]}`) await runServerBench();
