// Bundles a browser test entry with esbuild, in memory, as the package build would.
import { build } from 'esbuild';

export async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** A page that loads `/modules.js` and says when it is ready. */
export const TEST_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>client modules</title>
<script type="module" src="/modules.js"></script></head><body></body></html>`;
