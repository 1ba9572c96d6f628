import { MemoryStore } from '../../src/stores/memory/index.js';
import type { TestContext } from '../helpers/make-server.js';
import { describeServerConformance } from './conformance.js';

describeServerConformance('MemoryStore', async () => ({ store: new MemoryStore<TestContext>() }));
