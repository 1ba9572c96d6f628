import { describe, expect, it } from 'vitest';
import { accumulateText, streamAgentResponse } from '../../src/agents/index.js';
import type { ThreadStreamEventInput, WidgetRoot } from '../../src/protocol/index.js';
import { all, FakeRun, makeContext, rawEvent, textDelta, toolCalled } from './helpers/fake-run.js';
import { RunRawModelStreamEvent } from '@openai/agents';

const text = (value: string, extra: Record<string, unknown> = {}) => ({
  type: 'Text',
  value,
  ...extra,
});
const card = (...children: Record<string, unknown>[]): WidgetRoot =>
  ({ type: 'Card', children }) as WidgetRoot;
const toolCalledEvent = () =>
  toolCalled({ type: 'function_call', callId: 'call_1', name: 'show', arguments: '{}' });

describe('AgentContext.streamWidget (§11.5 #1-3)', () => {
  it('streams a static widget as one thread.item.done', async () => {
    const context = makeContext();
    const run = new FakeRun().add(toolCalledEvent());
    await context.streamWidget(card(text('Hello, world!')));
    run.done();
    const events = await all(streamAgentResponse(context, run));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'thread.item.done',
      item: { type: 'widget', widget: card(text('Hello, world!')) },
    });
  });

  it('streams widget states as added, a text delta, then done', async () => {
    const context = makeContext();
    const run = new FakeRun().add(toolCalledEvent());
    const render = (i: number) => card(text('Hello, world'.slice(0, i), { id: 'text' }));
    async function* states() {
      yield render(0);
      yield render(12);
    }
    await context.streamWidget(states());
    run.done();
    const events = await all(streamAgentResponse(context, run));
    expect(events.map((event) => event.type)).toEqual([
      'thread.item.added',
      'thread.item.updated',
      'thread.item.done',
    ]);
    expect(events[0]).toMatchObject({ item: { widget: render(0) } });
    expect(events[1]).toMatchObject({
      update: {
        type: 'widget.streaming_text.value_delta',
        component_id: 'text',
        delta: 'Hello, world',
      },
    });
    expect(events[2]).toMatchObject({ item: { widget: render(12) } });
  });

  it('replaces the whole root when a component changes identity', async () => {
    const context = makeContext();
    const run = new FakeRun().add(toolCalledEvent());
    const last = card(text('World!', { key: 'other text', streaming: false }));
    async function* states() {
      yield card(text('Hello!', { id: 'text' }));
      yield last;
    }
    await context.streamWidget(states(), 'copy me');
    run.done();
    const events = await all(streamAgentResponse(context, run));
    expect(events.map((event) => event.type)).toEqual([
      'thread.item.added',
      'thread.item.updated',
      'thread.item.done',
    ]);
    expect(events[1]).toMatchObject({ update: { type: 'widget.root.updated', widget: last } });
    expect(events[2]).toMatchObject({ item: { widget: last, copy_text: 'copy me' } });
  });
});

describe('AgentContext workflow helpers (§9.1)', () => {
  /** The run ends a little later, as a real one does after its tools ran. */
  const drain = async (context: ReturnType<typeof makeContext>) => {
    const run = new FakeRun();
    setTimeout(() => run.done(), 20);
    return all(streamAgentResponse(context, run));
  };

  it('defers a custom workflow until its first task, then adds tasks by index', async () => {
    const context = makeContext();
    await context.startWorkflow({ type: 'custom', tasks: [] });
    await context.addWorkflowTask({ type: 'custom', title: 'Search' });
    await context.addWorkflowTask({ type: 'custom', title: 'Read' });
    await context.updateWorkflowTask(
      { type: 'custom', title: 'Read', status_indicator: 'complete' },
      1,
    );
    await context.endWorkflow({ title: 'Done' }, true);
    const events = await drain(context);
    expect(events.map((event) => event.type)).toEqual([
      'thread.item.added',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.done',
    ]);
    expect(events[0]).toMatchObject({
      item: {
        type: 'workflow',
        id: 'workflow_id',
        workflow: { tasks: [{ title: 'Search', status_indicator: 'none' }] },
      },
    });
    expect(events[1]).toMatchObject({ update: { type: 'workflow.task.added', task_index: 1 } });
    expect(events[2]).toMatchObject({
      update: {
        type: 'workflow.task.updated',
        task_index: 1,
        task: { status_indicator: 'complete' },
      },
    });
    expect(events[3]).toMatchObject({
      item: { workflow: { summary: { title: 'Done' }, expanded: true, tasks: [{}, {}] } },
    });
    expect(context.workflowItem).toBeUndefined();
  });

  it('ends the active workflow when a tool streams another visible item', async () => {
    const context = makeContext();
    await context.addWorkflowTask({ type: 'custom', title: 'Step' });
    await context.streamWidget(card(text('Result')));
    const events = await drain(context);
    expect(events.map((event) => [event.type, 'item' in event ? event.item.type : ''])).toEqual([
      ['thread.item.added', 'workflow'],
      ['thread.item.done', 'workflow'],
      ['thread.item.done', 'widget'],
    ]);
    expect(events[1]).toMatchObject({
      item: { workflow: { summary: { duration: 0 }, expanded: false } },
    });
  });

  it('resumes the workflow left open by the previous turn', async () => {
    const context = makeContext();
    const open = {
      type: 'workflow' as const,
      id: 'wf_prev',
      thread_id: '123',
      created_at: new Date().toISOString(),
      workflow: { type: 'custom' as const, tasks: [], expanded: false },
    };
    context.store.loadThreadItems = async () => ({ data: [open], has_more: false });
    const run = new FakeRun().raw({
      type: 'response.output_item.added',
      item: { id: 'm_1', type: 'message', role: 'assistant', status: 'in_progress', content: [] },
      output_index: 0,
      sequence_number: 0,
    });
    run.done();
    const events = await all(streamAgentResponse(context, run));
    expect(events[0]).toMatchObject({ type: 'thread.item.done', item: { id: 'wf_prev' } });
  });

  it('throws when updating a task without a workflow', async () => {
    await expect(
      makeContext().updateWorkflowTask({ type: 'custom', title: 'x' }, 0),
    ).rejects.toThrow(/no workflow/);
  });

  it('generates ids through the store', () => {
    const context = makeContext();
    expect(context.generateId('workflow')).toBe('workflow_id');
    expect(context.generateId('thread')).toMatch(/^thr_/);
  });
});

describe('accumulateText (§11.5 #5, §8.7)', () => {
  it('yields the base widget, the growing text, then a final non-streaming state', async () => {
    const run = new FakeRun().raw(textDelta('Hello, ')).raw(textDelta('world!'));
    run.done();
    const states = [];
    for await (const state of accumulateText(run, {
      type: 'Text',
      key: 'text',
      value: '',
      streaming: true,
    }))
      states.push(state);
    expect(states).toEqual([
      { type: 'Text', key: 'text', value: '', streaming: true },
      { type: 'Text', key: 'text', value: 'Hello, ', streaming: true },
      { type: 'Text', key: 'text', value: 'Hello, world!', streaming: true },
      { type: 'Text', key: 'text', value: 'Hello, world!', streaming: false },
    ]);
  });

  it('counts each delta once when the SDK also emits output_text_delta', async () => {
    const run = new FakeRun()
      .add(new RunRawModelStreamEvent({ type: 'output_text_delta', delta: 'Hi' }))
      .add(rawEvent(textDelta('Hi')))
      .add(new RunRawModelStreamEvent({ type: 'output_text_delta', delta: '!' }))
      .add(rawEvent(textDelta('!')));
    run.done();
    const states: { value: string }[] = [];
    for await (const state of accumulateText(run, { type: 'Markdown', value: '' }))
      states.push(state);
    expect(states.at(-1)).toEqual({ type: 'Markdown', value: 'Hi!', streaming: false });
    expect(states).toHaveLength(4);
  });
});

describe('context events without a run', () => {
  it('forwards progress updates, notices and client effects as-is', async () => {
    const context = makeContext();
    const queued: ThreadStreamEventInput[] = [
      { type: 'progress_update', icon: 'search', text: 'Searching…' },
      { type: 'notice', level: 'info', message: 'FYI' },
      { type: 'client_effect', name: 'highlight', data: { id: 1 } },
    ];
    for (const event of queued) await context.stream(event);
    const run = new FakeRun();
    run.done();
    expect(await all(streamAgentResponse(context, run))).toEqual(queued);
  });
});
