// Bundles the browser runtime: one ES module entry (dist/chatkit.js) plus lazy chunks under dist/chunks/.
import { rm } from 'node:fs/promises';
import { build } from 'esbuild';

// Chunk names carry content hashes: start from an empty dist so stale chunks are not served or counted.
await rm('dist', { recursive: true, force: true });

await build({
  entryPoints: { chatkit: 'src/index.ts' },
  bundle: true,
  format: 'esm',
  splitting: true,
  minify: true,
  sourcemap: true,
  target: 'es2022',
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  // KaTeX fonts travel as files next to the chunks (src/markdown/katex-fonts.ts).
  assetNames: 'assets/[name]-[hash]',
  loader: { '.woff2': 'file' },
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
});
