#!/usr/bin/env node
/* global process, URL */
// `threadline` / `npx threadline`: runs the built CLI (dist/cli.js). A committed launcher, so npm
// links the command at install time even before the first build; on a fresh clone it builds the
// SDK and the app once (progress on stderr, so stdout stays the command's own output).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  process.stderr.write('threadline: first run, building @threadline/server and @threadline/app…\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const built = spawnSync(
    npm,
    ['run', 'build', '-w', '@threadline/server', '-w', '@threadline/app'],
    { cwd: root, stdio: ['ignore', 2, 2] },
  );
  if (built.status !== 0 || !existsSync(cli)) {
    process.stderr.write('threadline: the build failed; run `npm run build` and try again\n');
    process.exit(1);
  }
}
const { runCli } = await import(pathToFileURL(cli).href);
await runCli(process.argv.slice(2));
