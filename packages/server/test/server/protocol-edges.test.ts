import { describe, expect, it } from 'vitest';
import type { ThreadStreamEventInput } from '../../src/protocol/index.js';
import { assistantMessage, json, makeServer, stream, textInput } from '../helpers/make-server.js';

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

describe('assistant content defaults, as in the reference', () => {
  it('fills output_text and annotation types on a part given as { text }', async () => {
    const { server, store } = makeServer({
      async *respond(thread) {
        yield {
          type: 'thread.item.done',
          item: {
            type: 'assistant_message',
            id: 'msg_plain',
            thread_id: thread.id,
            created_at: new Date().toISOString(),
            content: [
              {
                text: 'see source',
                annotations: [{ source: { type: 'url', url: 'https://a.example', title: 'A' } }],
              },
            ],
          },
        } as unknown as ThreadStreamEventInput;
      },
    });
    const { events } = await stream(server, {
      type: 'threads.create',
      params: { input: textInput('hi') },
    });
    expect(events.map((e) => e.type)).not.toContain('error');
    const created = events[0];
    const threadId = created?.type === 'thread.created' ? created.thread.id : '';
    const stored = await store.loadItem(threadId, 'msg_plain', { userId: 'test_user' });
    expect(stored).toMatchObject({
      content: [
        {
          type: 'output_text',
          text: 'see source',
          annotations: [{ type: 'annotation', source: { url: 'https://a.example' } }],
        },
      ],
    });
  });
});

describe('threads.sync_custom_action response', () => {
  it('fills the defaults of widget actions, as the reference does', async () => {
    const widget = (threadId: string, id: string) => ({
      type: 'widget' as const,
      id,
      thread_id: threadId,
      created_at: new Date().toISOString(),
      widget: {
        type: 'Card' as const,
        children: [{ type: 'Button' as const, label: 'Go', onClickAction: { type: 'go' } }],
      },
    });
    const { server } = makeServer({
      async *respond(thread) {
        yield { type: 'thread.item.done', item: widget(thread.id, 'wid_1') };
      },
      syncAction: async (thread) => ({ updated_item: widget(thread.id, 'wid_1') }),
    });
    const { events } = await stream(server, {
      type: 'threads.create',
      params: { input: textInput('hi') },
    });
    const created = events[0];
    const threadId = created?.type === 'thread.created' ? created.thread.id : '';
    const body = await json<{
      updated_item: { widget: { children: { onClickAction: unknown }[] } };
    }>(server, {
      type: 'threads.sync_custom_action',
      params: { thread_id: threadId, item_id: 'wid_1', action: { type: 'go' } },
    });
    expect(body.updated_item.widget.children[0]!.onClickAction).toEqual({
      type: 'go',
      handler: 'server',
      loadingBehavior: 'auto',
      streaming: true,
    });
  });
});
