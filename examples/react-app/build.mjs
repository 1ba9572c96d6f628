/* global URL, process, console */
// Bundles the React app (src/main.tsx → dist/app.js) and copies the page. React is built in
// production mode; the ChatKit runtime is not bundled: the page loads it from the Threadline server.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export async function buildExample({ outdir = here('./dist/') } = {}) {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  await build({
    entryPoints: [here('./src/main.tsx')],
    outfile: `${outdir}/app.js`,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    sourcemap: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  await copyFile(here('./index.html'), `${outdir}/index.html`);
  return outdir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outdir = await buildExample();
  console.log(`Built ${outdir}`);
}
