import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { clientChatTool, emitClientEffect } from '../../src/actions/index.js';
import type { ThreadStreamEvent } from '../../src/protocol/index.js';
import { defineTool, loadHistoryInput, TurnContext } from '../../src/providers/index.js';
import { streamChatCompletions } from '../../src/providers/openai-chat/index.js';
import { startFakeModelServer, type FakeModelServer } from '../../src/testing/index.js';
import { makeServer, textInput, type TestContext } from '../helpers/make-server.js';
import { serveChatKit, type ServedChatKit } from '../helpers/serve-chatkit.js';

let fake: FakeModelServer | undefined;
let served: ServedChatKit | undefined;
afterEach(async () => {
  await served?.close();
  await fake?.close();
  fake = served = undefined;
});

const getViewport = clientChatTool<z.ZodObject<{ unit: z.ZodString }>, TestContext>({
  name: 'get_viewport',
  description: 'The size of the user’s window',
  parameters: z.object({ unit: z.string() }),
});
const highlight = defineTool<z.ZodObject<{ ids: z.ZodArray<z.ZodString> }>, TestContext>({
  name: 'highlight',
  description: 'Highlight rows in the page',
  parameters: z.object({ ids: z.array(z.string()) }),
  async execute({ ids }, context) {
    await emitClientEffect(context, 'highlight_items', { ids });
    return 'Highlighted.';
  },
});

const doneTypes = (events: ThreadStreamEvent[]) =>
  events.flatMap((event) => (event.type === 'thread.item.done' ? [event.item.type] : []));

describe('client tools and client effects in a provider tool loop (Chat Completions)', () => {
  it('ends the turn on a client tool call, resumes with its output, and delivers effects', async () => {
    fake = await startFakeModelServer([
      {
        toolCalls: [
          { name: 'highlight', arguments: { ids: ['r1'] } },
          { name: 'get_viewport', arguments: { unit: 'px' }, id: 'call_vp' },
        ],
      },
      { text: 'Your window is 800 px wide.' },
    ]);
    const client = new OpenAI({ baseURL: fake.baseURL, apiKey: 'test', maxRetries: 0 });
    const { server } = makeServer({
      async *respond(thread, _input, requestContext, { signal }) {
        const context = new TurnContext({ thread, store: server.store, requestContext, signal });
        const input = await loadHistoryInput(server.store, thread, requestContext);
        yield* streamChatCompletions(context, {
          client,
          model: 'gpt-test',
          input,
          tools: [highlight, getViewport],
        });
      },
    });
    served = await serveChatKit(server);
    const first = await served.stream({
      type: 'threads.create',
      params: { input: textInput('How wide is my window?') },
    });
    expect(first.events.filter((event) => event.type === 'client_effect')).toEqual([
      { type: 'client_effect', name: 'highlight_items', data: { ids: ['r1'] } },
    ]);
    expect(doneTypes(first.events)).toEqual(['user_message', 'client_tool_call']);
    const call = first.events.at(-1)!;
    expect(call).toMatchObject({
      type: 'thread.item.done',
      item: {
        type: 'client_tool_call',
        status: 'pending',
        name: 'get_viewport',
        call_id: 'call_vp',
        arguments: { unit: 'px' },
      },
    });
    expect(fake.requests).toHaveLength(1);

    const created = first.events[0]!;
    if (created.type !== 'thread.created') throw new Error('expected thread.created');
    const second = await served.stream({
      type: 'threads.add_client_tool_output',
      params: { thread_id: created.thread.id, result: { width: 800 } },
    });
    expect(doneTypes(second.events)).toEqual(['assistant_message']);
    const messages = fake.requests[1]!.body.messages as {
      role: string;
      tool_call_id?: string;
      content?: unknown;
    }[];
    expect(
      messages.find((message) => message.role === 'tool' && message.tool_call_id === 'call_vp')
        ?.content,
    ).toBe('{"width":800}');
  });
});
