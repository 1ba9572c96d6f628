import type { TableNames } from './tables.js';

/*
 * Thread leases: at most one turn per thread at a time, across processes sharing the database.
 * The table is created on first use (`CREATE TABLE IF NOT EXISTS`) rather than by a numbered
 * migration, so it adds nothing an older release would refuse. A lease expires unless its holder
 * renews it, so a crashed process releases its threads after the lease time (docs/crash-safety.md).
 */

export const leasesTableSql = (t: TableNames): string => `
  CREATE TABLE IF NOT EXISTS ${t.leases} (
    thread_id TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_ms BIGINT NOT NULL
  )`;

/** Takes the lease when it is free, expired, or already ours (a renewal); returns a row if taken. */
export const acquireLeaseSql = (t: TableNames): string => `
  INSERT INTO ${t.leases} AS l (thread_id, holder, expires_ms)
  VALUES (:thread_id, :holder, CAST(:expires_ms AS BIGINT))
  ON CONFLICT (thread_id) DO UPDATE SET holder = excluded.holder, expires_ms = excluded.expires_ms
  WHERE l.holder = excluded.holder OR l.expires_ms < CAST(:now_ms AS BIGINT)
  RETURNING thread_id`;

export const releaseLeaseSql = (t: TableNames): string =>
  `DELETE FROM ${t.leases} WHERE thread_id = :thread_id AND holder = :holder`;
