import { PostgresStore } from '../../src/stores/postgres/index.js';
import { connectPool, dropSchema, uniqueSchema } from '../contract/pg-database.js';
import type { TestContext } from '../helpers/make-server.js';
import { describeServerConformance } from './conformance.js';

// Reads DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); fails, never skips, when
// PostgreSQL is unreachable. One schema for this file, dropped afterwards.
describeServerConformance('PostgresStore', async () => {
  const pool = await connectPool();
  const schema = uniqueSchema('server');
  const store = new PostgresStore<TestContext>({ pool, schema });
  await store.migrate();
  return {
    store,
    cleanup: async () => {
      await store.close();
      await dropSchema(pool, schema);
      await pool.end();
    },
  };
});
