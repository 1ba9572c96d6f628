import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresKnowledgeBackend } from '@threadline/server/knowledge';
import { knowledgeBaseContract } from './knowledge-base-contract.js';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const pool = new pg.Pool({ connectionString: url, max: 4 });
const schemas: string[] = [];

afterAll(async () => {
  for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool.end();
});

const fresh = async (): Promise<PostgresKnowledgeBackend> => {
  const schema = `kbtest_${randomBytes(4).toString('hex')}`;
  schemas.push(schema);
  return new PostgresKnowledgeBackend({ pool, schema });
};

// The test server has no pgvector: this runs the tsvector + exact real[] path.
knowledgeBaseContract('PostgreSQL', fresh);

describe('PostgresKnowledgeBackend start-up', () => {
  it('detects that pgvector is missing and falls back to exact search', async () => {
    const backend = await fresh();
    await backend.init();
    expect(backend.pgvector).toBe(false);
  });
});
