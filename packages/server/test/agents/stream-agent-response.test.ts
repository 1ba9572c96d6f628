import { InputGuardrailTripwireTriggered, OutputGuardrailTripwireTriggered } from '@openai/agents';
import { describe, expect, it } from 'vitest';
import { streamAgentResponse } from '../../src/agents/index.js';
import type { ThreadStreamEventInput } from '../../src/protocol/index.js';
import {
  all,
  card,
  FakeRun,
  makeContext,
  textDelta,
  thread,
  toolCalled,
} from './helpers/fake-run.js';

describe('streamAgentResponse: client tool calls (§11.5 #4)', () => {
  it('uses the raw function call ids for the pending client tool call', async () => {
    const context = makeContext();
    context.clientToolCall = { name: 'get_selection', arguments: {} };
    const run = new FakeRun();
    run.add(
      toolCalled({
        id: 'fc_123',
        type: 'function_call',
        callId: 'call_123',
        name: 'get_selection',
        arguments: '{}',
        status: 'completed',
      }),
    );
    run.done();
    const events = await all(streamAgentResponse(context, run));
    expect(events).toHaveLength(1);
    const [event] = events;
    if (event?.type !== 'thread.item.done' || event.item.type !== 'client_tool_call')
      throw new Error('expected a tool call');
    expect(event.item).toMatchObject({
      id: 'fc_123',
      call_id: 'call_123',
      name: 'get_selection',
      status: 'pending',
    });
  });

  it('generates ids when the model gave a placeholder id (#36)', async () => {
    const context = makeContext();
    context.clientToolCall = { name: 'pick', arguments: { a: 1 } };
    const run = new FakeRun();
    run.add(
      toolCalled({
        id: 'FAKE_ID',
        type: 'function_call',
        callId: 'call_9',
        name: 'pick',
        arguments: '{}',
      }),
    );
    run.done();
    const [event] = await all(streamAgentResponse(context, run));
    if (event?.type !== 'thread.item.done') throw new Error('expected done');
    expect(event.item).toMatchObject({
      id: 'tool_call_id',
      call_id: 'call_9',
      arguments: { a: 1 },
    });
  });
});

describe('streamAgentResponse: merging the context queue (§11.5 #16-17)', () => {
  it('delivers queued events before run events and ends only when the run completes', async () => {
    const context = makeContext();
    const run = new FakeRun();
    await context.stream({
      type: 'thread.item.added',
      item: {
        type: 'widget',
        id: '123',
        thread_id: thread.id,
        created_at: new Date().toISOString(),
        widget: card('Hello, world!'),
      },
    });
    const stream = streamAgentResponse(context, run);
    const first = await stream.next();
    expect(first.value?.type).toBe('thread.item.added');
    let settled = false;
    const pending = stream.next().then((result) => {
      settled = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    run.done();
    expect((await pending).done).toBe(true);
  });

  it('maps run events and forwards queued events, in either order', async () => {
    const context = makeContext();
    const run = new FakeRun();
    await context.stream({
      type: 'thread.item.added',
      item: {
        type: 'widget',
        id: '123',
        thread_id: thread.id,
        created_at: new Date().toISOString(),
        widget: card('Hello'),
      },
    });
    run.raw(textDelta('Hello, world!'));
    const stream = streamAgentResponse(context, run);
    const types = new Set([(await stream.next()).value?.type, (await stream.next()).value?.type]);
    expect(types).toEqual(new Set(['thread.item.added', 'thread.item.updated']));
    run.done();
    expect((await stream.next()).done).toBe(true);
  });
});

describe('streamAgentResponse: guardrail tripwires (§11.5 #22)', () => {
  it.each([
    [
      'input',
      () =>
        new InputGuardrailTripwireTriggered('tripped', {
          guardrail: { type: 'input', name: 'g' },
          output: { tripwireTriggered: true, outputInfo: null },
        } as never),
    ],
    [
      'output',
      () =>
        new OutputGuardrailTripwireTriggered('tripped', {
          guardrail: { type: 'output', name: 'g' },
          agentOutput: null,
          agent: null,
          output: { tripwireTriggered: true, outputInfo: null },
        } as never),
    ],
  ])(
    'removes every item of the turn on an %s tripwire, then rethrows',
    async (_kind, makeError) => {
      const context = makeContext();
      const run = new FakeRun().raw({
        type: 'response.output_item.added',
        item: {
          id: '1',
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'Hello, world!', annotations: [] }],
        },
        output_index: 0,
        sequence_number: 0,
      });
      const now = new Date().toISOString();
      await context.stream({
        type: 'thread.item.added',
        item: {
          type: 'assistant_message',
          id: '2',
          thread_id: thread.id,
          created_at: now,
          content: [{ type: 'output_text', text: 'Hello, world!' }],
        },
      });
      await context.stream({
        type: 'thread.item.done',
        item: {
          type: 'widget',
          id: '3',
          thread_id: thread.id,
          created_at: now,
          widget: card('Hello, world!'),
        },
      });
      const stream = streamAgentResponse(context, run);
      const events: ThreadStreamEventInput[] = [];
      for (let i = 0; i < 3; i++) events.push((await stream.next()).value!);
      const error = makeError();
      run.fail(error);
      await expect(async () => {
        for await (const event of stream) events.push(event);
      }).rejects.toBe(error);
      const removed = events.flatMap((event) =>
        event.type === 'thread.item.removed' ? [event.item_id] : [],
      );
      expect(new Set(removed)).toEqual(new Set(['1', '2', '3']));
    },
  );
});
