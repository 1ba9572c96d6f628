/**
 * Runs this example under real `next dev` for tests: the route, `tsconfig.json` and
 * `package.json` are copied into a temporary project (Next writes `.next/` and `next-env.d.ts`
 * into the project, which must not dirty the repository), with the repository's `node_modules`
 * linked in so `next`, React and TypeScript resolve as installed.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const REPO_ROOT = join(HERE, '../..');
const NEXT_BIN = join(REPO_ROOT, 'node_modules/next/dist/bin/next');

export interface NextApp {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Everything `next` printed so far. */
  output(): string;
  stop(): Promise<void>;
}

export async function startNextDev(
  env: Record<string, string>,
  { timeoutMs = 120_000 } = {},
): Promise<NextApp> {
  const dir = mkdtempSync(join(tmpdir(), 'threadline-next-'));
  for (const entry of ['app', 'tsconfig.json', 'package.json'])
    cpSync(join(HERE, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  // Its own process group: `next dev` forks a server process, and stop() ends both.
  const child = spawn(
    process.execPath,
    [NEXT_BIN, 'dev', '--port', '0', '--hostname', '127.0.0.1'],
    {
      cwd: dir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        NEXT_TELEMETRY_DISABLED: '1',
        ...env,
      },
    },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`next dev did not start:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const local = /Local:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (local) {
        clearTimeout(timer);
        resolve(local[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`next dev exited:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null)
        process.kill(-child.pid!, 'SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
