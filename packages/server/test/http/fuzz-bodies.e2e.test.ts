import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatKitHandler, type ChatKitHandler } from '../../src/http/index.js';
import { ChatKitServer } from '../../src/index.js';
import type {
  ThreadMetadata,
  ThreadStreamEventInput,
  TranscriptionResult,
  UserMessageItem,
} from '../../src/protocol/index.js';
import { PostgresStore } from '../../src/stores/postgres/index.js';
import { SqliteStore } from '../../src/stores/sqlite/index.js';
import type { Store } from '../../src/stores/store.js';
import { decodeSse } from '../../src/testing/sse.js';
import { connectPool, dropSchema, uniqueSchema } from '../contract/pg-database.js';
import { RecordingAttachmentStore } from '../helpers/attachment-store.js';
import { assistantMessage, CONTEXT, textInput, type TestContext } from '../helpers/make-server.js';

// Seeded fuzzing of the web handler: hostile bodies must never produce a 5xx, a cut stream or a
// thread without items, on either SQL backend (docs/protocol.md §1: bad input is a 4xx or an
// `error` event).
const BODIES = 20_000;
const CONCURRENCY = 8;
const ANSWER = 'fuzz answer';

/** mulberry32: small, fast, deterministic. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

const TYPES = [
  'threads.create',
  'threads.add_user_message',
  'threads.add_client_tool_output',
  'threads.add_structured_input',
  'threads.retry_after_item',
  'threads.custom_action',
  'threads.sync_custom_action',
  'threads.get_by_id',
  'threads.list',
  'threads.update',
  'threads.delete',
  'items.list',
  'items.feedback',
  'attachments.create',
  'attachments.delete',
  'input.transcribe',
] as const;

const NASTY_STRINGS = [
  '',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDC00x',
  'x\uDBFF',
  '\uFFFF\uFFFE',
  '😀',
  '\\u0000',
  'thr_' + 'x'.repeat(200_000),
  "'; DROP TABLE threads; --",
  '%00',
  '../../etc/passwd',
  '\u202E\u200B',
  ' ',
];

/** A hostile value of any JSON type (strings, numbers, nested containers). */
function hostile(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 2 ? 6 : 9)) {
    case 0:
      return rng.pick(NASTY_STRINGS);
    case 1:
      return rng.pick([0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, 1e21, -0]);
    case 2:
      return rng.pick([null, true, false]);
    case 3:
      return randomString(rng, rng.int(40));
    case 4:
      return rng.pick(knownIds);
    case 5:
      return 'x'.repeat(rng.int(5) === 0 ? 100_000 : 10);
    case 6:
      return [hostile(rng, depth + 1), hostile(rng, depth + 1)];
    case 7:
      return { [randomString(rng, 5)]: hostile(rng, depth + 1), type: hostile(rng, depth + 1) };
    default:
      return nest(rng.int(2) === 0 ? 'array' : 'object', 1 + rng.int(300), null);
  }
}

function randomString(rng: Rng, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) {
    const r = rng.int(10);
    if (r < 5) s += String.fromCharCode(32 + rng.int(95));
    else if (r < 7) s += String.fromCharCode(rng.int(32));
    else if (r < 8) s += String.fromCharCode(0xd800 + rng.int(0x800));
    else s += String.fromCharCode(rng.int(0x10000));
  }
  return s;
}

function nest(kind: 'array' | 'object', depth: number, leaf: unknown): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

/** Ids of real threads and items, filled once the backend is seeded. */
let knownIds: string[] = ['thr_missing'];
/** Ids of attachments created (never uploaded) while seeding. */
let attachmentIds: string[] = [];

/** A request of a valid shape where some fields carry hostile values. */
function shapedRequest(rng: Rng): Record<string, unknown> {
  const type = rng.pick(TYPES);
  const threadId = rng.int(2) === 0 ? rng.pick(knownIds) : hostile(rng);
  const input =
    rng.int(3) === 0
      ? hostile(rng)
      : textInput(String(rng.int(2) === 0 ? rng.pick(NASTY_STRINGS) : randomString(rng, 30)), {
          ...(rng.int(4) === 0 ? { attachments: [hostile(rng)] } : {}),
          ...(rng.int(4) === 0 ? { quoted_text: hostile(rng) } : {}),
          ...(rng.int(4) === 0 ? { inference_options: hostile(rng) } : {}),
        });
  const params: Record<string, unknown> = {
    thread_id: threadId,
    input,
    item_id: rng.int(2) === 0 ? rng.pick(knownIds) : hostile(rng),
    item_ids: [hostile(rng), rng.pick(knownIds)],
    kind: rng.pick(['positive', 'negative', hostile(rng)]),
    title: hostile(rng),
    limit: rng.pick([null, 0, 5, 1000, 1001, -1, 1.5, hostile(rng)]),
    order: rng.pick(['asc', 'desc', hostile(rng)]),
    after: rng.int(2) === 0 ? rng.pick(knownIds) : hostile(rng),
    result: hostile(rng),
    action: rng.int(2) === 0 ? { type: hostile(rng), payload: hostile(rng) } : hostile(rng),
    name: hostile(rng),
    size: hostile(rng),
    mime_type: rng.pick(['text/plain', 'image/png', '', hostile(rng)]),
    attachment_id: hostile(rng),
    audio_base64: rng.pick(['AAAA', 'AA', '!!', hostile(rng)]),
  };
  // Drop some fields, so missing ones are covered as well as wrong ones.
  for (const key of Object.keys(params)) if (rng.int(4) === 0) delete params[key];
  const body: Record<string, unknown> = { type, params };
  if (rng.int(5) === 0) body.metadata = hostile(rng);
  return body;
}

/** A valid streaming request whose strings are hostile: it reaches the store and `respond`. */
function nearlyValid(rng: Rng): Record<string, unknown> {
  const text = rng.int(2) === 0 ? rng.pick(NASTY_STRINGS) : randomString(rng, 30);
  const input = textInput(text, {
    ...(rng.int(3) === 0 ? { quoted_text: randomString(rng, 10) } : {}),
    // Real, missing or hostile attachment ids: a refused message must not leave a thread behind.
    ...(rng.int(3) === 0
      ? { attachments: [rng.pick([...attachmentIds, 'atc_missing', rng.pick(NASTY_STRINGS)])] }
      : {}),
  });
  const threadId = rng.pick(knownIds.filter((id) => id.startsWith('thr_')));
  switch (rng.int(5)) {
    case 0:
      return { type: 'threads.create', params: { input } };
    case 4:
      return {
        type: 'attachments.create',
        params: {
          name: text,
          size: rng.pick([-1, 0, 10, 2 ** 53]),
          mime_type: rng.pick(['', 'text/plain', text]),
        },
      };
    case 1:
      return { type: 'threads.add_user_message', params: { thread_id: threadId, input } };
    case 2:
      return { type: 'threads.update', params: { thread_id: threadId, title: text } };
    default:
      return {
        type: 'threads.retry_after_item',
        params: { thread_id: threadId, item_id: rng.pick(knownIds) },
      };
  }
}

/** UTF-8 no decoder accepts: an encoded lone surrogate, an overlong NUL, a stray byte. */
const BAD_UTF8 = [[0xed, 0xa0, 0x80], [0xc0, 0x80], [0xff], [0xe2, 0x82]] as const;

/** A valid streaming request whose message text carries invalid UTF-8 bytes. */
function invalidUtf8Request(rng: Rng): Uint8Array<ArrayBuffer> {
  const [head, tail] = JSON.stringify({
    type: 'threads.create',
    params: { input: textInput('before<>after') },
  }).split('<>') as [string, string];
  const encoder = new TextEncoder();
  return new Uint8Array([...encoder.encode(head), ...rng.pick(BAD_UTF8), ...encoder.encode(tail)]);
}

/** One fuzzed body: a string of JSON (maybe broken) or raw bytes (maybe invalid UTF-8). */
function fuzzBody(rng: Rng): string | Uint8Array<ArrayBuffer> {
  switch (rng.int(10)) {
    case 0: {
      if (rng.int(2) === 0) return invalidUtf8Request(rng);
      const bytes = new Uint8Array(rng.int(64));
      for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(256);
      return bytes;
    }
    case 1: {
      const text = JSON.stringify(shapedRequest(rng));
      return text.slice(0, rng.int(text.length));
    }
    case 2: {
      // Built as text: nesting this deep overflows JSON.stringify's stack.
      const depth = rng.pick([100, 1000, 5000, 50_000]);
      if (rng.int(2) === 0) return '['.repeat(depth) + '1' + ']'.repeat(depth);
      const inner = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
      return `{"type":"threads.create","params":{"input":${inner}}}`;
    }
    case 3:
      return JSON.stringify({
        type: rng.int(2) === 0 ? randomString(rng, 12) : hostile(rng),
        params: hostile(rng),
      });
    case 4:
      return JSON.stringify(hostile(rng));
    case 5:
      return rng.pick([
        '',
        'null',
        '[]',
        '{}',
        '"threads.create"',
        '{"type":',
        '\u0000',
        '{"a":1}x',
      ]);
    case 6:
      return JSON.stringify(nearlyValid(rng));
    default:
      return JSON.stringify(shapedRequest(rng));
  }
}

/** Answers every turn with a short message. */
class FuzzServer extends ChatKitServer<TestContext> {
  readonly errors: unknown[][] = [];
  constructor(store: Store<TestContext>) {
    super({
      store,
      attachmentStore: new RecordingAttachmentStore<TestContext>(),
      logger: {
        debug() {},
        info() {},
        warn() {},
        error: (...args: unknown[]) => void this.errors.push(args),
      },
    });
  }
  // Implemented so dictation requests reach validation instead of the documented 501 for a
  // missing hook.
  override async transcribe(): Promise<TranscriptionResult> {
    return { text: 'heard' };
  }
  async *respond(
    thread: ThreadMetadata,
    _input: UserMessageItem | null,
  ): AsyncIterable<ThreadStreamEventInput> {
    yield {
      type: 'thread.item.done',
      item: assistantMessage(
        thread.id,
        this.store.generateItemId('message', thread, CONTEXT),
        ANSWER,
      ),
    };
  }
}

interface Backend {
  store: Store<TestContext>;
  /** Threads with no items, counted in SQL. */
  orphans(): Promise<number>;
  threads(): Promise<number>;
  /** Items whose thread is gone. */
  strayItems(): Promise<number>;
  close(): Promise<void>;
}

const ORPHANS = (threads: string, items: string) =>
  `SELECT count(*) AS n FROM ${threads} t WHERE NOT EXISTS (SELECT 1 FROM ${items} i WHERE i.thread_id = t.id)`;

const STRAY = (threads: string, items: string) =>
  `SELECT count(*) AS n FROM ${items} i WHERE NOT EXISTS (SELECT 1 FROM ${threads} t WHERE t.id = i.thread_id)`;

const backends: Record<string, () => Promise<Backend>> = {
  sqlite: async () => {
    const db = new Database(':memory:');
    const store = new SqliteStore<TestContext>({ database: db, tablePrefix: 'fuzz_' });
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    return {
      store,
      orphans: async () => count(ORPHANS('fuzz_threads', 'fuzz_items')),
      threads: async () => count('SELECT count(*) AS n FROM fuzz_threads'),
      strayItems: async () => count(STRAY('fuzz_threads', 'fuzz_items')),
      close: async () => {
        await store.close();
        db.close();
      },
    };
  },
  postgres: async () => {
    const pool = await connectPool(6);
    const schema = uniqueSchema('fuzz');
    const store = new PostgresStore<TestContext>({ pool, schema });
    await store.migrate();
    const count = async (sql: string) => Number((await pool.query<{ n: string }>(sql)).rows[0]!.n);
    return {
      store,
      orphans: () =>
        count(ORPHANS(`"${schema}".threadline_threads`, `"${schema}".threadline_items`)),
      threads: () => count(`SELECT count(*) AS n FROM "${schema}".threadline_threads`),
      strayItems: () =>
        count(STRAY(`"${schema}".threadline_threads`, `"${schema}".threadline_items`)),
      close: async () => {
        await dropSchema(pool, schema);
        await pool.end();
      },
    };
  },
};

interface Outcome {
  status: number;
  streamed: boolean;
  /** For streams: ended with an `error` event, or carried the answer. */
  finished: boolean;
  detail: string;
}

async function send(chatkit: ChatKitHandler<TestContext>, body: string | Uint8Array<ArrayBuffer>) {
  const request = new Request('http://fuzz.test/chatkit', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const response = await chatkit(request);
  const text = await response.text();
  const streamed = (response.headers.get('content-type') ?? '').includes('text/event-stream');
  let finished = true;
  let detail = '';
  if (streamed) {
    try {
      const events = decodeSse(text).map((f) => f.event);
      const last = events.at(-1);
      finished =
        last?.type === 'error' ||
        events.some(
          (e) =>
            e.type === 'thread.item.done' &&
            e.item.type === 'assistant_message' &&
            e.item.content[0]?.text === ANSWER,
        );
      if (!finished) detail = events.map((e) => e.type).join(',');
    } catch (error) {
      finished = false;
      detail = String(error).slice(0, 300);
    }
  }
  return { status: response.status, streamed, finished, detail } satisfies Outcome;
}

for (const [name, open] of Object.entries(backends)) {
  describe(`fuzzed bodies through the web handler on ${name}`, () => {
    let backend: Backend;
    let server: FuzzServer;
    let chatkit: ChatKitHandler<TestContext>;
    beforeAll(async () => {
      backend = await open();
      server = new FuzzServer(backend.store);
      chatkit = createChatKitHandler(server, { getContext: () => CONTEXT });
      // Real ids for the hostile requests to aim at.
      knownIds = ['thr_missing'];
      for (let i = 0; i < 3; i++) {
        const response = await chatkit(
          new Request('http://fuzz.test/chatkit', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ type: 'threads.create', params: { input: textInput('seed') } }),
          }),
        );
        for (const { event } of decodeSse(await response.text())) {
          if (event.type === 'thread.created') knownIds.push(event.thread.id);
          if (event.type === 'thread.item.done') knownIds.push(event.item.id);
        }
      }
      expect(knownIds.length).toBe(1 + 3 * 3);
      attachmentIds = [];
      for (const mime of ['text/plain', 'image/png']) {
        const response = await chatkit(
          new Request('http://fuzz.test/chatkit', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              type: 'attachments.create',
              params: { name: 'seed', size: 4, mime_type: mime },
            }),
          }),
        );
        attachmentIds.push(((await response.json()) as { id: string }).id);
      }
      expect(attachmentIds).toHaveLength(2);
    });
    afterAll(async () => backend?.close());

    it(`answers ${BODIES} hostile bodies without a 5xx, a cut stream or an orphan thread`, async () => {
      const rng = prng(0x5eed + name.length);
      const started = performance.now();
      const statuses = new Map<number, number>();
      const failures: string[] = [];
      let streams = 0;
      let next = 0;
      const worker = async () => {
        while (next < BODIES) {
          const index = next++;
          const body = fuzzBody(rng);
          const outcome = await send(chatkit, body);
          statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
          if (outcome.streamed) streams++;
          if (outcome.status >= 500 || !outcome.finished) {
            const shown = typeof body === 'string' ? body.slice(0, 300) : `bytes ${body.length}`;
            failures.push(`#${index} ${outcome.status} ${outcome.detail} <- ${shown}`);
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const seconds = (performance.now() - started) / 1000;
      const histogram = [...statuses].sort(([a], [b]) => a - b);
      console.log(
        `${name}: ${BODIES} bodies in ${seconds.toFixed(1)} s, ${streams} streams, statuses ${JSON.stringify(histogram)}, threads ${await backend.threads()}, hook errors ${server.errors.length}`,
      );
      expect(failures.slice(0, 20)).toEqual([]);
      expect(failures.length).toBe(0);
      // Hook errors (a thread deleted mid-turn, no `action()` override) become `error` events and
      // are logged; a request or stream the handler itself had to fail is a bug.
      const cut = server.errors.filter((args) => String(args[0]).startsWith('ChatKit '));
      expect(cut.map((args) => args.map(String).join(' '))).toEqual([]);
      expect(await backend.orphans()).toBe(0);
      expect(await backend.strayItems()).toBe(0);
      // The orphan query does see a thread without items.
      await backend.store.saveThread(
        {
          id: 'thr_fuzz_empty',
          created_at: new Date().toISOString(),
          status: { type: 'active' },
          metadata: {},
        },
        CONTEXT,
      );
      expect(await backend.orphans()).toBe(1);
      expect(streams).toBeGreaterThan(100);
    }, 180_000);
  });
}
