import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';

/** The test database: `DATABASE_URL`, or the local default only when the variable is unset. */
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema name no other test file or run uses. */
export const uniqueSchema = (label: string): string =>
  `tl_${label}_${randomBytes(5).toString('hex')}`;

/**
 * A pool of several connections to the test database. Fails (never skips) when PostgreSQL is
 * unreachable: the first query rejects and the calling test fails with the connection error.
 */
export async function connectPool(max = 10): Promise<Pool> {
  const pool = new Pool({ connectionString: DATABASE_URL, max, connectionTimeoutMillis: 5_000 });
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new Error(`PostgreSQL is unreachable at DATABASE_URL=${DATABASE_URL}`, { cause: error });
  }
  return pool;
}

/** Drops `schema` and everything in it. */
export async function dropSchema(pool: Pool, schema: string): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
