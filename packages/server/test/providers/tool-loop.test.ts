import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CustomStreamError } from '../../src/errors.js';
import type { ThreadMetadata, ThreadStreamEventInput } from '../../src/protocol/index.js';
import {
  defineTool,
  runToolLoop,
  streamWithContext,
  toolJsonSchema,
  TurnContext,
  type ModelStep,
  type ModelToolCall,
  type ModelToolResult,
  type ToolLoopDriver,
} from '../../src/providers/index.js';
import { MemoryStore } from '../../src/stores/memory/index.js';
import { CONTEXT } from '../helpers/make-server.js';

const thread: ThreadMetadata = {
  id: 'thr_1',
  created_at: new Date().toISOString(),
  status: { type: 'active' },
  metadata: {},
};
const newContext = () =>
  new TurnContext({ thread, store: new MemoryStore<typeof CONTEXT>(), requestContext: CONTEXT });

/** A driver replaying scripted steps and recording what the loop fed back. */
class ScriptedDriver implements ToolLoopDriver {
  readonly fedBack: { text: string; results: ModelToolResult[] }[] = [];
  constructor(private readonly steps: { text?: string[]; calls?: ModelToolCall[] }[]) {}
  step(): ModelStep {
    const step = this.steps.shift() ?? { text: ['(no more steps)'] };
    return {
      text: (async function* () {
        for (const part of step.text ?? []) yield part;
      })(),
      toolCalls: () => step.calls ?? [],
    };
  }
  addToolResults(text: string, results: ModelToolResult[]) {
    this.fedBack.push({ text, results });
  }
}

async function all(events: AsyncIterable<ThreadStreamEventInput>) {
  const out: ThreadStreamEventInput[] = [];
  for await (const event of events) out.push(event);
  return out;
}

const echo = defineTool({
  name: 'echo',
  description: 'Echo',
  parameters: z.object({ value: z.string() }),
  async execute({ value }, ctx) {
    await ctx.stream({ type: 'progress_update', text: `echoing ${value}` });
    await new Promise((resolve) => setTimeout(resolve, 10));
    return value;
  },
});
const failing = defineTool({
  name: 'failing',
  description: 'Always fails',
  parameters: z.object({}),
  execute() {
    throw new Error('database down');
  },
});

describe('runToolLoop', () => {
  it('runs tools, feeds results back (errors included) and streams the final answer', async () => {
    const driver = new ScriptedDriver([
      {
        text: ['Working'],
        calls: [
          { id: 'c1', name: 'echo', arguments: '{"value":"hi"}' },
          { id: 'c2', name: 'echo', arguments: '{"value":' },
          { id: 'c3', name: 'echo', arguments: '{"value":3}' },
          { id: 'c4', name: 'nope', arguments: '{}' },
          { id: 'c5', name: 'failing', arguments: '' },
        ],
      },
      { text: ['Done', '.'] },
    ]);
    const context = newContext();
    const events = await all(
      streamWithContext(
        context,
        runToolLoop(context, driver, { tools: [echo, failing], toolProgress: true }),
      ),
    );
    const results = driver.fedBack[0]!.results;
    expect(driver.fedBack[0]!.text).toBe('Working');
    expect(results.map((result) => [result.call.id, result.isError])).toEqual([
      ['c1', false],
      ['c2', true],
      ['c3', true],
      ['c4', true],
      ['c5', true],
    ]);
    expect(results[0]!.output).toBe('hi');
    expect(results[1]!.output).toMatch(/^Invalid JSON arguments for echo/);
    expect(results[2]!.output).toMatch(/^Invalid arguments for echo/);
    expect(results[3]!.output).toBe('Tool nope not found');
    expect(results[4]!.output).toBe(
      'An error occurred while running the tool. Please try again. Error: database down',
    );
    const progress = events
      .filter((event) => event.type === 'progress_update')
      .map((event) => (event as { text: string }).text);
    expect(progress).toEqual([
      'Calling echo…',
      'echoing hi',
      'Calling echo…',
      'Calling echo…',
      'Calling nope…',
      'Calling failing…',
    ]);
    const answers = events.flatMap((event) =>
      event.type === 'thread.item.done' && event.item.type === 'assistant_message'
        ? [event.item.content[0]!.text]
        : [],
    );
    expect(answers).toEqual(['Working', 'Done.']);
  });

  it('forwards what a tool streams while it is still running', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = defineTool({
      name: 'slow',
      description: 'Slow',
      parameters: z.object({}),
      async execute(_args, ctx) {
        await ctx.stream({ type: 'progress_update', text: 'started' });
        await gate;
        return 'ok';
      },
    });
    const context = newContext();
    const driver = new ScriptedDriver([
      { calls: [{ id: 'c', name: 'slow', arguments: '{}' }] },
      { text: ['fin'] },
    ]);
    const stream = streamWithContext(context, runToolLoop(context, driver, { tools: [slow] }));
    expect((await stream.next()).value).toEqual({ type: 'progress_update', text: 'started' });
    release();
    const rest = await all(stream);
    expect(rest.at(-1)).toMatchObject({
      type: 'thread.item.done',
      item: { content: [{ text: 'fin' }] },
    });
  });

  it('ends the turn at a client tool call with the model call id', async () => {
    const clientTool = defineTool({
      name: 'pick_file',
      description: 'Pick',
      parameters: z.object({ accept: z.string() }),
      execute({ accept }, ctx) {
        ctx.clientToolCall = { name: 'pick_file', arguments: { accept } };
      },
    });
    const context = newContext();
    const driver = new ScriptedDriver([
      {
        calls: [
          { id: 'call_pick', name: 'pick_file', arguments: '{"accept":".pdf"}' },
          { id: 'c2', name: 'echo', arguments: '{"value":"x"}' },
        ],
      },
    ]);
    const events = await all(
      streamWithContext(context, runToolLoop(context, driver, { tools: [clientTool, echo] })),
    );
    expect(events).toEqual([
      {
        type: 'thread.item.done',
        item: expect.objectContaining({
          type: 'client_tool_call',
          call_id: 'call_pick',
          name: 'pick_file',
          arguments: { accept: '.pdf' },
          status: 'pending',
          id: expect.stringMatching(/^tc_/),
        }),
      },
    ]);
    expect(driver.fedBack).toEqual([]);
  });

  it('stops with a retryable error after maxSteps tool rounds', async () => {
    const context = newContext();
    const loopingCall = { calls: [{ id: 'c', name: 'echo', arguments: '{"value":"again"}' }] };
    const driver = new ScriptedDriver([loopingCall, loopingCall, loopingCall]);
    await expect(all(runToolLoop(context, driver, { tools: [echo], maxSteps: 2 }))).rejects.toEqual(
      new CustomStreamError(
        'The assistant stopped after 2 tool steps without finishing its answer.',
        { allowRetry: true },
      ),
    );
    expect(driver.fedBack).toHaveLength(1);
  });
});

describe('toolJsonSchema', () => {
  it('is the JSON Schema of what the model sends (input side) without $schema', () => {
    expect(toolJsonSchema(echo)).toEqual({
      type: 'object',
      properties: { value: { type: 'string' } },
      required: ['value'],
    });
    const withDefault = defineTool({
      name: 't',
      description: 'd',
      parameters: z.object({ n: z.number().default(1) }),
      execute: () => null,
    });
    expect(toolJsonSchema(withDefault)).toMatchObject({
      properties: { n: { type: 'number', default: 1 } },
    });
    expect(toolJsonSchema(withDefault)).not.toHaveProperty('required');
  });
});
