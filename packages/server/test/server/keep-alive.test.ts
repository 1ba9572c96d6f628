import { describe, expect, it } from 'vitest';
import { isStreamingResult } from '../../src/index.js';
import { KEEP_ALIVE_FRAME, withKeepAlive } from '../../src/server/keep-alive.js';
import { MemoryStore } from '../../src/stores/memory/index.js';
import {
  assistantMessage,
  CONTEXT,
  ScriptedServer,
  textInput,
  type TestContext,
} from '../helpers/make-server.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SSE keep-alives during long turns', () => {
  const slowTool = (pauseMs: number) =>
    async function* (thread: { id: string }) {
      await sleep(pauseMs); // a long tool call: nothing to send meanwhile
      yield { type: 'thread.item.done' as const, item: assistantMessage(thread.id, 'msg_1', 'ok') };
    };

  async function frames(server: ScriptedServer): Promise<string[]> {
    const result = await server.process(
      JSON.stringify({ type: 'threads.create', params: { input: textInput('hi') } }),
      CONTEXT,
    );
    if (!isStreamingResult(result)) throw new Error('expected a stream');
    const out: string[] = [];
    for await (const frame of result) out.push(frame);
    return out;
  }

  it('sends comment frames while the turn is idle, and every event in order', async () => {
    const server = new ScriptedServer({ respond: slowTool(260) }, new MemoryStore<TestContext>());
    Object.assign(server, { keepAliveMs: 50 });
    const out = await frames(server);
    const comments = out.filter((f) => f === KEEP_ALIVE_FRAME).length;
    expect(comments).toBeGreaterThanOrEqual(3);
    const events = out
      .filter((f) => f !== KEEP_ALIVE_FRAME)
      .map((f) => (JSON.parse(f.slice(6)) as { type: string }).type);
    expect(events).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'thread.item.done',
    ]);
  });

  it('sends none when the stream is never idle that long, or when turned off', async () => {
    const busy = new ScriptedServer({ respond: slowTool(0) }, new MemoryStore<TestContext>());
    Object.assign(busy, { keepAliveMs: 1_000 });
    expect((await frames(busy)).filter((f) => f === KEEP_ALIVE_FRAME)).toEqual([]);
    const off = new ScriptedServer({ respond: slowTool(120) }, new MemoryStore<TestContext>());
    expect((await frames(off)).filter((f) => f === KEEP_ALIVE_FRAME)).toEqual([]);
  });

  it('keeps a frame that arrives while nobody pulls for the next pull, and passes errors through', async () => {
    async function* late() {
      await sleep(80);
      yield 'data: first\n\n';
      throw new Error('model failed');
    }
    const frames = withKeepAlive(late(), 30);
    expect((await frames.next()).value).toBe(KEEP_ALIVE_FRAME);
    await sleep(150); // the frame arrives while the consumer is busy
    expect(await frames.next()).toEqual({ value: 'data: first\n\n', done: false });
    await expect(frames.next()).rejects.toThrow('model failed');
  });
});
