/** Bundles the example into `outdir` (default `dist/`) and resolves with that directory. */
export function buildExample(options?: { outdir?: string }): Promise<string>;
