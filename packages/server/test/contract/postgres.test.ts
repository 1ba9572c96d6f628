import type { Pool } from 'pg';
import { afterAll } from 'vitest';
import { PostgresStore } from '../../src/stores/postgres/index.js';
import type { TestContext } from './fixtures.js';
import { connectPool, dropSchema, uniqueSchema } from './pg-database.js';
import { describeStoreContract } from './store-contract.js';

// One schema for this file, fresh tables (a new prefix) for every test.
const schema = uniqueSchema('contract');
let pool: Pool | undefined;
let tests = 0;

describeStoreContract('PostgresStore', async () => {
  pool ??= await connectPool();
  const store = new PostgresStore<TestContext>({ pool, schema, tablePrefix: `t${++tests}_` });
  return { store, cleanup: () => store.close() };
});

afterAll(async () => {
  if (pool) await dropSchema(pool, schema);
  await pool?.end();
});
