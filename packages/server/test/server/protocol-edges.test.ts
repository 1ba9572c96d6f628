import { describe, expect, it } from 'vitest';
import type { ThreadStreamEventInput } from '../../src/protocol/index.js';
import { assistantMessage, makeServer, stream, textInput } from '../helpers/make-server.js';

// Deviation #8 (docs/protocol-deviations.md): an event that is not protocol-valid becomes one
// `stream.error`, and is never forwarded, also on the text-delta fast path.
describe('invalid integration events become stream.error', () => {
  const cases: [string, (threadId: string) => unknown][] = [
    [
      'created_at that is not a date',
      (threadId) => ({
        type: 'thread.item.done',
        item: { ...assistantMessage(threadId, 'msg_x', 'hi'), created_at: 'not a date' },
      }),
    ],
    [
      'a text delta with a numeric delta',
      () => ({
        type: 'thread.item.updated',
        item_id: 'msg_x',
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 42 },
      }),
    ],
    [
      'a text delta without content_index',
      () => ({
        type: 'thread.item.updated',
        item_id: 'msg_x',
        update: { type: 'assistant_message.content_part.text_delta', delta: 'x' },
      }),
    ],
    [
      'a widget streaming text delta without done',
      () => ({
        type: 'thread.item.updated',
        item_id: 'msg_x',
        update: { type: 'widget.streaming_text.value_delta', component_id: 'c', delta: 'x' },
      }),
    ],
  ];
  for (const [name, bad] of cases) {
    it(name, async () => {
      const { server } = makeServer({
        async *respond(thread) {
          yield bad(thread.id) as ThreadStreamEventInput;
          yield { type: 'thread.item.done', item: assistantMessage(thread.id, 'msg_y', 'after') };
        },
      });
      const { events } = await stream(server, {
        type: 'threads.create',
        params: { input: textInput('hi') },
      });
      expect(events.map((e) => e.type)).toEqual([
        'thread.created',
        'thread.item.done',
        'stream_options',
        'error',
      ]);
      expect(events.at(-1)).toMatchObject({ type: 'error', code: 'stream.error' });
    });
  }
});
