import { MemoryStore } from '../../src/stores/memory/index.js';
import type { TestContext } from './fixtures.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('MemoryStore', async () => ({
  store: new MemoryStore<TestContext>(),
  cleanup: async () => {},
}));
