import { afterEach, describe, expect, it } from 'vitest';
import { actionUserMessage } from '../../src/actions/index.js';
import type { ThreadItem, UserMessageItem } from '../../src/protocol/index.js';
import { Button, Card } from '../../src/widgets/index.js';
import { makeServer, now, textInput } from '../helpers/make-server.js';
import { serveChatKit, type ServedChatKit } from '../helpers/serve-chatkit.js';

let served: ServedChatKit | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

const tellMeMore = Card({
  children: [
    Button({
      label: 'Tell me more',
      onClickAction: { type: 'ask', payload: { label: 'Tell me more', topic: 'octopus' } },
    }),
  ],
});

/** A server whose first turn shows the button; each later turn echoes what the model was given. */
async function setup() {
  const turns: { input: UserMessageItem | null; history: ThreadItem[] }[] = [];
  const { server, store } = makeServer({
    async *respond(thread, input, context) {
      const history = (await store.loadThreadItems(thread.id, null, 50, 'asc', context)).data;
      turns.push({ input, history });
      if (turns.length === 1) {
        yield {
          type: 'thread.item.done',
          item: {
            type: 'widget',
            id: 'w_more',
            thread_id: thread.id,
            created_at: now(),
            widget: tellMeMore,
          },
        };
        return;
      }
      const text = input?.content.map((part) => ('text' in part ? part.text : '')).join('') ?? '';
      yield {
        type: 'thread.item.done',
        item: {
          type: 'assistant_message',
          id: `msg_answer_${turns.length}`,
          thread_id: thread.id,
          created_at: now(),
          content: [{ type: 'output_text', text: `You asked: ${text}` }],
        },
      };
    },
    action: (thread, action, _sender, context, options) =>
      actionUserMessage(server, thread, action, context, options),
  });
  served = await serveChatKit(server);
  const created = await served.stream({
    type: 'threads.create',
    params: { input: textInput('Hi') },
  });
  const threadEvent = created.events.find((event) => event.type === 'thread.created');
  const threadId = threadEvent?.type === 'thread.created' ? threadEvent.thread.id : '';
  return { served, turns, threadId };
}

describe('actionUserMessage over real HTTP (docs/seeds.md §C.3)', () => {
  it('shows the label as a user message, gives the model the payload, and runs respond', async () => {
    const { served, turns, threadId } = await setup();
    const { events } = await served.stream({
      type: 'threads.custom_action',
      params: {
        thread_id: threadId,
        item_id: 'w_more',
        action: { type: 'ask', payload: { label: 'Tell me more', topic: 'octopus' } },
      },
    });
    const done = events.flatMap((event) => (event.type === 'thread.item.done' ? [event.item] : []));
    // The hidden context item is persisted but never streamed to the client.
    expect(done.map((item) => item.type)).toEqual(['user_message', 'assistant_message']);
    expect(done[0]).toMatchObject({
      type: 'user_message',
      thread_id: threadId,
      content: [{ type: 'input_text', text: 'Tell me more' }],
    });
    expect(done[1]).toMatchObject({ content: [{ text: 'You asked: Tell me more' }] });

    expect(turns).toHaveLength(2);
    expect(turns[1]!.input?.id).toBe(done[0]!.id);
    const hidden = turns[1]!.history.filter((item) => item.type === 'hidden_context_item');
    expect(hidden).toHaveLength(1);
    expect(hidden[0]).toMatchObject({
      content: '<WIDGET_ACTION type="ask">{"topic":"octopus"}</WIDGET_ACTION>',
    });

    const listed = await served.json<{ data: ThreadItem[] }>({
      type: 'items.list',
      params: { thread_id: threadId, order: 'asc' },
    });
    expect(listed.data.map((item) => item.type)).toEqual([
      'user_message',
      'widget',
      'user_message',
      'assistant_message',
    ]);
  });

  it('skips hidden context for a bare label, and rejects an action without text', async () => {
    const { served, turns, threadId } = await setup();
    const bare = await served.stream({
      type: 'threads.custom_action',
      params: {
        thread_id: threadId,
        item_id: 'w_more',
        action: { type: 'ask', payload: { label: 'More' } },
      },
    });
    expect(
      bare.events.some(
        (event) => event.type === 'thread.item.done' && event.item.type === 'user_message',
      ),
    ).toBe(true);
    expect(turns[1]!.history.some((item) => item.type === 'hidden_context_item')).toBe(false);

    const empty = await served.stream({
      type: 'threads.custom_action',
      params: {
        thread_id: threadId,
        item_id: 'w_more',
        action: { type: 'ask', payload: { topic: 'x' } },
      },
    });
    const error = empty.events.find((event) => event.type === 'error');
    expect(error).toBeDefined();
    expect(JSON.stringify(error)).toContain('has no text for a user message');
    expect(turns).toHaveLength(2);
  });
});
