import { SqliteStore } from '../../src/stores/sqlite/index.js';
import type { TestContext } from './fixtures.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('SqliteStore', async () => {
  const store = new SqliteStore<TestContext>();
  return { store, cleanup: () => store.close() };
});
