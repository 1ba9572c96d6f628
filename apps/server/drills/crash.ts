/**
 * `npm run drill:crash` (docs/crash-safety.md): N concurrent streams against the built app, SIGKILL
 * at a random moment, restart on the same database, then check that every user message whose
 * `thread.created` reached the client is stored and that a stored partial answer misses at most the
 * checkpoint bound. Runs on SQLite and on PostgreSQL (`DATABASE_URL`); exits 1 on any violation.
 *
 * Env: DRILL_STREAMS (50), DRILL_ROUNDS (3), DRILL_BACKENDS (sqlite,postgres), DRILL_SEED.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INTERRUPTED_NOTE } from '@threadline/server';
import type { ThreadItem, ThreadStreamEvent } from '@threadline/server/protocol';
import { ensureBuilt } from '../test/helpers/build.js';
import { startChildServer, type ChildServer } from '../test/helpers/child-server.js';
import { DATABASE_URL, freshSchema } from '../test/helpers/pg.js';
import { JWT_SECRET, jwtFor } from '../test/helpers/tokens.js';

const STREAMS = Number(process.env.DRILL_STREAMS ?? 50);
const ROUNDS = Number(process.env.DRILL_ROUNDS ?? 3);
const BACKENDS = (process.env.DRILL_BACKENDS ?? 'sqlite,postgres').split(',');
const CHECKPOINT_MS = 250;
const CHECKPOINT_DELTAS = 8;
const WORD_DELAY_MS = 15;
/** A partial answer may miss the deltas of one checkpoint period plus one write in flight. */
const MAX_LOST_WORDS = 2 * CHECKPOINT_DELTAS;

let seed = Number(process.env.DRILL_SEED ?? Date.now() % 1_000_000);
/** Deterministic for a given DRILL_SEED (mulberry32). */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

interface Observed {
  user: string;
  text: string;
  threadId?: string;
  /** Text deltas of the assistant message, as received. */
  answer: string;
  answerId?: string;
}

const words = (text: string): number => text.match(/\S+\s*/g)?.length ?? 0;

async function openStream(url: string, token: string, seen: Observed): Promise<void> {
  const response = await fetch(`${url}/chatkit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      type: 'threads.create',
      params: {
        input: {
          content: [{ type: 'input_text', text: seen.text }],
          attachments: [],
          inference_options: {},
        },
      },
    }),
  });
  if (!response.body) return;
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = JSON.parse(frame.slice(6)) as ThreadStreamEvent;
      if (event.type === 'thread.created') seen.threadId = event.thread.id;
      if (event.type === 'thread.item.added' && event.item.type === 'assistant_message') {
        seen.answerId = event.item.id;
      }
      if (
        event.type === 'thread.item.updated' &&
        event.update.type === 'assistant_message.content_part.text_delta'
      ) {
        seen.answer += event.update.delta;
      }
    }
  }
}

async function items(url: string, token: string, threadId: string): Promise<ThreadItem[]> {
  const response = await fetch(`${url}/chatkit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      type: 'items.list',
      params: { thread_id: threadId, limit: 100, order: 'asc' },
    }),
  });
  if (!response.ok) throw new Error(`items.list ${response.status} ${await response.text()}`);
  return ((await response.json()) as { data: ThreadItem[] }).data;
}

interface RoundFigures {
  created: number;
  partials: number;
  complete: number;
  maxLost: number;
  violations: string[];
}

async function round(
  env: Record<string, string>,
  r: number,
  tokens: Map<string, string>,
): Promise<RoundFigures> {
  const server = await startChildServer(env);
  const observed: Observed[] = [];
  for (let i = 0; i < STREAMS; i++) {
    const user = `drill_user_${i % 10}`;
    observed.push({
      user,
      text: `drill round ${r} stream ${i} ${random().toString(36)}`,
      answer: '',
    });
  }
  // Odd rounds kill at a random early moment (around thread.created); even rounds once answers
  // stream (the first delta arrived), so partial answers are checked too.
  const streams = observed.map((seen) =>
    openStream(server.url, tokens.get(seen.user)!, seen).catch(() => {}),
  );
  const started = Date.now();
  if (r % 2 === 0) {
    while (!observed.some((seen) => seen.answer !== '') && Date.now() - started < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 800)));
  } else {
    await new Promise((resolve) => setTimeout(resolve, 100 + Math.floor(random() * 1_400)));
  }
  const killAfter = Date.now() - started;
  server.child.kill('SIGKILL');
  await server.exited;
  await Promise.all(streams);

  const restarted: ChildServer = await startChildServer(env);
  const figures: RoundFigures = {
    created: 0,
    partials: 0,
    complete: 0,
    maxLost: 0,
    violations: [],
  };
  try {
    for (const seen of observed) {
      if (!seen.threadId) continue;
      figures.created += 1;
      const stored = await items(restarted.url, tokens.get(seen.user)!, seen.threadId);
      const user = stored.find((item) => item.type === 'user_message');
      if (user?.content[0]?.text !== seen.text) {
        figures.violations.push(`${seen.threadId}: user message lost (${seen.text})`);
        continue;
      }
      const answer = stored.find(
        (item) => item.type === 'assistant_message' && item.id === seen.answerId,
      );
      const parts = answer?.type === 'assistant_message' ? answer.content.map((p) => p.text) : [];
      const interrupted = parts.at(-1) === INTERRUPTED_NOTE;
      const storedText = (interrupted ? parts.slice(0, -1) : parts).join('');
      if (answer && !interrupted) figures.complete += 1;
      if (interrupted) figures.partials += 1;
      if (!storedText.startsWith(seen.answer) && !seen.answer.startsWith(storedText)) {
        figures.violations.push(`${seen.threadId}: stored answer diverges from the streamed one`);
        continue;
      }
      const lost = Math.max(0, words(seen.answer) - words(storedText));
      figures.maxLost = Math.max(figures.maxLost, lost);
      if (lost > MAX_LOST_WORDS) {
        figures.violations.push(`${seen.threadId}: ${lost} streamed words not stored`);
      }
    }
  } finally {
    await restarted.stop();
  }
  console.log(
    `  round ${r}: kill after ${killAfter} ms · ${figures.created}/${STREAMS} saw thread.created · ` +
      `${figures.partials} interrupted partials · ${figures.complete} complete answers · ` +
      `max words lost ${figures.maxLost} (bound ${MAX_LOST_WORDS}) · violations ${figures.violations.length}`,
  );
  return figures;
}

async function main(): Promise<void> {
  await ensureBuilt();
  const tokens = new Map<string, string>();
  for (let i = 0; i < 10; i++) tokens.set(`drill_user_${i}`, await jwtFor(`drill_user_${i}`));
  const common = {
    THREADLINE_AUTH: 'jwt',
    JWT_SECRET,
    THREADLINE_DEMO: 'true',
    THREADLINE_DEMO_DELAY_MS: String(WORD_DELAY_MS),
    THREADLINE_CHECKPOINT_MS: String(CHECKPOINT_MS),
    THREADLINE_CHECKPOINT_DELTAS: String(CHECKPOINT_DELTAS),
    RATE_LIMIT_PER_IP: '0',
    RATE_LIMIT_PER_USER: '0',
  };
  console.log(
    `Crash drill: ${STREAMS} streams × ${ROUNDS} rounds, checkpoint ${CHECKPOINT_MS} ms / ${CHECKPOINT_DELTAS} deltas, seed ${seed}`,
  );
  let failures = 0;
  for (const backend of BACKENDS) {
    let env: Record<string, string>;
    let cleanup = async () => {};
    if (backend === 'postgres') {
      const schema = await freshSchema();
      env = { ...common, DATABASE_URL, DATABASE_SCHEMA: schema.schema };
      cleanup = () => schema.drop();
    } else {
      env = { ...common, THREADLINE_DATA_DIR: mkdtempSync(join(tmpdir(), 'threadline-drill-')) };
    }
    console.log(`${backend}:`);
    try {
      for (let r = 1; r <= ROUNDS; r++) {
        const figures = await round(env, r, tokens);
        for (const v of figures.violations.slice(0, 5)) console.log(`    ✗ ${v}`);
        failures += figures.violations.length;
      }
    } finally {
      await cleanup();
    }
  }
  if (failures > 0) {
    console.log(`FAILED: ${failures} violations`);
    process.exit(1);
  }
  console.log('OK: every message whose thread.created reached the client was stored');
}

await main();
