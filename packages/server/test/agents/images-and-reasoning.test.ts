import { describe, expect, it } from 'vitest';
import { ResponseStreamConverter, streamAgentResponse } from '../../src/agents/index.js';
import { all, FakeRun, makeContext, thread, updateOf, type MockStore } from './helpers/fake-run.js';

describe('streamAgentResponse: generated images (§11.5 #24-26)', () => {
  const imageRun = (withPartial: boolean) => {
    const run = new FakeRun().raw({
      type: 'response.output_item.added',
      item: { type: 'image_generation_call', id: 'img_call_1' },
      output_index: 0,
      sequence_number: 0,
    });
    if (withPartial) {
      run.raw({
        type: 'response.image_generation_call.partial_image',
        partial_image_b64: 'dGVzdA==',
        partial_image_index: 1,
        item_id: 'img_call_1',
        output_index: 0,
        sequence_number: 1,
      });
    }
    run.raw({
      type: 'response.output_item.done',
      item: { type: 'image_generation_call', id: 'img_call_1', result: 'dGVzdA==' },
      output_index: 0,
      sequence_number: 2,
    });
    run.done();
    return run;
  };

  it('streams an image item with the data URL as its final image', async () => {
    const events = await all(streamAgentResponse(makeContext(), imageRun(false)));
    expect(events).toEqual([
      {
        type: 'thread.item.added',
        item: expect.objectContaining({ type: 'generated_image', id: 'message_id' }),
      },
      {
        type: 'thread.item.done',
        item: expect.objectContaining({
          type: 'generated_image',
          id: 'message_id',
          image: { id: 'img_call_1', url: 'data:image/png;base64,dGVzdA==' },
        }),
      },
    ]);
    expect(events[0]).not.toHaveProperty('item.image');
  });

  it('asks a custom converter for the URL', async () => {
    const calls: unknown[][] = [];
    class Custom extends ResponseStreamConverter {
      override async base64ImageToUrl(
        imageId: string,
        base64: string,
        index?: number,
      ): Promise<string> {
        calls.push([imageId, base64, index]);
        return `https://example.com/${imageId}`;
      }
    }
    const events = await all(
      streamAgentResponse(makeContext(), imageRun(false), { converter: new Custom() }),
    );
    expect(calls).toEqual([['img_call_1', 'dGVzdA==', undefined]]);
    expect(events[1]).toMatchObject({
      item: { image: { id: 'img_call_1', url: 'https://example.com/img_call_1' } },
    });
  });

  it('reports partial images with normalized progress', async () => {
    const events = await all(
      streamAgentResponse(makeContext(), imageRun(true), {
        converter: new ResponseStreamConverter({ partialImages: 3 }),
      }),
    );
    expect(events.map((event) => event.type)).toEqual([
      'thread.item.added',
      'thread.item.updated',
      'thread.item.done',
    ]);
    const update = updateOf(events[1]);
    if (update.type !== 'generated_image.updated') throw new Error('expected image update');
    expect(update.progress).toBeCloseTo(1 / 3);
    expect(update.image).toEqual({ id: 'img_call_1', url: 'data:image/png;base64,dGVzdA==' });
  });
});

describe('streamAgentResponse: reasoning workflows (§11.5 #27-29)', () => {
  const reasoningAdded = {
    type: 'response.output_item.added',
    item: { id: 'resp_1', type: 'reasoning', summary: [] },
    output_index: 0,
    sequence_number: 0,
  };
  const thought = (content: string) => ({ type: 'thought', content, status_indicator: 'none' });

  it('streams the first thought live and adds later ones whole', async () => {
    const context = makeContext();
    const run = new FakeRun()
      .raw(reasoningAdded)
      .raw({
        type: 'response.reasoning_summary_text.delta',
        item_id: 'resp_1',
        summary_index: 0,
        delta: 'Think',
      })
      .raw({
        type: 'response.reasoning_summary_text.delta',
        item_id: 'resp_1',
        summary_index: 0,
        delta: 'ing 1',
      })
      .raw({
        type: 'response.reasoning_summary_text.done',
        item_id: 'resp_1',
        summary_index: 0,
        text: 'Thinking 1',
      })
      .raw({
        type: 'response.reasoning_summary_text.delta',
        item_id: 'resp_1',
        summary_index: 1,
        delta: 'Think',
      })
      .raw({
        type: 'response.reasoning_summary_text.delta',
        item_id: 'resp_1',
        summary_index: 1,
        delta: 'ing 2',
      })
      .raw({
        type: 'response.reasoning_summary_text.done',
        item_id: 'resp_1',
        summary_index: 1,
        text: 'Thinking 2',
      });
    run.done();
    const stream = streamAgentResponse(context, run);
    const added = (await stream.next()).value;
    expect(added).toMatchObject({
      type: 'thread.item.added',
      item: { type: 'workflow', id: 'workflow_id', workflow: { type: 'reasoning', tasks: [] } },
    });
    expect(context.workflowItem?.workflow.type).toBe('reasoning');
    expect(updateOf((await stream.next()).value)).toEqual({
      type: 'workflow.task.added',
      task_index: 0,
      task: thought('Think'),
    });
    expect(updateOf((await stream.next()).value)).toEqual({
      type: 'workflow.task.updated',
      task_index: 0,
      task: thought('Thinking 1'),
    });
    expect(updateOf((await stream.next()).value)).toEqual({
      type: 'workflow.task.updated',
      task_index: 0,
      task: thought('Thinking 1'),
    });
    expect(updateOf((await stream.next()).value)).toEqual({
      type: 'workflow.task.added',
      task_index: 1,
      task: thought('Thinking 2'),
    });
    expect(context.workflowItem?.workflow.tasks).toHaveLength(2);
    const rest = await all(stream);
    expect(rest).toEqual([]);
  });

  it('ends the workflow with a duration summary when the message starts', async () => {
    const context = makeContext();
    const run = new FakeRun()
      .raw(reasoningAdded)
      .raw({
        type: 'response.reasoning_summary_text.done',
        item_id: 'resp_1',
        summary_index: 0,
        text: 'Thinking 1',
      })
      .raw({
        type: 'response.output_item.added',
        item: { id: 'm_1', type: 'message', role: 'assistant', status: 'in_progress', content: [] },
        output_index: 1,
        sequence_number: 2,
      });
    run.done();
    const events = await all(streamAgentResponse(context, run));
    expect(events.map((event) => event.type)).toEqual([
      'thread.item.added',
      'thread.item.updated',
      'thread.item.done',
      'thread.item.added',
    ]);
    expect(updateOf(events[1])).toEqual({
      type: 'workflow.task.added',
      task_index: 0,
      task: thought('Thinking 1'),
    });
    expect(events[2]).toMatchObject({
      item: { type: 'workflow', workflow: { summary: { duration: 0 }, expanded: false } },
    });
    expect(context.workflowItem).toBeUndefined();
  });

  it('keeps an existing summary when ending a workflow automatically', async () => {
    const context = makeContext();
    context.workflowItem = {
      type: 'workflow',
      id: 'wf_1',
      thread_id: thread.id,
      created_at: new Date().toISOString(),
      workflow: { type: 'custom', tasks: [], summary: { title: 'Test' }, expanded: true },
    };
    const run = new FakeRun().raw({
      type: 'response.output_item.added',
      item: { id: 'm_1', type: 'message', role: 'assistant', status: 'in_progress', content: [] },
      output_index: 0,
      sequence_number: 0,
    });
    run.done();
    const [first] = await all(streamAgentResponse(context, run));
    expect(first).toMatchObject({
      type: 'thread.item.done',
      item: { id: 'wf_1', workflow: { summary: { title: 'Test' }, expanded: false } },
    });
    expect(context.workflowItem).toBeUndefined();
  });

  it('persists a still-open workflow at the end of the run without an event', async () => {
    const context = makeContext();
    const run = new FakeRun().raw(reasoningAdded);
    run.done();
    const events = await all(streamAgentResponse(context, run));
    expect(events.map((event) => event.type)).toEqual(['thread.item.added']);
    expect((context.store as MockStore).added).toEqual([
      { threadId: '123', id: 'workflow_id', type: 'workflow' },
    ]);
  });
});
