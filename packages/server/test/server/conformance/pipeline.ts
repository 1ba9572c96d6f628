import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../src/index.js';
import type { Page, ThreadItem, WidgetRoot, WorkflowItem } from '../../../src/protocol/index.js';
import { streamWidget } from '../../../src/widgets/index.js';
import {
  added,
  assistantItem,
  card,
  customTask,
  done,
  hiddenItem,
  idPattern,
  removed,
  replaced,
  sdkHiddenItem,
  textDelta,
  toolCallItem,
  updated,
  userItem,
  widgetItem,
  workflowItem,
} from './fixtures.js';
import { eventOf, typesOf, type HarnessAccessor } from './harness.js';

const streamingCard = (value: string): WidgetRoot => ({
  type: 'Card',
  children: [{ type: 'Text', id: 'text', value, streaming: true }],
});

async function* states(...widgets: WidgetRoot[]): AsyncGenerator<WidgetRoot> {
  for (const widget of widgets) yield widget;
}

export function pipelineSuite(h: HarnessAccessor): void {
  describe('event persistence (§6.3)', () => {
    it('stores items only on done, never on added or updated', async () => {
      const t = h();
      let draftId = '';
      const server = t.server({
        async *respond(thread) {
          const draft = assistantItem(thread.id, '');
          draftId = draft.id;
          yield added(draft);
          yield textDelta(draft.id, 'never finished');
        },
      });
      const { events, threadId, user } = await t.createThread(server);
      expect(typesOf(events).slice(2)).toEqual([
        'stream_options',
        'thread.item.added',
        'thread.item.updated',
      ]);
      expect((await t.storedItems(threadId)).map((item) => item.id)).toEqual([user.id]);
      await expect(t.storedItem(threadId, draftId)).rejects.toThrow(NotFoundError);
    });

    it('fills in defaults of the items the integration yields, on the wire and in the store', async () => {
      const t = h();
      let callId = '';
      const server = t.server({
        async *respond(thread) {
          yield {
            type: 'thread.item.done',
            item: {
              type: 'assistant_message',
              id: `msg_defaults_${thread.id}`,
              thread_id: thread.id,
              created_at: new Date().toISOString(),
              content: [{ type: 'output_text', text: 'no annotations given' }],
            },
          };
          callId = `tc_${thread.id}`;
          yield {
            type: 'thread.item.done',
            item: {
              type: 'client_tool_call',
              id: callId,
              thread_id: thread.id,
              created_at: new Date().toISOString(),
              call_id: 'call_1',
              name: 'lookup',
              arguments: {},
            },
          };
          yield { type: 'client_effect', name: 'confetti' };
        },
      });
      const { raw, threadId } = await t.createThread(server);
      expect(raw[3]).toMatchObject({
        item: { content: [{ type: 'output_text', text: 'no annotations given', annotations: [] }] },
      });
      expect(raw[4]).toMatchObject({ item: { status: 'pending', arguments: {} } });
      expect(raw[5]).toEqual({ type: 'client_effect', name: 'confetti', data: {} });
      expect(await t.storedItem(threadId, callId)).toMatchObject({ status: 'pending' });
    });

    it('forwards ephemeral events verbatim', async () => {
      const t = h();
      const server = t.server({
        async *respond() {
          yield { type: 'notice', level: 'warning', message: '**Careful**', title: 'Heads up' };
          yield { type: 'notice', level: 'info', message: 'm' };
          yield { type: 'client_effect', name: 'highlight', data: { id: 1 } };
          yield { type: 'progress_update', text: 'working' };
        },
      });
      const { raw } = await t.createThread(server);
      expect(raw.slice(3)).toEqual([
        { type: 'notice', level: 'warning', message: '**Careful**', title: 'Heads up' },
        { type: 'notice', level: 'info', message: 'm' },
        { type: 'client_effect', name: 'highlight', data: { id: 1 } },
        { type: 'progress_update', text: 'working' },
      ]);
    });

    // §11.1 #37
    it('deletes an item on thread.item.removed and streams the event', async () => {
      const t = h();
      let goneId = '';
      const server = t.server({
        async *respond(thread) {
          const item = assistantItem(thread.id, 'to be removed');
          goneId = item.id;
          yield done(item);
          yield removed(item.id);
        },
      });
      const { raw, threadId, user } = await t.createThread(server);
      expect(raw.at(-1)).toEqual({ type: 'thread.item.removed', item_id: goneId });
      const page = await t.json<Page<ThreadItem>>(server, {
        type: 'items.list',
        params: { thread_id: threadId },
      });
      expect(page.data.map((item) => item.id)).toEqual([user.id]);
    });

    // §11.1 #39
    it('replaces a stored item on thread.item.replaced', async () => {
      const t = h();
      let replacement: ThreadItem | undefined;
      const server = t.server({
        async *respond(thread) {
          const original = userItem(thread.id, 'original');
          yield done(original);
          replacement = { ...assistantItem(thread.id, 'replacement', original.id) };
          yield replaced(replacement);
        },
      });
      const { events, threadId } = await t.createThread(server);
      expect(typesOf(events).slice(-2)).toEqual(['thread.item.done', 'thread.item.replaced']);
      expect(eventOf(events.at(-1), 'thread.item.replaced').item).toEqual(replacement);
      expect(await t.storedItem(threadId, replacement!.id)).toEqual(replacement);
      expect(
        (await t.storedItems(threadId)).filter((item) => item.id === replacement!.id),
      ).toHaveLength(1);
    });

    // §11.1 #40
    it('replaces a stored widget on thread.item.replaced', async () => {
      const t = h();
      let after: ThreadItem | undefined;
      const server = t.server({
        async *respond(thread) {
          const before = widgetItem(thread.id, card('Before'));
          yield done(before);
          after = { ...before, widget: card('After'), copy_text: 'After' };
          yield replaced(after);
        },
      });
      const { threadId } = await t.createThread(server);
      expect(await t.storedItem(threadId, after!.id)).toEqual(after);
    });

    it('treats a repeated done for one id as an upsert (§12.2 #1)', async () => {
      const t = h();
      let id = '';
      const server = t.server({
        async *respond(thread) {
          const first = workflowItem(thread.id, [customTask('one')]);
          id = first.id;
          yield done(first);
          yield done({
            ...first,
            workflow: { ...first.workflow, tasks: [customTask('one'), customTask('two')] },
          });
        },
      });
      const { threadId } = await t.createThread(server);
      const stored = (await t.storedItems(threadId)).filter((item) => item.id === id);
      expect(stored).toHaveLength(1);
      expect(
        (stored[0] as WorkflowItem).workflow.tasks.map(
          (task) => task.type === 'custom' && task.title,
        ),
      ).toEqual(['one', 'two']);
    });

    // §11.1 #3
    it('does not duplicate a workflow task when the done event carries the mutated workflow', async () => {
      const t = h();
      let id = '';
      const server = t.server({
        async *respond(thread) {
          const item = workflowItem(thread.id, []);
          id = item.id;
          yield added(item);
          const task = customTask('Searching', 'the web');
          item.workflow.tasks.push(task);
          yield updated(item.id, { type: 'workflow.task.added', task_index: 0, task });
          yield done(item);
        },
      });
      const { events, threadId } = await t.createThread(server);
      const streamed = eventOf(events.at(-1), 'thread.item.done').item as WorkflowItem;
      expect(streamed.workflow.tasks).toHaveLength(1);
      const stored = (await t.storedItem(threadId, id)) as WorkflowItem;
      expect(stored.workflow.tasks).toEqual([customTask('Searching', 'the web')]);
    });

    // §11.1 #34
    it('streams a widget generator through streamWidget: added, value deltas, done; stores the final state', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread, _input, context) {
          yield* streamWidget(
            thread,
            states(
              streamingCard(''),
              streamingCard('Hel'),
              streamingCard('Hello,'),
              streamingCard('Hello, world'),
            ),
            {
              copyText: 'Hello, world',
              generateId: (type) => t.store.generateItemId(type, thread, context),
            },
          );
        },
      });
      const { events, raw, threadId } = await t.createThread(server);
      expect(typesOf(events).slice(3)).toEqual([
        'thread.item.added',
        'thread.item.updated',
        'thread.item.updated',
        'thread.item.updated',
        'thread.item.done',
      ]);
      const addedItem = eventOf(events[3], 'thread.item.added').item;
      expect(addedItem.id).toMatch(idPattern('msg'));
      expect(addedItem).toMatchObject({
        type: 'widget',
        widget: streamingCard(''),
        copy_text: 'Hello, world',
      });
      expect(raw.slice(4, 7)).toEqual(
        ['Hel', 'lo,', ' world'].map((delta) => ({
          type: 'thread.item.updated',
          item_id: addedItem.id,
          update: {
            type: 'widget.streaming_text.value_delta',
            component_id: 'text',
            delta,
            done: false,
          },
        })),
      );
      const final = eventOf(events[7], 'thread.item.done').item;
      expect(final).toEqual({ ...addedItem, widget: streamingCard('Hello, world') });
      const stored = (await t.storedItems(threadId)).filter((item) => item.type === 'widget');
      expect(stored).toEqual([final]);
    });

    // §11.1 #35
    it('streams a non-prefix widget change through streamWidget as widget.root.updated', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          yield* streamWidget(thread, states(streamingCard('Hello'), streamingCard('Goodbye')));
        },
      });
      const { events, raw, threadId } = await t.createThread(server);
      expect(typesOf(events).slice(3)).toEqual([
        'thread.item.added',
        'thread.item.updated',
        'thread.item.done',
      ]);
      const id = eventOf(events[3], 'thread.item.added').item.id;
      expect(raw[4]).toEqual({
        type: 'thread.item.updated',
        item_id: id,
        update: { type: 'widget.root.updated', widget: streamingCard('Goodbye') },
      });
      expect(await t.storedItem(threadId, id)).toMatchObject({ widget: streamingCard('Goodbye') });
    });
  });

  describe('hidden items (§3, §6.10)', () => {
    it('stores hidden items from done events but never streams them', async () => {
      const t = h();
      const ids: string[] = [];
      const server = t.server({
        async *respond(thread) {
          const hidden = hiddenItem(thread.id, { tool: 'search', results: [1, 2] });
          const sdk = sdkHiddenItem(thread.id, 'internal note');
          ids.push(hidden.id, sdk.id);
          yield done(hidden);
          yield done(sdk);
          yield done(assistantItem(thread.id, 'visible'));
        },
      });
      const { events, raw, threadId } = await t.createThread(server);
      expect(typesOf(events)).toEqual([
        'thread.created',
        'thread.item.done',
        'stream_options',
        'thread.item.done',
      ]);
      expect(eventOf(events[3], 'thread.item.done').item.type).toBe('assistant_message');
      expect(JSON.stringify(raw)).not.toContain('internal note');
      expect(await t.storedItem(threadId, ids[0]!)).toMatchObject({
        type: 'hidden_context_item',
        content: { tool: 'search', results: [1, 2] },
      });
      expect(await t.storedItem(threadId, ids[1]!)).toMatchObject({
        type: 'sdk_hidden_context',
        content: 'internal note',
      });
    });

    it('filters hidden items from threads.get_by_id and items.list', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          yield done(hiddenItem(thread.id, 'for the model'));
          yield done(assistantItem(thread.id, 'visible'));
          yield done(sdkHiddenItem(thread.id, 'also for the model'));
        },
      });
      const { threadId } = await t.createThread(server);
      await t.rawStore.addThreadItem(threadId, hiddenItem(threadId, 'added directly'), t.ctx);

      const thread = await t.json<{ items: Page<ThreadItem> }>(server, {
        type: 'threads.get_by_id',
        params: { thread_id: threadId },
      });
      expect(thread.items.data.map((item) => item.type)).toEqual([
        'user_message',
        'assistant_message',
      ]);
      const page = await t.json<Page<ThreadItem>>(server, {
        type: 'items.list',
        params: { thread_id: threadId, order: 'asc' },
      });
      expect(page.data.map((item) => item.type)).toEqual(['user_message', 'assistant_message']);
      expect((await t.storedItems(threadId)).map((item) => item.type)).toEqual([
        'user_message',
        'hidden_context_item',
        'assistant_message',
        'sdk_hidden_context',
        'hidden_context_item',
      ]);
    });

    it('filters after pagination, so a page may be short (§12.2 #12)', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          yield done(assistantItem(thread.id, 'visible'));
          yield done(hiddenItem(thread.id, 'h1'));
          yield done(hiddenItem(thread.id, 'h2'));
        },
      });
      const { threadId } = await t.createThread(server);
      const first = await t.json<Page<ThreadItem>>(server, {
        type: 'items.list',
        params: { thread_id: threadId, limit: 2 },
      });
      expect(first.data).toEqual([]);
      expect(first.has_more).toBe(true);
      const second = await t.json<Page<ThreadItem>>(server, {
        type: 'items.list',
        params: { thread_id: threadId, limit: 2, after: first.after },
      });
      expect(second.data.map((item) => item.type)).toEqual(['assistant_message', 'user_message']);
      expect(second.has_more).toBe(false);
    });
  });

  describe('client tool call items (§4.3)', () => {
    it('streams and stores a pending client tool call with its defaults', async () => {
      const t = h();
      let call: ThreadItem | undefined;
      const server = t.server({
        async *respond(thread) {
          call = toolCallItem(thread.id, { call_id: 'call_1', name: 'get', arguments: { a: 1 } });
          yield done(call);
        },
      });
      const { raw, threadId } = await t.createThread(server);
      expect(raw.at(-1)).toEqual({
        type: 'thread.item.done',
        item: {
          type: 'client_tool_call',
          id: call!.id,
          thread_id: threadId,
          created_at: call!.created_at,
          status: 'pending',
          call_id: 'call_1',
          name: 'get',
          arguments: { a: 1 },
        },
      });
      expect(await t.storedItem(threadId, call!.id)).toEqual(call);
    });
  });
}
