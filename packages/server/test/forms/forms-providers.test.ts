import { Agent, tool, type RunContext } from '@openai/agents';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AgentContext } from '../../src/agents/index.js';
import {
  FormInteractions,
  formChatTool,
  registerFormActions,
  streamStructuredInput,
} from '../../src/forms/index.js';
import { ActionRegistry } from '../../src/actions/index.js';
import type { ThreadItem, ThreadStreamEvent, WidgetItem } from '../../src/protocol/index.js';
import { loadHistoryInput, TurnContext } from '../../src/providers/index.js';
import { streamChatCompletions } from '../../src/providers/openai-chat/index.js';
import { startFakeModelServer, type FakeModelServer } from '../../src/testing/index.js';
import { makeServer, textInput, type TestContext } from '../helpers/make-server.js';
import { serveChatKit, type ServedChatKit } from '../helpers/serve-chatkit.js';
import {
  doneItems,
  modelInput,
  startHarness,
  threadIdOf,
  type Harness,
  type HarnessContext,
} from '../mcp/harness.js';
import { TRIP_REQUEST } from './trip-form.js';

let fake: FakeModelServer | undefined;
let served: ServedChatKit | undefined;
let harness: Harness | undefined;
afterEach(async () => {
  await served?.close();
  await fake?.close();
  await harness?.close();
  fake = served = harness = undefined;
});

const assistantTexts = (events: ThreadStreamEvent[]) =>
  doneItems(events).flatMap((item) =>
    item.type === 'assistant_message' ? [item.content.map((part) => part.text).join('')] : [],
  );

describe('the form tool in a provider tool loop (Chat Completions)', () => {
  it('shows the form, lets the model close its turn, and resumes through an ActionRegistry', async () => {
    fake = await startFakeModelServer([
      { toolCalls: [{ name: 'ask_user_form', arguments: TRIP_REQUEST }] },
      { text: 'Please fill in the form above.' },
      { text: 'Booked a window seat to Lima.' },
    ]);
    const client = new OpenAI({ baseURL: fake.baseURL, apiKey: 'test', maxRetries: 0 });
    const interactions = new FormInteractions<TestContext>();
    const tools = [formChatTool(interactions)];
    const actions = registerFormActions(new ActionRegistry<TestContext>(), interactions);
    const { server } = makeServer({
      async *respond(thread, input, requestContext, { signal }) {
        const blocked = await interactions.guardPendingForm(
          server.store,
          thread,
          input,
          requestContext,
        );
        if (blocked) {
          yield* blocked;
          return;
        }
        const context = new TurnContext({ thread, store: server.store, requestContext, signal });
        const history = await loadHistoryInput(server.store, thread, requestContext);
        yield* streamChatCompletions(context, { client, model: 'gpt-test', input: history, tools });
      },
      action: (thread, action, sender, context, options) =>
        actions.handle(server, thread, action, sender, context, options),
    });
    served = await serveChatKit(server);

    const first = await served.stream({
      type: 'threads.create',
      params: { input: textInput('Book a trip') },
    });
    expect(doneItems(first.events).map((item) => item.type)).toEqual([
      'user_message',
      'widget',
      'assistant_message',
    ]);
    const chatRequest = fake.requests[0]!.body as {
      tools: { function: { name: string; parameters: { required: string[] } } }[];
    };
    expect(chatRequest.tools[0]!.function.name).toBe('ask_user_form');
    expect(chatRequest.tools[0]!.function.parameters.required).toEqual([
      'title',
      'description',
      'fields',
    ]);
    const toolMessage = (
      fake.requests[1]!.body.messages as { role: string; content: string }[]
    ).find((m) => m.role === 'tool');
    expect(toolMessage?.content).toMatch(/^The form is now displayed to the user/);

    const form = doneItems(first.events).find(
      (item): item is WidgetItem => item.type === 'widget',
    )!;
    const interactionId = /"interaction_id":"(form_[0-9a-f]+)"/.exec(
      JSON.stringify(form.widget),
    )![1]!;
    const threadId = threadIdOf(first.events);
    const done = await served.stream({
      type: 'threads.custom_action',
      params: {
        thread_id: threadId,
        item_id: form.id,
        action: {
          type: 'human.form_submit',
          payload: {
            interaction_id: interactionId,
            destination: 'Lima',
            travel_class: 'economy',
            seat: 'window',
          },
        },
      },
    });
    expect(assistantTexts(done.events)).toEqual(['Booked a window seat to Lima.']);
    const lastUser = (fake.requests[2]!.body.messages as { role: string; content: unknown }[])
      .filter((m) => m.role === 'user')
      .at(-1);
    expect(JSON.stringify(lastUser)).toContain('- Seat [seat]: Window (window)');
  });
});

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
