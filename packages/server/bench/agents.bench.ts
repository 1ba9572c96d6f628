/**
 * Agents bridge throughput: a fake Agents SDK run emitting N Responses text deltas (in process, no
 * network) through `streamAgentResponse` and the server pipeline (`server.process`, frames drained),
 * against the same pipeline fed the equivalent ChatKit events directly. Target: within 1.3×.
 */
import { RunRawModelStreamEvent, type RunStreamEvent } from '@openai/agents';
import { pathToFileURL } from 'node:url';
import { AgentContext, streamAgentResponse } from '../src/agents/index.js';
import { ChatKitServer, isStreamingResult, type HookOptions } from '../src/index.js';
import type {
  ThreadMetadata,
  ThreadStreamEventInput,
  UserMessageItem,
} from '../src/protocol/index.js';
import { MemoryStore } from '../src/stores/memory/index.js';

interface Ctx {
  userId: string;
}
const CONTEXT: Ctx = { userId: 'bench' };
const DELTAS = 20_000;
const ROUNDS = 10;
const MESSAGE_ID = 'msg_bench';

const raw = (event: Record<string, unknown>) =>
  new RunRawModelStreamEvent({
    type: 'model',
    event,
    providerData: { rawModelEventSource: 'openai-responses' },
  });

/** The Responses events of one streamed answer of `DELTAS` deltas. */
function responsesRun(): RunStreamEvent[] {
  const at = { item_id: MESSAGE_ID, output_index: 0, content_index: 0 };
  const item = {
    id: MESSAGE_ID,
    type: 'message',
    role: 'assistant',
    status: 'in_progress',
    content: [],
  };
  const events: RunStreamEvent[] = [
    raw({ type: 'response.output_item.added', output_index: 0, item, sequence_number: 0 }),
    raw({
      type: 'response.content_part.added',
      ...at,
      part: { type: 'output_text', text: '', annotations: [] },
      sequence_number: 1,
    }),
  ];
  for (let i = 0; i < DELTAS; i++) {
    events.push(
      raw({
        type: 'response.output_text.delta',
        ...at,
        delta: 'word ',
        logprobs: [],
        sequence_number: i + 2,
      }),
    );
  }
  const text = 'word '.repeat(DELTAS);
  events.push(
    raw({
      type: 'response.output_text.done',
      ...at,
      text,
      logprobs: [],
      sequence_number: DELTAS + 2,
    }),
    raw({
      type: 'response.output_item.done',
      output_index: 0,
      item: {
        ...item,
        status: 'completed',
        content: [{ type: 'output_text', text, annotations: [] }],
      },
      sequence_number: DELTAS + 3,
    }),
  );
  return events;
}

/** The ChatKit events the bridge produces for that run, built up front. */
function chatKitEvents(threadId = 'thr_bench'): ThreadStreamEventInput[] {
  const createdAt = new Date().toISOString();
  const text = 'word '.repeat(DELTAS);
  const events: ThreadStreamEventInput[] = [
    {
      type: 'thread.item.added',
      item: {
        type: 'assistant_message',
        id: MESSAGE_ID,
        thread_id: threadId,
        created_at: createdAt,
        content: [],
      },
    },
    {
      type: 'thread.item.updated',
      item_id: MESSAGE_ID,
      update: {
        type: 'assistant_message.content_part.added',
        content_index: 0,
        content: { type: 'output_text', text: '', annotations: [] },
      },
    },
  ];
  for (let i = 0; i < DELTAS; i++) {
    events.push({
      type: 'thread.item.updated',
      item_id: MESSAGE_ID,
      update: {
        type: 'assistant_message.content_part.text_delta',
        content_index: 0,
        delta: 'word ',
      },
    });
  }
  events.push(
    {
      type: 'thread.item.updated',
      item_id: MESSAGE_ID,
      update: {
        type: 'assistant_message.content_part.done',
        content_index: 0,
        content: { type: 'output_text', text, annotations: [] },
      },
    },
    {
      type: 'thread.item.done',
      item: {
        type: 'assistant_message',
        id: MESSAGE_ID,
        thread_id: threadId,
        created_at: createdAt,
        content: [{ type: 'output_text', text, annotations: [] }],
      },
    },
  );
  return events;
}

async function* iterate<T>(values: readonly T[]): AsyncGenerator<T> {
  for (const value of values) yield value;
}

/** Both inputs are built once, outside the timed region (the pipeline does not mutate them). */
const RUN = responsesRun();
const EVENTS = chatKitEvents();

class BenchServer extends ChatKitServer<Ctx> {
  constructor(private readonly mode: 'bridge' | 'direct') {
    super({
      store: new MemoryStore<Ctx>(),
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
  }

  async *respond(
    thread: ThreadMetadata,
    _input: UserMessageItem | null,
    requestContext: Ctx,
    { signal }: HookOptions,
  ) {
    if (this.mode === 'direct') {
      yield* iterate(EVENTS);
      return;
    }
    const context = new AgentContext({ thread, store: this.store, requestContext, signal });
    yield* streamAgentResponse(context, iterate(RUN));
  }
}

/** CPU milliseconds this process used (user + system): unlike wall time, other load barely moves it. */
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Runs one `threads.create` and drains its frames; returns [frames, CPU milliseconds]. */
async function once(server: BenchServer): Promise<[number, number]> {
  const body = {
    type: 'threads.create',
    params: {
      input: {
        content: [{ type: 'input_text', text: 'Hi' }],
        attachments: [],
        inference_options: {},
      },
    },
  };
  const started = cpuMs();
  const result = await server.process(JSON.stringify(body), CONTEXT);
  if (!isStreamingResult(result)) throw new Error('expected a stream');
  let frames = 0;
  for await (const frame of result) {
    if (frame.length > 0) frames += 1;
  }
  return [frames, cpuMs() - started];
}

/**
 * Events per CPU second of both modes over alternating rounds after a warm-up of each; each mode's
 * figure is its median round (CPU time, so a busy machine disturbs it little).
 */
async function measure(): Promise<{ bridge: number; direct: number }> {
  const servers = { bridge: new BenchServer('bridge'), direct: new BenchServer('direct') };
  const rates: Record<'bridge' | 'direct', number[]> = { bridge: [], direct: [] };
  await once(servers.direct);
  await once(servers.bridge);
  for (let i = 0; i < ROUNDS; i++) {
    for (const mode of ['direct', 'bridge'] as const) {
      const [frames, ms] = await once(servers[mode]);
      rates[mode].push((frames / ms) * 1000);
    }
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { bridge: median(rates.bridge), direct: median(rates.direct) };
}

/** Prints events/second through the Agents bridge and straight into the pipeline, and their ratio. */
export async function runAgentsBench(): Promise<void> {
  const { bridge, direct } = await measure();
  const ratio = direct / bridge;
  const format = (value: number) => Math.round(value).toLocaleString('en-US');
  console.log(
    `agents bridge: ${format(bridge)} events/CPU-s (Responses text deltas → streamAgentResponse → pipeline)`,
  );
  console.log(
    `pipeline only: ${format(direct)} events/CPU-s (same ChatKit events yielded directly)`,
  );
  console.log(
    `ratio: ${ratio.toFixed(2)}× slower through the bridge (median of ${ROUNDS} rounds each; target ≤ 1.30×)${ratio <= 1.3 ? '' : '  ← over target'}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runAgentsBench();
}
