import { describe, expect, it } from 'vitest';
import { assistantMessage, makeServer, stream, textInput } from '../helpers/make-server.js';

describe('threads.create (§6.2)', () => {
  it('emits created, the user message, stream options, then the integration events', async () => {
    const { server, store } = makeServer({
      async *respond(thread) {
        yield { type: 'thread.item.done', item: assistantMessage(thread.id, 'msg_a', 'Hi!') };
      },
    });
    const { events } = await stream(server, { type: 'threads.create', params: { input: textInput('Hello') } });
    expect(events.map((e) => e.type)).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'thread.item.done',
    ]);
    const created = events[0]!;
    if (created.type !== 'thread.created') throw new Error('unreachable');
    const items = await store.loadThreadItems(created.thread.id, null, 10, 'asc', { userId: 'test_user' });
    expect(items.data.map((i) => i.type)).toEqual(['user_message', 'assistant_message']);
  });
});
