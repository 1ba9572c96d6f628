/** @module In-memory `Store` for tests and prototypes. No dependencies. */
export { MemoryStore, type MemoryStoreOptions } from './memory-store.js';
