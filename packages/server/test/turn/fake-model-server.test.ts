import { afterEach, describe, expect, it } from 'vitest';
import { startFakeModelServer, textDeltas, type FakeModelServer } from '../../src/testing/index.js';

let fake: FakeModelServer;
afterEach(() => fake?.close());

const post = (path: string, body: object, signal?: AbortSignal) =>
  fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });

/** Splits an SSE body into `{ event, data }` frames. */
const frames = (text: string) =>
  text
    .split('\n\n')
    .filter(Boolean)
    .map((frame) => {
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)![1]!;
      return {
        event,
        data: data === '[DONE]' ? data : (JSON.parse(data) as Record<string, unknown>),
      };
    });

describe('startFakeModelServer', () => {
  it('splits text into deltas that concatenate exactly', () => {
    expect(textDeltas('Hello big\nworld ')).toEqual(['Hello ', 'big\n', 'world ']);
    expect(textDeltas(['a', 'b'])).toEqual(['a', 'b']);
    expect(textDeltas('')).toEqual([]);
  });

  it('streams Responses API events in order, with sequence numbers', async () => {
    fake = await startFakeModelServer([
      {
        text: 'Hi there',
        annotations: [{ type: 'url_citation', url: 'u', title: 't', start_index: 0, end_index: 2 }],
        toolCalls: [{ name: 'f', arguments: { a: 1 } }],
      },
    ]);
    const response = await post('/v1/responses', { model: 'm', stream: true, input: 'hello' });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = frames(await response.text());
    expect(events.map((frame) => frame.event)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.annotation.added',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(
      events.map((frame) => (frame.data as { sequence_number: number }).sequence_number),
    ).toEqual([...Array(15).keys()]);
    const completed = events.at(-1)!.data as { response: { output: { type: string }[] } };
    expect(completed.response.output.map((item) => item.type)).toEqual([
      'message',
      'function_call',
    ]);
    expect(fake.requests).toEqual([
      expect.objectContaining({
        api: 'responses',
        path: '/v1/responses',
        stream: true,
        body: { model: 'm', stream: true, input: 'hello' },
      }),
    ]);
  });

  it('streams Chat Completions chunks with tool call deltas and [DONE]', async () => {
    fake = await startFakeModelServer([
      { text: 'Yo', toolCalls: [{ name: 'f', id: 'call_1', arguments: '{"a":1}' }] },
    ]);
    const events = frames(
      await (
        await post('/v1/chat/completions', {
          model: 'm',
          stream: true,
          stream_options: { include_usage: true },
        })
      ).text(),
    );
    expect(events.at(-1)!.data).toBe('[DONE]');
    const deltas = events
      .slice(0, -2)
      .map(
        (frame) =>
          (frame.data as { choices: { delta: unknown; finish_reason: unknown }[] }).choices[0],
      );
    expect(deltas).toEqual([
      { index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null, logprobs: null },
      { index: 0, delta: { content: 'Yo' }, finish_reason: null, logprobs: null },
      {
        index: 0,
        delta: {
          tool_calls: [
            { index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '' } },
          ],
        },
        finish_reason: null,
        logprobs: null,
      },
      {
        index: 0,
        delta: { tool_calls: [{ index: 0, function: { arguments: '{"a":1}' } }] },
        finish_reason: null,
        logprobs: null,
      },
      { index: 0, delta: {}, finish_reason: 'tool_calls', logprobs: null },
    ]);
    expect(events.at(-2)!.data).toMatchObject({ choices: [], usage: { total_tokens: 20 } });
  });

  it('streams Anthropic Messages events, tool input as JSON deltas', async () => {
    fake = await startFakeModelServer([
      { text: 'Ok', toolCalls: [{ name: 'f', id: 'toolu_1', arguments: { city: 'Rome' } }] },
    ]);
    const events = frames(
      await (
        await post('/v1/messages', { model: 'c', stream: true, max_tokens: 10, messages: [] })
      ).text(),
    );
    expect(events.map((frame) => frame.event)).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const json = events
      .filter(
        (frame) =>
          frame.event === 'content_block_delta' &&
          (frame.data as { delta: { type: string } }).delta.type === 'input_json_delta',
      )
      .map((frame) => (frame.data as { delta: { partial_json: string } }).delta.partial_json)
      .join('');
    expect(JSON.parse(json)).toEqual({ city: 'Rome' });
    expect(events.at(-2)!.data).toMatchObject({ delta: { stop_reason: 'tool_use' } });
  });

  it('answers non-streamed requests with one JSON body', async () => {
    fake = await startFakeModelServer([{ text: 'Short' }, { text: 'Title' }]);
    expect(await (await post('/v1/chat/completions', { model: 'm' })).json()).toMatchObject({
      object: 'chat.completion',
      choices: [{ message: { content: 'Short' } }],
    });
    expect(await (await post('/v1/messages', { model: 'c' })).json()).toMatchObject({
      type: 'message',
      content: [{ type: 'text', text: 'Title' }],
    });
  });

  it('returns scripted errors in each API dialect, and explains an exhausted script', async () => {
    fake = await startFakeModelServer([
      { error: { status: 429, message: 'slow down', headers: { 'retry-after': '1' } } },
      { error: { status: 529 } },
    ]);
    const openai = await post('/v1/responses', { stream: true });
    expect(openai.status).toBe(429);
    expect(openai.headers.get('retry-after')).toBe('1');
    expect(await openai.json()).toEqual({
      error: { message: 'slow down', type: 'rate_limit_exceeded', code: null, param: null },
    });
    const anthropic = await post('/v1/messages', { stream: true });
    expect(anthropic.status).toBe(529);
    expect(await anthropic.json()).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Fake error 529' },
    });
    const exhausted = await post('/v1/responses', {});
    expect(exhausted.status).toBe(500);
    expect(await exhausted.json()).toMatchObject({
      error: { message: 'fake model server: no scripted turn left for POST /v1/responses' },
    });
    expect((await post('/v1/embeddings', {})).status).toBe(404);
  });

  it('answers from a function of the request, and accepts pushed turns', async () => {
    fake = await startFakeModelServer((request) => ({
      text: `echo ${String(request.body.model)}`,
    }));
    expect(await (await post('/v1/chat/completions', { model: 'abc' })).json()).toMatchObject({
      choices: [{ message: { content: 'echo abc' } }],
    });
    const queued = await startFakeModelServer();
    queued.push({ text: 'pushed' });
    const response = await fetch(`${queued.url}/v1/chat/completions`, {
      method: 'POST',
      body: '{}',
    });
    expect(await response.json()).toMatchObject({ choices: [{ message: { content: 'pushed' } }] });
    await queued.close();
  });

  it('observes a client that disconnects mid-stream (slow mode)', async () => {
    fake = await startFakeModelServer([{ text: 'a b c d e f g h', delayMs: 30 }]);
    const abort = new AbortController();
    const response = await post('/v1/chat/completions', { stream: true }, abort.signal);
    const reader = response.body!.getReader();
    await reader.read();
    abort.abort();
    await fake.waitForAbort();
    expect(fake.abortedStreams).toBe(1);
  });
});
