import {
  argumentsJson,
  fakeId,
  fullText,
  textDeltas,
  type FakeTurn,
  type Rendered,
} from './fake-turn.js';

/**
 * A turn as an Anthropic Messages stream (`POST /v1/messages`): message_start, ping, one content
 * block per part (a thinking block for `reasoning`, the text block, `tool_use` blocks with
 * `input_json_delta`s), message_delta with the stop reason, message_stop.
 */
export function renderAnthropic(turn: FakeTurn, model: string): Rendered {
  const id = turn.id ?? fakeId('msg');
  const events: Rendered['events'] = [];
  const emit = (type: string, payload: Record<string, unknown> = {}) =>
    events.push({ event: type, data: { type, ...payload } });
  const content: Record<string, unknown>[] = [];
  const base = { id, type: 'message', role: 'assistant', model, stop_sequence: null };
  emit('message_start', {
    message: {
      ...base,
      content: [],
      stop_reason: null,
      usage: { input_tokens: 10, output_tokens: 1 },
    },
  });
  emit('ping');
  const block = (
    start: Record<string, unknown>,
    deltas: Record<string, unknown>[],
    final: Record<string, unknown>,
  ) => {
    const index = content.length;
    emit('content_block_start', { index, content_block: start });
    for (const delta of deltas) emit('content_block_delta', { index, delta });
    emit('content_block_stop', { index });
    content.push(final);
  };
  if (turn.reasoning?.length) {
    const thinking = turn.reasoning.join('\n\n');
    block(
      { type: 'thinking', thinking: '', signature: '' },
      [
        ...textDeltas(thinking).map((delta) => ({ type: 'thinking_delta', thinking: delta })),
        { type: 'signature_delta', signature: 'fake-signature' },
      ],
      { type: 'thinking', thinking, signature: 'fake-signature' },
    );
  }
  if (turn.text !== undefined) {
    const text = fullText(turn);
    block(
      { type: 'text', text: '' },
      textDeltas(turn.text).map((delta) => ({ type: 'text_delta', text: delta })),
      { type: 'text', text },
    );
  }
  for (const call of turn.toolCalls ?? []) {
    const callId = call.id ?? fakeId('toolu');
    const json = argumentsJson(call);
    const half = Math.ceil(json.length / 2);
    block(
      { type: 'tool_use', id: callId, name: call.name, input: {} },
      [json.slice(0, half), json.slice(half)]
        .filter((part) => part !== '')
        .map((partial_json) => ({ type: 'input_json_delta', partial_json })),
      { type: 'tool_use', id: callId, name: call.name, input: JSON.parse(json) as unknown },
    );
  }
  const stop_reason = turn.toolCalls?.length ? 'tool_use' : 'end_turn';
  emit('message_delta', {
    delta: { stop_reason, stop_sequence: null },
    usage: { output_tokens: 10 },
  });
  emit('message_stop');
  const json = { ...base, content, stop_reason, usage: { input_tokens: 10, output_tokens: 10 } };
  return { events, json };
}
