import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresStore } from '@threadline/server/stores/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createStore, type AppStore } from '../../src/store.js';
import { DATABASE_URL, freshSchema } from '../helpers/pg.js';

/** DATABASE_* pool settings reach the `pg` pool the app's store runs on. */
describe('PostgreSQL pool from settings', () => {
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  let app: AppStore;
  let pool: PostgresStore['pool'];

  beforeAll(async () => {
    schema = await freshSchema();
    const dir = mkdtempSync(join(tmpdir(), 'threadline-pool-'));
    const config = loadConfig(
      {},
      {
        DATABASE_URL,
        DATABASE_SCHEMA: schema.schema,
        DATABASE_POOL_MAX: '2',
        DATABASE_IDLE_TIMEOUT_MS: '300',
        DATABASE_CONNECT_TIMEOUT_MS: '1500',
        DATABASE_STATEMENT_TIMEOUT_MS: '2500',
      },
      dir,
    );
    app = createStore(config);
    expect(app.store).toBeInstanceOf(PostgresStore);
    pool = (app.store as PostgresStore).pool;
    await app.migrate();
  });
  afterAll(async () => {
    await app?.close();
    await schema?.drop();
  });

  it('passes size and timeouts to pg', () => {
    expect(pool.options).toMatchObject({
      max: 2,
      idleTimeoutMillis: 300,
      connectionTimeoutMillis: 1_500,
      statement_timeout: 2_500,
    });
  });

  it('never opens more than DATABASE_POOL_MAX connections and closes idle ones', async () => {
    let peak = 0;
    const busy = Array.from({ length: 5 }, async () => {
      const client = await pool.connect();
      peak = Math.max(peak, pool.totalCount);
      try {
        await client.query('SELECT pg_sleep(0.05)');
      } finally {
        client.release();
      }
    });
    await Promise.all(busy);
    expect(peak).toBe(2);
    expect(pool.totalCount).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(pool.totalCount).toBe(0);
  });

  it('enforces DATABASE_STATEMENT_TIMEOUT_MS on the server', async () => {
    await expect(pool.query('SELECT pg_sleep(4)')).rejects.toThrow(/statement timeout/);
  });
});
