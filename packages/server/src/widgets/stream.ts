import { ConfigurationError } from '../errors.js';
import type { ThreadStreamEvent } from '../protocol/events.js';
import type { WidgetItem } from '../protocol/items.js';
import type { WidgetRoot } from '../protocol/widgets/index.js';
import { defaultGenerateId } from '../stores/ids.js';
import { diffWidget } from './diff.js';

/** Options of {@link streamWidget}. */
export interface StreamWidgetOptions {
  /** Text the client's copy button puts on the clipboard. */
  copyText?: string;
  /** Makes the item id; pass `(type) => store.generateItemId(type, thread, context)`. Defaults to `msg_…`. */
  generateId?: (type: 'message') => string;
}

/**
 * Streams a widget as one thread item (chatkit-python `stream_widget`, §8.6). A static widget
 * yields a single `thread.item.done`. An async iterable of successive states yields
 * `thread.item.added` with the first state, the {@link diffWidget} updates between consecutive
 * states as `thread.item.updated`, and `thread.item.done` with the last state.
 *
 * @throws ConfigurationError when the iterable yields no state, or (from `diffWidget`) when a
 * streaming text is not cumulative.
 * @example
 * ```ts
 * import { Card, Text, streamWidget } from '@threadline/server/widgets';
 *
 * async function* states() {
 *   yield Card({ children: [Text({ id: 'answer', value: '', streaming: true })] });
 *   yield Card({ children: [Text({ id: 'answer', value: 'Hello', streaming: false })] });
 * }
 * for await (const event of streamWidget({ id: 'thr_1' }, states())) console.log(event.type);
 * ```
 */
export async function* streamWidget(
  thread: { id: string },
  widget: WidgetRoot | AsyncIterable<WidgetRoot>,
  options: StreamWidgetOptions = {},
): AsyncGenerator<ThreadStreamEvent, void, undefined> {
  const generateId = options.generateId ?? defaultGenerateId;
  const item = (state: WidgetRoot, id: string, createdAt: string): WidgetItem => ({
    id,
    thread_id: thread.id,
    created_at: createdAt,
    type: 'widget',
    widget: state,
    ...(options.copyText === undefined ? {} : { copy_text: options.copyText }),
  });
  const itemId = generateId('message');
  const createdAt = new Date().toISOString();

  if (!isAsyncIterable(widget)) {
    yield { type: 'thread.item.done', item: item(widget, itemId, createdAt) };
    return;
  }

  let last: WidgetRoot | undefined;
  for await (const state of widget) {
    if (last === undefined) {
      yield { type: 'thread.item.added', item: item(state, itemId, createdAt) };
    } else {
      for (const update of diffWidget(last, state)) {
        yield { type: 'thread.item.updated', item_id: itemId, update };
      }
    }
    last = state;
  }
  if (last === undefined)
    throw new ConfigurationError('streamWidget: the widget stream yielded no state');
  yield { type: 'thread.item.done', item: item(last, itemId, createdAt) };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<WidgetRoot> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
