/**
 * `npm run bench`: every benchmark prints a baseline measured in the same run and the ratio to
 * it, since absolute speed drifts between machines. Select with BENCH=pipeline,http,stores,agents,knowledge;
 * BENCH_SCALE shrinks the store data set for a quick run.
 */
import { runAgentsBench } from './agents.bench.js';
import { runHttpBench } from './http.bench.js';
import { runKnowledgeBench } from './knowledge.bench.js';
import { runPipelineBench } from './pipeline.bench.js';
import { runStoreBench } from './stores.bench.js';

const selected = new Set((process.env.BENCH ?? 'pipeline,http,stores,agents,knowledge').split(','));
console.log(`Threadline benchmarks · node ${process.version} · ${new Date().toISOString()}`);

if (selected.has('pipeline')) await runPipelineBench();
if (selected.has('http')) await runHttpBench();
if (selected.has('stores')) await runStoreBench();
if (selected.has('agents')) await runAgentsBench();
if (selected.has('knowledge')) await runKnowledgeBench();
