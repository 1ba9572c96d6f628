import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isMainThread } from 'node:worker_threads';

const run = promisify(execFile);
export const REPO_ROOT = new URL('../../../../', import.meta.url).pathname;
export const MAIN_JS = join(REPO_ROOT, 'apps/server/dist/main.js');
export const CLI_JS = join(REPO_ROOT, 'apps/server/dist/cli.js');
const SOURCES = [
  join(REPO_ROOT, 'packages/server/src'),
  join(REPO_ROOT, 'packages/chatkit/src'),
  join(REPO_ROOT, 'apps/server/src'),
];
const STAMP = join(REPO_ROOT, 'apps/server/dist/.build-stamp');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const upToDate = (): boolean =>
  existsSync(STAMP) &&
  existsSync(MAIN_JS) &&
  statSync(STAMP).mtimeMs >= Math.max(...SOURCES.map(newestMtime));

async function build(): Promise<void> {
  for (const project of [
    'packages/server/tsconfig.build.json',
    'apps/server/tsconfig.build.json',
  ]) {
    try {
      await run('npx', ['tsc', '-p', project], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`Build of ${project} failed:\n${stdout ?? ''}${stderr ?? ''}`, {
        cause: error,
      });
    }
  }
  try {
    await run(process.execPath, ['build.mjs'], { cwd: join(REPO_ROOT, 'packages/chatkit') });
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`Build of packages/chatkit failed:\n${stderr ?? ''}`, { cause: error });
  }
  writeFileSync(STAMP, new Date().toISOString());
}

/**
 * Builds `packages/server`, `apps/server` and the `packages/chatkit` bundle (what `npm run build` does) unless the build is newer
 * than every source file. Test files run in parallel workers: one builds, the others wait on a
 * lock directory. Also usable as a vitest `globalSetup`.
 */
export async function ensureBuilt(): Promise<void> {
  if (upToDate()) return;
  const lock = join(REPO_ROOT, 'apps/server/.build-lock');
  const runId = isMainThread ? process.ppid : process.pid;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Someone else builds; a lock older than 10 minutes is stale.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 600_000)
        rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (upToDate()) return;
    }
  }
  try {
    writeFileSync(join(lock, 'owner'), String(runId));
    if (!upToDate()) await build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** vitest globalSetup entry. */
export default async function setup(): Promise<void> {
  await ensureBuilt();
}
