import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './child-server.js';

const run = promisify(execFile);
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const PG_UID = 'postgres';

/** A private PostgreSQL cluster in a temp dir, on its own port, that a test may stop and freeze. */
export interface TempCluster {
  url: string;
  port: number;
  start(): Promise<void>;
  /** `pg_ctl stop -m fast`: connections are terminated, then refused. */
  stop(): Promise<void>;
  /** SIGSTOP (`freeze`) or SIGCONT (`thaw`) the postmaster and all its children. */
  freeze(): Promise<void>;
  thaw(): Promise<void>;
  /** Ends the cluster whatever its state and removes its directory. */
  destroy(): Promise<void>;
}

// Tests run as root; initdb and postgres refuse to, so they run as the postgres OS user.
const asPostgres = (bin: string, args: string[]) =>
  run('runuser', ['-u', PG_UID, '--', join(PG_BIN, bin), ...args], { timeout: 60_000 });

export async function startTempCluster(): Promise<TempCluster> {
  const root = mkdtempSync(join(tmpdir(), 'threadline-pg-'));
  const { stdout: ids } = await run('id', ['-u', PG_UID]);
  const { stdout: gids } = await run('id', ['-g', PG_UID]);
  chownSync(root, Number(ids.trim()), Number(gids.trim()));
  const data = join(root, 'data');
  const port = await freePort();
  await asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${root} -c fsync=off`;

  const postmasterPid = (): number | undefined => {
    try {
      return Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    } catch {
      return undefined;
    }
  };
  const familyPids = async (): Promise<number[]> => {
    const pid = postmasterPid();
    if (pid === undefined) return [];
    const { stdout } = await run('ps', ['-o', 'pid=', '--ppid', String(pid)]).catch(() => ({
      stdout: '',
    }));
    return [pid, ...stdout.split(/\s+/).filter(Boolean).map(Number)];
  };
  const signal = async (sig: NodeJS.Signals) => {
    for (const pid of await familyPids()) {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
  };

  const cluster: TempCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start: async () => {
      await asPostgres('pg_ctl', [
        '-D',
        data,
        '-o',
        options,
        '-l',
        join(root, 'log'),
        '-w',
        'start',
      ]);
    },
    stop: async () => {
      await asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    freeze: () => signal('SIGSTOP'),
    thaw: () => signal('SIGCONT'),
    destroy: async () => {
      await signal('SIGCONT');
      await asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() =>
        signal('SIGKILL'),
      );
      rmSync(root, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}
