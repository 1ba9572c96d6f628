/** @module `Store` on SQLite (`SqliteStore`). Needs the optional peer `better-sqlite3`. */
export { SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
