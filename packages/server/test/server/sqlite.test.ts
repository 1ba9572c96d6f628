import { SqliteStore } from '../../src/stores/sqlite/index.js';
import type { TestContext } from '../helpers/make-server.js';
import { describeServerConformance } from './conformance.js';

describeServerConformance('SqliteStore', async () => {
  const store = new SqliteStore<TestContext>();
  return { store, cleanup: () => store.close() };
});
