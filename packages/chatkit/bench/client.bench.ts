/**
 * The browser client in Chromium: bundle size (gzip), a 10,000-delta answer streamed at full speed
 * (latency from the last delta's arrival to its display, long tasks during the stream), opening a
 * thread of 1,000 mixed items, and heap after repeated thread switches.
 *
 *   node --conditions=@threadline/source --import tsx packages/chatkit/bench/client.bench.ts
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { ThreadItem } from '@threadline/server/protocol';
import { launchChromium } from '../../../apps/server/test/helpers/chromium.js';
import { DIST, startTestServer, type Script } from '../test/helpers/test-server.js';

const DELTAS = Number(process.env.BENCH_CLIENT_DELTAS ?? 10_000);
const ITEMS = Number(process.env.BENCH_CLIENT_ITEMS ?? 1_000);
const SWITCHES = 20;
const END = 'END_OF_ANSWER';
const PACKAGE = new URL('..', import.meta.url).pathname;

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

await promisify(execFile)(process.execPath, ['build.mjs'], { cwd: PACKAGE });
const core = gzipSync(readFileSync(join(DIST, 'chatkit.js'))).length;
const chunkDir = join(DIST, 'chunks');
const chunks = (() => {
  try {
    return readdirSync(chunkDir).filter((f) => f.endsWith('.js'));
  } catch {
    return [];
  }
})().map((f) => ({ file: f, gzip: gzipSync(readFileSync(join(chunkDir, f))).length }));

const script: Script = async function* (text, { thread, server, context }) {
  const id = server.store.generateItemId('message', thread, context);
  const created_at = new Date().toISOString();
  yield {
    type: 'thread.item.added',
    item: { type: 'assistant_message', id, thread_id: thread.id, created_at, content: [] },
  };
  yield {
    type: 'thread.item.updated',
    item_id: id,
    update: {
      type: 'assistant_message.content_part.added',
      content_index: 0,
      content: { type: 'output_text', text: '', annotations: [] },
    },
  };
  const n = text?.startsWith('bench') ? DELTAS : 3;
  let full = '';
  for (let i = 0; i < n; i++) {
    const delta = i === n - 1 ? END : `w${i} `;
    full += delta;
    yield {
      type: 'thread.item.updated',
      item_id: id,
      update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta },
    };
  }
  yield {
    type: 'thread.item.done',
    item: {
      type: 'assistant_message',
      id,
      thread_id: thread.id,
      created_at,
      content: [{ type: 'output_text', text: full, annotations: [] }],
    },
  };
};

const server = await startTestServer(script);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  // tsx compiles functions with a `__name` helper; functions sent to the page need it too.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await page.goto(server.url);
  await page.evaluate(() => customElements.whenDefined('openai-chatkit'));
  // The page records when the chunk carrying the last delta arrives (a fetch wrapper, as an app's
  // interceptor would be), when the marker is first painted, and every long task.
  await page.evaluate((end) => {
    const w = window as unknown as Record<string, unknown>;
    w.longTasks = [] as number[];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) (w.longTasks as number[]).push(e.duration);
    }).observe({ type: 'longtask' });
    const el = document.querySelector('openai-chatkit') as unknown as HTMLElement & {
      setOptions(o: unknown): void;
    };
    const decoder = new TextDecoder();
    el.setOptions({
      api: {
        url: '/api',
        domainKey: 'bench',
        fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
          const res = await fetch(input, init);
          if (!res.body) return res;
          const tap = new TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              if (decoder.decode(chunk, { stream: true }).includes(end))
                w.arrival = performance.now();
              controller.enqueue(chunk);
            },
          });
          return new Response(res.body.pipeThrough(tap), { headers: res.headers });
        },
      },
    });
    const watch = () => {
      const answers = el.shadowRoot?.querySelectorAll('[data-item-type="assistant_message"]');
      const last = answers?.[answers.length - 1];
      if (last?.textContent?.includes(end)) {
        w.painted = performance.now();
        return;
      }
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  }, END);
  await page.locator('openai-chatkit textarea').waitFor();
  const t0 = Date.now();
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks.length = 0;
    const el = document.querySelector('openai-chatkit') as unknown as {
      sendUserMessage(p: unknown): Promise<void>;
    };
    void el.sendUserMessage({ text: 'bench' });
  });
  await page.waitForFunction(() => (window as unknown as { painted?: number }).painted, null, {
    timeout: 120_000,
  });
  const wall = Date.now() - t0;
  const stream = await page.evaluate(() => {
    const w = window as unknown as { arrival: number; painted: number; longTasks: number[] };
    return { latency: w.painted - w.arrival, longTasks: w.longTasks.slice() };
  });

  // A thread of ITEMS mixed items, written straight into the store.
  const context = { userId: 'tester' };
  const store = server.server.store;
  const threadIds: string[] = [];
  for (let t = 0; t < 2; t++) {
    const thread = {
      id: store.generateThreadId(context),
      title: `Bench ${t}`,
      created_at: new Date().toISOString(),
      status: { type: 'active' as const },
      metadata: {},
    };
    await store.saveThread(thread, context);
    for (let i = 0; i < ITEMS; i++) {
      const base = {
        id: store.generateItemId('message', thread, context),
        thread_id: thread.id,
        created_at: new Date(Date.now() + i).toISOString(),
      };
      const kind = i % 4;
      const item: ThreadItem =
        kind === 0
          ? {
              ...base,
              type: 'user_message',
              content: [{ type: 'input_text', text: `Question ${i}` }],
              attachments: [],
              inference_options: {},
            }
          : kind === 3
            ? {
                ...base,
                type: 'workflow',
                workflow: {
                  type: 'reasoning',
                  tasks: [
                    { type: 'thought', content: `Thinking ${i}`, status_indicator: 'complete' },
                  ],
                  summary: { duration: 2 },
                  expanded: false,
                },
              }
            : {
                ...base,
                type: 'assistant_message',
                content: [
                  {
                    type: 'output_text',
                    text: `Answer ${i}: **bold** and a [link](https://example.com).`,
                    annotations: [],
                  },
                ],
              };
      await store.addThreadItem(thread.id, item, context);
    }
    threadIds.push(thread.id);
  }
  const open = async (id: string) =>
    page.evaluate(async (threadId) => {
      const el = document.querySelector('openai-chatkit') as unknown as HTMLElement & {
        setThreadId(id: string | null): Promise<void>;
      };
      const start = performance.now();
      await el.setThreadId(threadId);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const count = el.shadowRoot!.querySelectorAll('[data-item-id]').length;
      return { ms: performance.now() - start, count };
    }, id);
  const firstOpen = await open(threadIds[0]!);
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
  };
  await open(threadIds[1]!);
  const heapBefore = await heap();
  for (let i = 0; i < SWITCHES; i++) await open(threadIds[i % 2]!);
  const heapAfter = await heap();

  const maxLong = Math.max(0, ...stream.longTasks);
  const lines = [
    `client bundle: core ${kb(core)} gzip${chunks.length ? `; lazy chunks: ${chunks.map((c) => `${c.file} ${kb(c.gzip)}`).join(', ')}` : ''}`,
    `stream of ${DELTAS} deltas: last delta on screen ${stream.latency.toFixed(1)} ms after its arrival; ` +
      `${stream.longTasks.length} long tasks (max ${maxLong.toFixed(0)} ms); whole answer in ${wall} ms`,
    `open a thread of ${ITEMS} mixed items: ${firstOpen.ms.toFixed(0)} ms to interactive (${firstOpen.count} items rendered)`,
    `heap after ${SWITCHES} thread switches: ${kb(heapBefore)} → ${kb(heapAfter)} (${(((heapAfter - heapBefore) / heapBefore) * 100).toFixed(1)}%)`,
  ];
  console.log(lines.join('\n'));
  const failures = [
    core > 120 * 1024 && 'core bundle over 120 KB gzip',
    stream.latency > 50 && 'last delta shown more than 50 ms after arrival',
    maxLong > 50 && 'a long task over 50 ms during the stream',
    firstOpen.ms > 500 && 'thread open over 500 ms',
  ].filter(Boolean);
  if (failures.length) {
    console.log(`client bench targets missed: ${failures.join('; ')}`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  await server.close();
}
