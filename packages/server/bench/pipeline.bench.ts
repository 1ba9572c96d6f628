import { isStreamingResult } from '../src/index.js';
import { encodeEvent } from '../src/server/serialize.js';
import type { ThreadStreamEvent } from '../src/protocol/index.js';
import { alternate, fmt, printTable, ratio } from './bench-kit.js';
import { assistantTurn, BENCH_CONTEXT, createBody, DeltaServer } from './scripted-deltas.js';

const DELTAS = 10_000;

/**
 * (a) The in-process pipeline: `process()` of a create whose `respond` streams one assistant
 * message of 10,000 text deltas, frames drained, against a loop that only serializes and encodes
 * the same events. Target: within 1.5× of the baseline.
 */
export async function runPipelineBench(): Promise<void> {
  const events = [...assistantTurn('thr_bench', DELTAS)] as ThreadStreamEvent[];
  const frames = events.length + 3; // + thread.created, the user message, stream_options
  const server = new DeltaServer(DELTAS);
  const [baselineMs, pipelineMs] = await alternate(
    15,
    async () => {
      let bytes = 0;
      for (const event of events) bytes += encodeEvent(event).byteLength;
      if (bytes === 0) throw new Error('nothing encoded');
    },
    async () => {
      const result = await server.process(createBody, BENCH_CONTEXT);
      if (!isStreamingResult(result)) throw new Error('expected a stream');
      let count = 0;
      for await (const frame of result) count += frame.byteLength > 0 ? 1 : 0;
      if (count < DELTAS) throw new Error(`only ${count} frames`);
    },
  );

  printTable(
    `pipeline: one assistant message of ${fmt(DELTAS)} deltas (median of 15 alternating rounds)`,
    [
      {
        case: 'baseline: serialize + encode only',
        ms: fmt(baselineMs, 2),
        'events/s': fmt((events.length / baselineMs) * 1000),
      },
      {
        case: 'ChatKitServer.process → frames',
        ms: fmt(pipelineMs, 2),
        'events/s': fmt((frames / pipelineMs) * 1000),
        'vs baseline': ratio(pipelineMs, baselineMs),
      },
    ],
  );
}
