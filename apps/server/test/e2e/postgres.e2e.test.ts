import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_JS, ensureBuilt } from '../helpers/build.js';
import { runToExit, startChildServer, type ChildServer } from '../helpers/child-server.js';
import { DATABASE_URL, freshSchema } from '../helpers/pg.js';
import { assertIsolation, exerciseAllOperations } from '../helpers/scenarios.js';
import { JWT_SECRET } from '../helpers/tokens.js';
import { httpCall } from './http-client.js';

describe('built server over HTTP (PostgreSQL via DATABASE_URL)', () => {
  let server: ChildServer;
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  beforeAll(async () => {
    schema = await freshSchema(); // fails, never skips, when PostgreSQL is down
    await ensureBuilt();
    server = await startChildServer(
      {
        DATABASE_URL,
        DATABASE_SCHEMA: schema.schema,
        THREADLINE_AUTH: 'jwt',
        JWT_SECRET,
        THREADLINE_DEMO_DELAY_MS: '0',
        CHATKIT_UPLOAD_STRATEGY: 'disabled',
      },
      ['--demo'],
    );
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    await schema?.drop();
  });

  it('runs its migrations into the configured schema and says so', async () => {
    const banner = server.logs.find((l) => String(l.msg).startsWith('Threadline listening on'))!;
    expect(banner.store).toBe(`PostgreSQL (127.0.0.1:5432/test, schema ${schema.schema})`);
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
        [schema.schema],
      );
      expect(rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining(['threadline_threads', 'threadline_items']),
      );
    } finally {
      await client.end();
    }
  });

  it('serves every operation and isolates users', async () => {
    const call = httpCall(server.url);
    await exerciseAllOperations(call, 'pat');
    await assertIsolation(call, 'pat', 'eve');
  });

  it('threadline migrate is idempotent against the same schema', async () => {
    const res = await runToExit(CLI_JS, ['migrate'], {
      DATABASE_URL,
      DATABASE_SCHEMA: schema.schema,
    });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(
      `Migrated PostgreSQL (127.0.0.1:5432/test, schema ${schema.schema})`,
    );
  });
});
