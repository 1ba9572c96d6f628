import { describe, expect, it } from 'vitest';
import { isStreamingResult } from '../../src/index.js';
import { MemoryStore } from '../../src/stores/memory/index.js';
import { CONTEXT, makeServer, textInput, type TestContext } from '../helpers/make-server.js';

const decoder = new TextDecoder();
const typeOf = (frame: Uint8Array): string =>
  (JSON.parse(decoder.decode(frame).replace(/^data: /, '')) as { type: string }).type;

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
    expect(typeOf(first.value as Uint8Array)).toBe('thread.created');
    // Nothing else is pulled: this is the moment a kill -9 would hit.
    const threads = await store.loadThreads(10, null, 'desc', CONTEXT);
    expect(threads.data).toHaveLength(1);
    const items = await store.loadThreadItems(threads.data[0]!.id, null, 10, 'asc', CONTEXT);
    expect(items.data.map((i) => i.type)).toEqual(['user_message']);
    await frames.return?.();
  });
});
