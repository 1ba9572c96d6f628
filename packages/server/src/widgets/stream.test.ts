import { describe, expect, it } from 'vitest';
import { ThreadStreamEventSchema, type ThreadStreamEvent } from '../protocol/events.js';
import type { WidgetRoot } from '../protocol/widgets/index.js';
import { Card, Text } from './builders.js';
import { streamWidget } from './stream.js';

const thread = { id: 'thr_1' };

async function collect(events: AsyncIterable<ThreadStreamEvent>): Promise<ThreadStreamEvent[]> {
  const out: ThreadStreamEvent[] = [];
  for await (const event of events) out.push(ThreadStreamEventSchema.parse(event));
  return out;
}

async function* states(...values: WidgetRoot[]): AsyncGenerator<WidgetRoot> {
  for (const value of values) yield value;
}

const textCard = (value: string) =>
  Card({ children: [Text({ id: 'text', value, streaming: true })] });

describe('streamWidget (docs/protocol.md §8.6)', () => {
  it('emits a static widget as one thread.item.done', async () => {
    const widget = Card({ children: [Text({ value: 'Hi' })] });
    const events = await collect(
      streamWidget(thread, widget, { copyText: 'Hi', generateId: () => 'msg_1' }),
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'thread.item.done',
      item: { id: 'msg_1', thread_id: 'thr_1', type: 'widget', widget, copy_text: 'Hi' },
    });
    const item = events[0]?.type === 'thread.item.done' ? events[0].item : undefined;
    expect(new Date(item?.created_at ?? '').toISOString()).toBe(item?.created_at);
  });

  it('streams successive states as added, value deltas, done', async () => {
    const events = await collect(
      streamWidget(
        thread,
        states(textCard(''), textCard('Hel'), textCard('Hello,'), textCard('Hello, world')),
        {
          generateId: () => 'msg_w',
        },
      ),
    );
    expect(events.map((event) => event.type)).toEqual([
      'thread.item.added',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.done',
    ]);
    expect(events[0]).toMatchObject({ item: { id: 'msg_w', widget: textCard('') } });
    expect(events.slice(1, 4)).toEqual(
      ['Hel', 'lo,', ' world'].map((delta) => ({
        type: 'thread.item.updated',
        item_id: 'msg_w',
        update: {
          type: 'widget.streaming_text.value_delta',
          component_id: 'text',
          delta,
          done: false,
        },
      })),
    );
    expect(events[4]).toMatchObject({
      type: 'thread.item.done',
      item: { id: 'msg_w', widget: textCard('Hello, world') },
    });
  });

  it('replaces the root when a state does not extend the previous one', async () => {
    const after = Card({ children: [Text({ value: 'other' })] });
    const events = await collect(streamWidget(thread, states(textCard('Hello'), after)));
    expect(events.map((event) => event.type)).toEqual([
      'thread.item.added',
      'thread.item.updated',
      'thread.item.done',
    ]);
    expect(events[1]).toMatchObject({ update: { type: 'widget.root.updated', widget: after } });
    expect(events[2]).toMatchObject({ item: { widget: after } });
  });

  it('keeps one item id and creation time, and omits copy_text when not given', async () => {
    const events = await collect(streamWidget(thread, states(textCard('a'), textCard('ab'))));
    const added = events[0]?.type === 'thread.item.added' ? events[0].item : undefined;
    const done = events[2]?.type === 'thread.item.done' ? events[2].item : undefined;
    expect(added?.id).toMatch(/^msg_/);
    expect(done?.id).toBe(added?.id);
    expect(done?.created_at).toBe(added?.created_at);
    expect(done && 'copy_text' in done).toBe(false);
  });

  it('throws when the stream yields no state', async () => {
    await expect(collect(streamWidget(thread, states()))).rejects.toThrow(/yielded no state/);
  });
});
