import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const SITE_DIR = new URL('../site/', import.meta.url).pathname;
const TSC = new URL('../../../node_modules/.bin/tsc', import.meta.url).pathname;

/** Runs a command in the site's directory; a failure carries its output. */
async function inSite(
  file: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<number> {
  const started = Date.now();
  try {
    await run(file, args, {
      cwd: SITE_DIR,
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `${file} ${args.join(' ')} failed in ${SITE_DIR}:\n${stdout ?? ''}${stderr ?? ''}`,
      {
        cause: error,
      },
    );
  }
  return Date.now() - started;
}

/**
 * Installs the site's own dependencies (it is not a root workspace: Docusaurus is ~1,200 packages)
 * unless `node_modules` is newer than the lockfile.
 */
export async function ensureSiteInstalled(): Promise<number> {
  const installed = join(SITE_DIR, 'node_modules/.package-lock.json');
  const lock = join(SITE_DIR, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return 0;
  return inSite('npm', ['ci', '--no-audit', '--no-fund']);
}

/** The site's strict type check (its own tsconfig.json, React and Docusaurus types). */
export const typecheckSite = (): Promise<number> => inSite(TSC, ['-p', 'tsconfig.json']);

/**
 * `docusaurus build` into `outDir`, with the build-time settings in `env` (THREADLINE_URL…).
 * Unminified: minifying is most of the build's time and nothing here depends on it.
 */
export const buildSite = (outDir: string, env: Record<string, string>): Promise<number> =>
  inSite(
    join(SITE_DIR, 'node_modules/.bin/docusaurus'),
    ['build', '--out-dir', outDir, '--no-minify'],
    { ...env, NODE_ENV: 'production' },
  );
