import {
  argumentsJson,
  fakeId,
  fullText,
  textDeltas,
  type FakeTurn,
  type Rendered,
} from './fake-turn.js';

/**
 * A turn as a Chat Completions stream (`POST /v1/chat/completions`): a role chunk, content chunks,
 * `tool_calls` deltas (name first, then the arguments), a final chunk with `finish_reason`, a usage
 * chunk when `stream_options.include_usage` is set; `data: [DONE]` is added by the server.
 */
export function renderChat(turn: FakeTurn, model: string, includeUsage: boolean): Rendered {
  const id = turn.id ?? fakeId('chatcmpl');
  const created = Math.floor(Date.now() / 1000);
  const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
  const chunk = (delta: Record<string, unknown>, finish_reason: string | null = null) => ({
    data: {
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, finish_reason, logprobs: null }],
    },
  });
  const calls = (turn.toolCalls ?? []).map((call) => ({
    id: call.id ?? fakeId('call'),
    type: 'function' as const,
    function: { name: call.name, arguments: argumentsJson(call) },
  }));
  const events: Rendered['events'] = [chunk({ role: 'assistant', content: '' })];
  for (const content of textDeltas(turn.text)) events.push(chunk({ content }));
  calls.forEach((call, index) => {
    events.push(
      chunk({
        tool_calls: [
          {
            index,
            id: call.id,
            type: 'function',
            function: { name: call.function.name, arguments: '' },
          },
        ],
      }),
    );
    events.push(
      chunk({ tool_calls: [{ index, function: { arguments: call.function.arguments } }] }),
    );
  });
  const finish = calls.length > 0 ? 'tool_calls' : 'stop';
  events.push(chunk({}, finish));
  if (includeUsage)
    events.push({
      data: { id, object: 'chat.completion.chunk', created, model, choices: [], usage },
    });
  const text = fullText(turn);
  const json = {
    id,
    object: 'chat.completion',
    created,
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text === '' ? null : text,
          ...(calls.length ? { tool_calls: calls } : {}),
          refusal: null,
        },
        finish_reason: finish,
        logprobs: null,
      },
    ],
    usage,
  };
  return { events, json };
}
