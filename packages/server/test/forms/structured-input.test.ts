import { Agent, tool, type RunContext } from '@openai/agents';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AgentContext } from '../../src/agents/index.js';
import { streamStructuredInput } from '../../src/forms/index.js';
import type { ThreadItem, ThreadStreamEvent } from '../../src/protocol/index.js';
import { textInput } from '../helpers/make-server.js';
import {
  doneItems,
  modelInput,
  startHarness,
  threadIdOf,
  type Harness,
  type HarnessContext,
} from '../mcp/harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const assistantTexts = (events: ThreadStreamEvent[]) =>
  doneItems(events).flatMap((item) =>
    item.type === 'assistant_message' ? [item.content.map((part) => part.text).join('')] : [],
  );

describe('structured input (protocol-native variant, §4.8 / §6.6)', () => {
  it('emits a pending structured_input item from a tool and resumes after threads.add_structured_input', async () => {
    const askStructured = tool({
      name: 'ask_choice',
      description: 'Ask the user to choose',
      parameters: z.object({}),
      async execute(_input, runContext?: RunContext<AgentContext<HarnessContext>>) {
        await streamStructuredInput(runContext!.context, [
          {
            id: 'color',
            type: 'multiple_choice',
            question: 'Which color?',
            options: [{ value: 'red' }, { value: 'blue' }],
          },
          { id: 'why', type: 'freeform', question: 'Why?' },
        ]);
        return 'Asked.';
      },
    });
    harness = await startHarness(
      [{ toolCalls: [{ name: 'ask_choice', arguments: {} }] }, { text: 'Blue it is.' }],
      {
        agent: (_context, model) =>
          new Agent({
            name: 'A',
            model,
            tools: [askStructured],
            toolUseBehavior: { stopAtToolNames: ['ask_choice'] },
          }),
      },
    );
    const first = await harness.stream({
      type: 'threads.create',
      params: { input: textInput('Pick') },
    });
    const item = doneItems(first).find((candidate) => candidate.type === 'structured_input');
    expect(item).toMatchObject({
      type: 'structured_input',
      status: 'pending',
      inputs: [{ id: 'color', multiple: false }, { id: 'why' }],
    });

    const answered = await harness.stream({
      type: 'threads.add_structured_input',
      params: {
        thread_id: threadIdOf(first),
        item_id: item!.id,
        input: { answers: { color: { values: ['blue'] }, why: { values: ['calm'] } } },
      },
    });
    expect(answered.map((event) => event.type)[1]).toBe('thread.item.replaced');
    expect(assistantTexts(answered)).toEqual(['Blue it is.']);
    const input = JSON.stringify(modelInput(harness.fake, 1));
    expect(input).toContain('- Which color?: blue');
    const stored = await harness.json<{ data: ThreadItem[] }>({
      type: 'items.list',
      params: { thread_id: threadIdOf(first), order: 'asc' },
    });
    expect(stored.data.find((candidate) => candidate.type === 'structured_input')).toMatchObject({
      status: 'answered',
    });
  });
});
