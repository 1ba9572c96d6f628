import { describe, expect, it } from 'vitest';
import type { ThreadMetadata, ThreadStreamEvent } from '../../src/protocol/index.js';
import { streamAssistantMessage } from '../../src/turn/index.js';
import { MemoryStore } from '../../src/stores/memory/index.js';
import { CONTEXT, makeServer, stream, textInput } from '../helpers/make-server.js';

const thread: ThreadMetadata = {
  id: 'thr_1',
  created_at: new Date().toISOString(),
  status: { type: 'active' },
  metadata: {},
};

async function* deltas(...parts: string[]) {
  for (const part of parts) yield part;
}

async function collect(source: AsyncGenerator<ThreadStreamEvent, string>) {
  const events: ThreadStreamEvent[] = [];
  let next = await source.next();
  while (!next.done) {
    events.push(next.value);
    next = await source.next();
  }
  return { events, text: next.value };
}

describe('streamAssistantMessage', () => {
  it('emits added → content_part.added → text_delta… → content_part.done → done', async () => {
    const { events, text } = await collect(
      streamAssistantMessage(deltas('Hel', '', 'lo'), { thread, generateId: () => 'msg_1' }),
    );
    expect(text).toBe('Hello');
    expect(events).toEqual([
      {
        type: 'thread.item.added',
        item: {
          type: 'assistant_message',
          id: 'msg_1',
          thread_id: 'thr_1',
          created_at: expect.any(String),
          content: [],
        },
      },
      {
        type: 'thread.item.updated',
        item_id: 'msg_1',
        update: {
          type: 'assistant_message.content_part.added',
          content_index: 0,
          content: { type: 'output_text', text: '', annotations: [] },
        },
      },
      {
        type: 'thread.item.updated',
        item_id: 'msg_1',
        update: {
          type: 'assistant_message.content_part.text_delta',
          content_index: 0,
          delta: 'Hel',
        },
      },
      {
        type: 'thread.item.updated',
        item_id: 'msg_1',
        update: {
          type: 'assistant_message.content_part.text_delta',
          content_index: 0,
          delta: 'lo',
        },
      },
      {
        type: 'thread.item.updated',
        item_id: 'msg_1',
        update: {
          type: 'assistant_message.content_part.done',
          content_index: 0,
          content: { type: 'output_text', text: 'Hello', annotations: [] },
        },
      },
      {
        type: 'thread.item.done',
        item: {
          type: 'assistant_message',
          id: 'msg_1',
          thread_id: 'thr_1',
          created_at: expect.any(String),
          content: [{ type: 'output_text', text: 'Hello', annotations: [] }],
        },
      },
    ]);
  });

  it('emits nothing for an empty stream unless asked to', async () => {
    expect((await collect(streamAssistantMessage(deltas(), { thread }))).events).toEqual([]);
    const { events } = await collect(
      streamAssistantMessage(deltas(''), { thread, emitEmpty: true }),
    );
    expect(events.map((event) => event.type)).toEqual([
      'thread.item.added',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.done',
    ]);
  });

  it('takes ids from the store', async () => {
    const store = new (class extends MemoryStore<typeof CONTEXT> {
      override generateItemId(type: string) {
        return `${type}_from_store`;
      }
    })();
    const { events } = await collect(
      streamAssistantMessage(deltas('x'), { thread, store, context: CONTEXT }),
    );
    expect(events[0]).toMatchObject({ item: { id: 'message_from_store' } });
    const { events: defaults } = await collect(streamAssistantMessage(deltas('x'), { thread }));
    expect(defaults[0]).toMatchObject({ item: { id: expect.stringMatching(/^msg_[0-9a-f]+$/) } });
  });

  it('is persisted by the server like any assistant message', async () => {
    const { server, store } = makeServer({
      async *respond(t, _input, context) {
        yield* streamAssistantMessage(deltas('Hi ', 'there'), { thread: t, store, context });
      },
    });
    const { events } = await stream(server, {
      type: 'threads.create',
      params: { input: textInput('Hello') },
    });
    const created = events[0]!;
    if (created.type !== 'thread.created') throw new Error('expected thread.created');
    const page = await store.loadThreadItems(created.thread.id, null, 10, 'asc', CONTEXT);
    expect(page.data[1]).toMatchObject({
      type: 'assistant_message',
      content: [{ text: 'Hi there' }],
    });
  });

  it('propagates a failing stream (the server reports it)', async () => {
    async function* failing() {
      yield 'partial';
      throw new Error('boom');
    }
    const { server } = makeServer({
      async *respond(t) {
        yield* streamAssistantMessage(failing(), { thread: t });
      },
    });
    const { events } = await stream(server, {
      type: 'threads.create',
      params: { input: textInput('Hello') },
    });
    expect(events.at(-1)).toEqual({ type: 'error', code: 'stream.error', allow_retry: true });
  });
});
