import { ConfigurationError } from '../../errors.js';
import type { TableNames } from './tables.js';

/**
 * One forward-only schema change. Versions are applied in ascending order, each exactly once,
 * inside the migration transaction of the store (which holds a cross-process lock: SQLite
 * `BEGIN IMMEDIATE`, PostgreSQL `pg_advisory_xact_lock`).
 */
export interface Migration {
  version: number;
  name: string;
  /** One or more `;`-separated statements. */
  up: string;
}

/** DDL of the bookkeeping table; valid in SQLite and PostgreSQL. */
export const createMigrationsTableSql = (t: TableNames): string =>
  `CREATE TABLE IF NOT EXISTS ${t.migrations} (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`;

export const selectAppliedVersionsSql = (t: TableNames): string =>
  `SELECT version FROM ${t.migrations} ORDER BY version`;

export const recordMigrationSql = (t: TableNames): string =>
  `INSERT INTO ${t.migrations} (version, name, applied_at) VALUES (:version, :name, :applied_at)`;

/**
 * The migrations still to apply, in version order. Throws if the database is newer than this code
 * (a version we do not know was applied): running an old release against a newer schema is unsafe.
 */
export function pendingMigrations(
  migrations: readonly Migration[],
  applied: Iterable<number | string>,
): Migration[] {
  const known = new Set(migrations.map((m) => m.version));
  const done = new Set<number>();
  for (const version of applied) done.add(Number(version));
  for (const version of done) {
    if (!known.has(version)) {
      throw new ConfigurationError(
        `The database schema has migration ${version}, which this version of Threadline does not know; upgrade Threadline`,
      );
    }
  }
  return migrations.filter((m) => !done.has(m.version)).sort((a, b) => a.version - b.version);
}

/** Parameters recording one applied migration (see `recordMigrationSql`). */
export const migrationRecord = (
  m: Migration,
): { version: number; name: string; applied_at: string } => ({
  version: m.version,
  name: m.name,
  applied_at: new Date().toISOString(),
});
