// Worker entry: Node 20 does not apply `--import tsx` to a worker's entry module, so register
// tsx's loader here and load the TypeScript worker through it.
import { register } from 'tsx/esm/api';

register();
await import('./http-bench-worker.ts');
