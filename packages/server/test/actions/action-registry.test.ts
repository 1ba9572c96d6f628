import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ActionRegistry } from '../../src/actions/index.js';
import { InvalidRequestError } from '../../src/errors.js';
import type { ThreadItem, ThreadStreamEventInput, WidgetItem } from '../../src/protocol/index.js';
import { Button, Card, Text } from '../../src/widgets/index.js';
import { CONTEXT, json, makeServer, now, stream, textInput } from '../helpers/make-server.js';

const counter = (count: number) =>
  Card({
    children: [
      Text({ id: 'count', value: `Count: ${count}` }),
      Button({
        label: '+1',
        onClickAction: { type: 'counter.increment', payload: { count }, streaming: false },
      }),
      Button({ label: 'Done', onClickAction: { type: 'counter.finish', payload: { count } } }),
    ],
  });

/** A server whose first turn shows the counter widget; actions go through `registry`. */
function setup(registry: ActionRegistry<typeof CONTEXT>, resumed: { input: unknown }[] = []) {
  const { server, store } = makeServer({
    async *respond(thread, input) {
      resumed.push({ input });
      if (input) {
        yield {
          type: 'thread.item.done',
          item: {
            type: 'widget',
            id: 'w_counter',
            thread_id: thread.id,
            created_at: now(),
            widget: counter(0),
          },
        };
      } else {
        yield {
          type: 'thread.item.done',
          item: {
            type: 'assistant_message',
            id: `msg_${resumed.length}`,
            thread_id: thread.id,
            created_at: now(),
            content: [{ type: 'output_text', text: 'Resumed.' }],
          },
        };
      }
    },
    action: (thread, action, sender, context, options) =>
      registry.handle(server, thread, action, sender, context, options),
    syncAction: (thread, action, sender, context) =>
      registry.handleSync(server, thread, action, sender, context),
  });
  return { server, store };
}

async function createThread(server: ReturnType<typeof setup>['server']) {
  const { events } = await stream(server, {
    type: 'threads.create',
    params: { input: textInput('hi') },
  });
  const created = events[0];
  if (created?.type !== 'thread.created') throw new Error('expected thread.created');
  return created.thread.id;
}

const customAction = (
  threadId: string,
  type: string,
  payload: unknown,
  itemId: string | null = 'w_counter',
) => ({
  type: 'threads.custom_action',
  params: { thread_id: threadId, item_id: itemId, action: { type, payload } },
});

describe('ActionRegistry: threads.custom_action (§6.8)', () => {
  it('replaces the sender (persisted), stores hidden context, sends a client effect and resumes the agent', async () => {
    const seen: unknown[] = [];
    const registry = new ActionRegistry<typeof CONTEXT>().on(
      'counter.finish',
      { payload: z.object({ count: z.number().int() }) },
      async function* ({
        payload,
        sender,
        replaceSender,
        hiddenContext,
        clientEffect,
        resume,
        signal,
        thread,
        store,
      }) {
        seen.push(
          payload,
          sender?.id,
          signal instanceof AbortSignal,
          thread.id,
          typeof store.loadItem,
        );
        yield replaceSender(
          Card({ children: [Text({ value: `Final count: ${payload.count}` })] }),
          'Final count',
        );
        yield hiddenContext(`<COUNTER_FINISHED count="${payload.count}" />`);
        yield clientEffect('confetti', { count: payload.count });
        yield* resume();
      },
    );
    const resumed: { input: unknown }[] = [];
    const { server, store } = setup(registry, resumed);
    const threadId = await createThread(server);
    const { events } = await stream(server, customAction(threadId, 'counter.finish', { count: 3 }));
    expect(seen).toEqual([{ count: 3 }, 'w_counter', true, threadId, 'function']);
    expect(events.map((event) => event.type)).toEqual([
      'stream_options',
      'thread.item.replaced',
      'client_effect',
      'thread.item.done',
    ]);
    expect(events[1]).toMatchObject({
      item: {
        id: 'w_counter',
        copy_text: 'Final count',
        widget: { children: [{ value: 'Final count: 3' }] },
      },
    });
    expect(events[2]).toEqual({ type: 'client_effect', name: 'confetti', data: { count: 3 } });
    expect(resumed.map((call) => call.input)).toEqual([
      expect.objectContaining({ type: 'user_message' }),
      null,
    ]);

    const items = (await store.loadThreadItems(threadId, null, 10, 'asc', CONTEXT)).data;
    expect(items.map((item: ThreadItem) => item.type)).toEqual([
      'user_message',
      'widget',
      'hidden_context_item',
      'assistant_message',
    ]);
    expect(items[1]).toMatchObject({ widget: { children: [{ value: 'Final count: 3' }] } });
    expect(items[2]).toMatchObject({ content: '<COUNTER_FINISHED count="3" />' });
  });

  it('accepts plain async handlers with nothing to stream', async () => {
    const calls: unknown[] = [];
    const registry = new ActionRegistry<typeof CONTEXT>().on('log', async ({ payload }) => {
      calls.push(payload);
    });
    const { server } = setup(registry);
    const threadId = await createThread(server);
    const { events } = await stream(server, customAction(threadId, 'log', { a: 1 }, null));
    expect(events.map((event) => event.type)).toEqual(['stream_options']);
    expect(calls).toEqual([{ a: 1 }]);
  });

  it('ends with a clear error for an invalid payload or an unknown action type', async () => {
    let called = false;
    const registry = new ActionRegistry<typeof CONTEXT>().on(
      'counter.finish',
      { payload: z.object({ count: z.number() }) },
      async () => {
        called = true;
      },
    );
    const { server } = setup(registry);
    const threadId = await createThread(server);
    const invalid = await stream(
      server,
      customAction(threadId, 'counter.finish', { count: 'lots' }),
    );
    expect(invalid.events.at(-1)).toEqual({
      type: 'error',
      code: 'custom',
      message:
        'Invalid payload for action "counter.finish": count: Invalid input: expected number, received string',
      allow_retry: false,
    });
    const unknown = await stream(server, customAction(threadId, 'nope', {}));
    expect(unknown.events.at(-1)).toEqual({
      type: 'error',
      code: 'custom',
      message: 'Unknown action "nope".',
      allow_retry: false,
    });
    expect(called).toBe(false);

    const ignoring = setup(new ActionRegistry<typeof CONTEXT>({ onUnknown: 'ignore' }));
    const other = await createThread(ignoring.server);
    expect(
      (await stream(ignoring.server, customAction(other, 'nope', {}))).events.map(
        (event) => event.type,
      ),
    ).toEqual(['stream_options']);
  });

  it('refuses a second handler for the same type', () => {
    const registry = new ActionRegistry().on('a', async () => undefined);
    expect(() => registry.on('a', async () => undefined)).toThrow(/already has a handler/);
    expect(registry.has('a')).toBe(true);
    expect(registry.hasSync('a')).toBe(false);
  });
});

describe('ActionRegistry: threads.sync_custom_action (§2.7)', () => {
  const registry = () =>
    new ActionRegistry<typeof CONTEXT>().onSync(
      'counter.increment',
      { payload: z.object({ count: z.number() }) },
      ({ payload, updateSender }) => updateSender(counter(payload.count + 1)),
    );

  it('returns the updated item and persists it', async () => {
    const { server, store } = setup(registry());
    const threadId = await createThread(server);
    const body = {
      type: 'threads.sync_custom_action',
      params: {
        thread_id: threadId,
        item_id: 'w_counter',
        action: { type: 'counter.increment', payload: { count: 0 } },
      },
    };
    const response = await json<{ updated_item: WidgetItem }>(server, body);
    expect(response.updated_item).toMatchObject({
      id: 'w_counter',
      type: 'widget',
      widget: { children: [{ value: 'Count: 1' }, { label: '+1' }, { label: 'Done' }] },
    });
    const stored = await store.loadItem(threadId, 'w_counter', CONTEXT);
    expect(stored).toEqual(response.updated_item);
  });

  it('returns {} when the handler returns nothing, and rejects bad payloads and unknown types with InvalidRequestError', async () => {
    const registryWithNoop = registry().onSync('noop', () => undefined);
    const { server } = setup(registryWithNoop);
    const threadId = await createThread(server);
    const body = (type: string, payload: unknown) => ({
      type: 'threads.sync_custom_action',
      params: { thread_id: threadId, item_id: 'w_counter', action: { type, payload } },
    });
    expect(await json(server, body('noop', null))).toEqual({});
    await expect(
      server.process(JSON.stringify(body('counter.increment', { count: '1' })), CONTEXT),
    ).rejects.toMatchObject({
      constructor: InvalidRequestError,
      issues: [
        {
          path: 'params.action.payload.count',
          message: 'Invalid input: expected number, received string',
        },
      ],
    });
    await expect(server.process(JSON.stringify(body('nope', {})), CONTEXT)).rejects.toThrow(
      /Unknown sync action "nope"/,
    );
  });
});

// Type-level: a schema types the payload.
const _typed = new ActionRegistry().on(
  'x',
  { payload: z.object({ id: z.string() }) },
  async function* ({ payload }): AsyncGenerator<ThreadStreamEventInput> {
    const id: string = payload.id;
    yield { type: 'progress_update', text: id };
  },
);
