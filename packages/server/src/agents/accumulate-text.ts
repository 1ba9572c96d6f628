import type { RunStreamEvent } from '@openai/agents';

/** A streaming-text widget component (`Text` or `Markdown`). */
export interface StreamingTextWidget {
  type: string;
  value: string;
  streaming?: boolean | null | undefined;
}

/**
 * Successive states of a `Text`/`Markdown` widget filled with a run's answer text (chatkit-python
 * `accumulate_text`, §8.7): `baseWidget`, then a copy with the accumulated text after each delta,
 * then a final copy with `streaming: false`. Feed it to `context.streamWidget(...)`.
 *
 * Text comes from the SDK's `output_text_delta` events (every model emits them); a stream made only
 * of raw Responses events (`response.output_text.delta`) works too.
 */
export async function* accumulateText<TWidget extends StreamingTextWidget>(
  events: AsyncIterable<RunStreamEvent>,
  baseWidget: TWidget,
): AsyncGenerator<TWidget, void, undefined> {
  let text = '';
  let sawTextDeltas = false;
  yield baseWidget;
  for await (const event of events) {
    if (event.type !== 'raw_model_stream_event') continue;
    const data = event.data;
    let delta: string | undefined;
    if (data.type === 'output_text_delta') {
      sawTextDeltas = true;
      delta = data.delta;
    } else if (data.type === 'model' && !sawTextDeltas) {
      const raw = data.event as { type?: unknown; delta?: unknown } | undefined;
      if (raw?.type === 'response.output_text.delta' && typeof raw.delta === 'string')
        delta = raw.delta;
    }
    if (delta === undefined) continue;
    text += delta;
    yield { ...baseWidget, value: text };
  }
  yield { ...baseWidget, value: text, streaming: false };
}
