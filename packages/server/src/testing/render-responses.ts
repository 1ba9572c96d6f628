import {
  argumentsJson,
  fakeId,
  fullText,
  textDeltas,
  type FakeTurn,
  type Rendered,
} from './fake-turn.js';

/**
 * A turn as an OpenAI Responses API stream (`POST /v1/responses`): response.created/in_progress,
 * then per output item output_item.added → its content events → output_item.done (reasoning
 * summaries, an image generation call with partial images, the message with text deltas and
 * annotations, function calls), then response.completed carrying the whole output.
 */
export function renderResponses(turn: FakeTurn, model: string): Rendered {
  const events: Rendered['events'] = [];
  let sequence = 0;
  const emit = (type: string, payload: Record<string, unknown>) => {
    events.push({ event: type, data: { type, sequence_number: sequence++, ...payload } });
  };
  const response = {
    id: fakeId('resp'),
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    model,
    status: 'in_progress',
    output: [] as unknown[],
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    error: null,
    incomplete_details: null,
    instructions: null,
    metadata: {},
    temperature: 1,
    top_p: 1,
  };
  emit('response.created', { response });
  emit('response.in_progress', { response });
  const output: Record<string, unknown>[] = [];
  const added = (item: Record<string, unknown>) =>
    emit('response.output_item.added', { output_index: output.length, item });
  const done = (item: Record<string, unknown>) => {
    emit('response.output_item.done', { output_index: output.length, item });
    output.push(item);
  };

  if (turn.reasoning?.length) {
    const id = fakeId('rs');
    added({ id, type: 'reasoning', summary: [] });
    turn.reasoning.forEach((text, summary_index) => {
      const at = { item_id: id, output_index: output.length, summary_index };
      emit('response.reasoning_summary_part.added', {
        ...at,
        part: { type: 'summary_text', text: '' },
      });
      for (const delta of textDeltas(text))
        emit('response.reasoning_summary_text.delta', { ...at, delta });
      emit('response.reasoning_summary_text.done', { ...at, text });
      emit('response.reasoning_summary_part.done', { ...at, part: { type: 'summary_text', text } });
    });
    done({
      id,
      type: 'reasoning',
      summary: turn.reasoning.map((text) => ({ type: 'summary_text', text })),
    });
  }

  if (turn.image) {
    const id = fakeId('ig');
    added({ id, type: 'image_generation_call', status: 'in_progress', result: null });
    turn.image.partials?.forEach((partial_image_b64, partial_image_index) => {
      emit('response.image_generation_call.partial_image', {
        item_id: id,
        output_index: output.length,
        partial_image_index,
        partial_image_b64,
      });
    });
    done({ id, type: 'image_generation_call', status: 'completed', result: turn.image.result });
  }

  if (turn.text !== undefined) {
    const id = turn.id ?? fakeId('msg');
    const text = fullText(turn);
    const at = { item_id: id, output_index: output.length, content_index: 0 };
    added({ id, type: 'message', role: 'assistant', status: 'in_progress', content: [] });
    emit('response.content_part.added', {
      ...at,
      part: { type: 'output_text', text: '', annotations: [] },
    });
    for (const delta of textDeltas(turn.text))
      emit('response.output_text.delta', { ...at, delta, logprobs: [] });
    (turn.annotations ?? []).forEach((annotation, annotation_index) => {
      emit('response.output_text.annotation.added', { ...at, annotation_index, annotation });
    });
    emit('response.output_text.done', { ...at, text, logprobs: [] });
    const part = { type: 'output_text', text, annotations: turn.annotations ?? [], logprobs: [] };
    emit('response.content_part.done', { ...at, part });
    done({ id, type: 'message', role: 'assistant', status: 'completed', content: [part] });
  }

  for (const call of turn.toolCalls ?? []) {
    const id = fakeId('fc');
    const args = argumentsJson(call);
    const item = {
      id,
      type: 'function_call',
      call_id: call.id ?? fakeId('call'),
      name: call.name,
      arguments: '',
      status: 'in_progress',
    };
    added(item);
    emit('response.function_call_arguments.delta', {
      item_id: id,
      output_index: output.length,
      delta: args,
    });
    emit('response.function_call_arguments.done', {
      item_id: id,
      output_index: output.length,
      arguments: args,
    });
    done({ ...item, arguments: args, status: 'completed' });
  }

  const completed = {
    ...response,
    status: 'completed',
    output,
    usage: {
      input_tokens: 10,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 10,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 20,
    },
  };
  emit('response.completed', { response: completed });
  return { events, json: completed };
}
