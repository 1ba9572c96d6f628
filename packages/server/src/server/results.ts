/** What `process()` returns for the six streaming ops: SSE frames, one `Uint8Array` per event. */
export interface StreamingResult {
  readonly kind: 'stream';
  readonly stream: AsyncIterable<Uint8Array>;
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array>;
}

/** What `process()` returns for the ten JSON ops: the serialized body (chatkit-python `NonStreamingResult.json`). */
export interface JsonResult {
  readonly kind: 'json';
  readonly json: string;
}

export type ProcessResult = StreamingResult | JsonResult;

export function streamingResult(stream: AsyncIterable<Uint8Array>): StreamingResult {
  return {
    kind: 'stream',
    stream,
    [Symbol.asyncIterator]: () => stream[Symbol.asyncIterator](),
  };
}

export const jsonResult = (json: string): JsonResult => ({ kind: 'json', json });

export const isStreamingResult = (result: ProcessResult): result is StreamingResult =>
  result.kind === 'stream';
