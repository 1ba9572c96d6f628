import { isStreamingResult } from '../src/index.js';
import { pumpFrames } from '../src/http/frame-pump.js';
import type { ThreadStreamEvent } from '../src/protocol/index.js';
import { alternate, fmt, printTable, ratio } from './bench-kit.js';
import { assistantTurn, BENCH_CONTEXT, createBody, DeltaServer } from './scripted-deltas.js';

const DELTAS = 10_000;
/** The chunk size both sides write: the handler's largest group. */
const CHUNK_CHARS = 16 * 1024;

/**
 * (a) The in-process pipeline: `process()` of a create whose `respond` streams one assistant
 * message of 10,000 text deltas, grouped and encoded as the HTTP handler writes them, against the
 * floor: `JSON.stringify` of each event framed as a string, encoded once per chunk of the same
 * size. Target: within 1.15× of the floor.
 */
export async function runPipelineBench(): Promise<void> {
  const events = [...assistantTurn('thr_bench', DELTAS)] as ThreadStreamEvent[];
  const frames = events.length + 3; // + thread.created, the user message, stream_options
  const server = new DeltaServer(DELTAS);
  const encoder = new TextEncoder();
  const [floorMs, pipelineMs] = await alternate(
    15,
    async () => {
      let bytes = 0;
      let chunk = '';
      for (const event of events) {
        chunk += `data: ${JSON.stringify(event)}\n\n`;
        if (chunk.length >= CHUNK_CHARS) {
          bytes += encoder.encode(chunk).byteLength;
          chunk = '';
        }
      }
      bytes += encoder.encode(chunk).byteLength;
      if (bytes === 0) throw new Error('nothing encoded');
    },
    async () => {
      const result = await server.process(createBody, BENCH_CONTEXT);
      if (!isStreamingResult(result)) throw new Error('expected a stream');
      let bytes = 0;
      await pumpFrames(result[Symbol.asyncIterator](), {
        stopped: false,
        write: (chunk) => {
          bytes += encoder.encode(chunk).byteLength;
          return true;
        },
        ready: () => Promise.resolve(),
      });
      if (bytes < DELTAS * 100) throw new Error(`only ${bytes} bytes`);
    },
  );

  printTable(
    `pipeline: one assistant message of ${fmt(DELTAS)} deltas (CPU time, median of 15 alternating rounds)`,
    [
      {
        case: 'floor: stringify + framing, encoded once per 16 KiB chunk',
        'CPU ms': fmt(floorMs, 2),
        'events/CPU-s': fmt((events.length / floorMs) * 1000),
      },
      {
        case: 'ChatKitServer.process → grouped, encoded chunks',
        'CPU ms': fmt(pipelineMs, 2),
        'events/CPU-s': fmt((frames / pipelineMs) * 1000),
        'vs floor': ratio(pipelineMs, floorMs),
      },
    ],
  );
}
