/** @module `Store` on PostgreSQL (`PostgresStore`). Needs the optional peer `pg`. */
export { PostgresStore, type PostgresStoreOptions } from './postgres-store.js';
