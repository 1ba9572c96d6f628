/**
 * What `process()` returns for the six streaming ops: SSE frames, one string (`data: …\n\n`) per
 * event; the HTTP layer encodes each written chunk once.
 */
export interface StreamingResult {
  readonly kind: 'stream';
  readonly stream: AsyncIterable<string>;
  [Symbol.asyncIterator](): AsyncIterator<string>;
}

/** What `process()` returns for the ten JSON ops: the serialized body (chatkit-python `NonStreamingResult.json`). */
export interface JsonResult {
  readonly kind: 'json';
  readonly json: string;
}

export type ProcessResult = StreamingResult | JsonResult;

export function streamingResult(stream: AsyncIterable<string>): StreamingResult {
  return {
    kind: 'stream',
    stream,
    [Symbol.asyncIterator]: () => stream[Symbol.asyncIterator](),
  };
}

export const jsonResult = (json: string): JsonResult => ({ kind: 'json', json });

export const isStreamingResult = (result: ProcessResult): result is StreamingResult =>
  result.kind === 'stream';
