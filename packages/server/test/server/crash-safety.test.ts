import { describe, expect, it } from 'vitest';
import { INTERRUPTED_NOTE, isStreamingResult } from '../../src/index.js';
import { MemoryStore } from '../../src/stores/memory/index.js';
import { CONTEXT, makeServer, textInput, type TestContext } from '../helpers/make-server.js';

const typeOf = (frame: string): string =>
  (JSON.parse(frame.replace(/^data: /, '')) as { type: string }).type;

describe('crash safety: what the client saw is stored', () => {
  it('stores the user message before the thread.created frame is handed out', async () => {
    const store = new MemoryStore<TestContext>();
    const { server } = makeServer({}, store);
    const result = await server.process(
      JSON.stringify({ type: 'threads.create', params: { input: textInput('keep me') } }),
      CONTEXT,
    );
    if (!isStreamingResult(result)) throw new Error('expected a stream');
    const frames = result[Symbol.asyncIterator]();
    const first = await frames.next();
    expect(first.done).toBe(false);
    expect(typeOf(first.value as string)).toBe('thread.created');
    // Nothing else is pulled: this is the moment a kill -9 would hit.
    const threads = await store.loadThreads(10, null, 'desc', CONTEXT);
    expect(threads.data).toHaveLength(1);
    const items = await store.loadThreadItems(threads.data[0]!.id, null, 10, 'asc', CONTEXT);
    expect(items.data.map((i) => i.type)).toEqual(['user_message']);
    await frames.return?.();
  });
});

/** A respond hook that streams `words` as one answer, then waits for `release` before finishing. */
function slowAnswer(words: string[], gate: Promise<void>, sent: { count: number }) {
  return async function* (thread: { id: string }) {
    const id = 'msg_partial';
    yield {
      type: 'thread.item.added' as const,
      item: {
        type: 'assistant_message' as const,
        id,
        thread_id: thread.id,
        created_at: new Date().toISOString(),
        content: [],
      },
    };
    for (const [i, word] of words.entries()) {
      sent.count = i + 1;
      yield {
        type: 'thread.item.updated' as const,
        item_id: id,
        update: {
          type: 'assistant_message.content_part.text_delta' as const,
          content_index: 0,
          delta: word,
        },
      };
    }
    await gate;
    yield {
      type: 'thread.item.done' as const,
      item: {
        type: 'assistant_message' as const,
        id,
        thread_id: thread.id,
        created_at: new Date().toISOString(),
        content: [{ type: 'output_text' as const, text: words.join(''), annotations: [] }],
      },
    };
  };
}

const textOf = (item: { type: string; content?: unknown }): string[] =>
  (item.content as { text: string }[]).map((p) => p.text);

describe('crash safety: partial answers are checkpointed', () => {
  async function startStream(maxDeltas: number, intervalMs: number, words: string[]) {
    const store = new MemoryStore<TestContext>();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const sent = { count: 0 };
    const { server } = makeServer({ respond: slowAnswer(words, gate, sent) }, store);
    Object.assign(server, { checkpoints: { maxDeltas, intervalMs } });
    const result = await server.process(
      JSON.stringify({ type: 'threads.create', params: { input: textInput('hi') } }),
      CONTEXT,
    );
    if (!isStreamingResult(result)) throw new Error('expected a stream');
    const frames = result[Symbol.asyncIterator]();
    const threadId = (
      JSON.parse(((await frames.next()).value as string).slice(6)) as {
        thread: { id: string };
      }
    ).thread.id;
    const stored = async () =>
      (await store.loadThreadItems(threadId, null, 10, 'asc', CONTEXT)).data.filter(
        (i) => i.type === 'assistant_message',
      );
    return { frames, stored, release, sent };
  }

  it('stores the text so far, marked interrupted, every maxDeltas deltas', async () => {
    const words = Array.from({ length: 10 }, (_, i) => `w${i} `);
    const s = await startStream(4, 60_000, words);
    // Pull until every delta went out: the hook is now parked on its gate, like a crashed turn.
    while (s.sent.count < words.length) await s.frames.next();
    await new Promise((r) => setTimeout(r, 20));
    const [partial] = await s.stored();
    expect(partial).toBeDefined();
    const [text, note] = textOf(partial!);
    // 10 deltas with a bound of 4: at least the first 8 are stored.
    expect(words.join('').startsWith(text!)).toBe(true);
    expect(text!.length).toBeGreaterThanOrEqual(words.slice(0, 8).join('').length);
    expect(note).toBe(INTERRUPTED_NOTE);
    // Finishing the answer replaces the checkpoint with the final text and no note.
    s.release();
    for (let n = await s.frames.next(); !n.done; n = await s.frames.next());
    const [final] = await s.stored();
    expect(textOf(final!)).toEqual([words.join('')]);
  });

  it('stores the text so far after intervalMs even with few deltas', async () => {
    const s = await startStream(1_000, 30, ['only ', 'two']);
    while (s.sent.count < 2) await s.frames.next();
    await new Promise((r) => setTimeout(r, 120));
    const [partial] = await s.stored();
    expect(textOf(partial!)).toEqual(['only two', INTERRUPTED_NOTE]);
    s.release();
    for (let n = await s.frames.next(); !n.done; n = await s.frames.next());
  });

  it('a cancelled stream keeps what the user saw, without the note', async () => {
    const s = await startStream(2, 60_000, ['a ', 'b ', 'c ', 'd ']);
    while (s.sent.count < 4) await s.frames.next();
    await s.frames.return?.();
    const [kept] = await s.stored();
    expect(textOf(kept!)).toEqual(['a b c d ']);
    s.release();
  });
});
