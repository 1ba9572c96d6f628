import type { Migration } from './migrate.js';
import type { TableNames } from './tables.js';

/*
 * Schema shared by the SQLite and PostgreSQL stores. Items, threads and attachments are stored as
 * JSON documents in wire shape (docs/protocol.md §7.4: schema changes of the protocol never break
 * storage); the other columns exist for scoping and ordering only:
 *
 * - `owner`/`tenant`: every query filters on them (`tenant` is '' when the owner has none, so
 *   equality works and indexes cover it).
 * - `created_ms` + `seq`: the sort key. `seq` is strictly increasing per table, so rows created in
 *   the same millisecond keep insertion order; pagination is keyset over `(created_ms, seq)`.
 * - `created_at`: the original timestamp text, kept for humans reading the table.
 *
 * Feedback rows (version 2) have no foreign key to their thread: ratings outlive a deleted thread,
 * so exports keep them.
 *
 * Never edit a released migration: append a new version.
 */

/** SQLite: `seq` is the rowid (AUTOINCREMENT never reuses a value). JSON is TEXT. */
export const sqliteMigrations = (t: TableNames): readonly Migration[] => [
  {
    version: 1,
    name: 'create threads, items, attachments',
    up: `
      CREATE TABLE ${t.threads} (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        owner TEXT NOT NULL,
        tenant TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX ${t.index('threads_owner_created')}
        ON ${t.threads} (owner, tenant, created_ms, seq);
      CREATE TABLE ${t.items} (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        thread_id TEXT NOT NULL,
        id TEXT NOT NULL,
        owner TEXT NOT NULL,
        tenant TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        type TEXT NOT NULL,
        data TEXT NOT NULL,
        UNIQUE (thread_id, id)
      );
      CREATE INDEX ${t.index('items_thread_created')}
        ON ${t.items} (thread_id, created_ms, seq);
      CREATE TABLE ${t.attachments} (
        id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        tenant TEXT NOT NULL DEFAULT '',
        thread_id TEXT,
        created_ms INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX ${t.index('attachments_thread')} ON ${t.attachments} (thread_id);
    `,
  },
  {
    version: 2,
    name: 'create feedback',
    up: `
      CREATE TABLE ${t.feedback} (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        thread_id TEXT NOT NULL,
        item_ids TEXT NOT NULL,
        kind TEXT NOT NULL,
        owner TEXT NOT NULL,
        tenant TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        created_ms INTEGER NOT NULL
      );
      CREATE INDEX ${t.index('feedback_created')} ON ${t.feedback} (created_ms, seq);
    `,
  },
];

/**
 * PostgreSQL: identity columns for `seq`, JSONB documents. Items reference their thread with
 * `ON DELETE CASCADE`: an `addThreadItem` racing a `deleteThread` either lands before the delete
 * (and is cascaded) or fails its foreign-key check (reported as NotFoundError), never orphaned.
 */
export const postgresMigrations = (t: TableNames): readonly Migration[] => [
  {
    version: 1,
    name: 'create threads, items, attachments',
    up: `
      CREATE TABLE ${t.threads} (
        id TEXT PRIMARY KEY,
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        owner TEXT NOT NULL,
        tenant TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        created_ms BIGINT NOT NULL,
        data JSONB NOT NULL
      );
      CREATE INDEX ${t.index('threads_owner_created')}
        ON ${t.threads} (owner, tenant, created_ms, seq);
      CREATE TABLE ${t.items} (
        thread_id TEXT NOT NULL REFERENCES ${t.threads} (id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        owner TEXT NOT NULL,
        tenant TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        created_ms BIGINT NOT NULL,
        type TEXT NOT NULL,
        data JSONB NOT NULL,
        PRIMARY KEY (thread_id, id)
      );
      CREATE INDEX ${t.index('items_thread_created')}
        ON ${t.items} (thread_id, created_ms, seq);
      CREATE TABLE ${t.attachments} (
        id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        tenant TEXT NOT NULL DEFAULT '',
        thread_id TEXT,
        created_ms BIGINT NOT NULL,
        data JSONB NOT NULL
      );
      CREATE INDEX ${t.index('attachments_thread')} ON ${t.attachments} (thread_id);
    `,
  },
  {
    version: 2,
    name: 'create feedback',
    up: `
      CREATE TABLE ${t.feedback} (
        id TEXT PRIMARY KEY,
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        thread_id TEXT NOT NULL,
        item_ids JSONB NOT NULL,
        kind TEXT NOT NULL,
        owner TEXT NOT NULL,
        tenant TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        created_ms BIGINT NOT NULL
      );
      CREATE INDEX ${t.index('feedback_created')} ON ${t.feedback} (created_ms, seq);
    `,
  },
];
