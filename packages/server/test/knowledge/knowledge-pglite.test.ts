import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresKnowledgeBackend } from '@threadline/server/knowledge';
import { knowledgeBaseContract } from './knowledge-base-contract.js';

// PGlite ships pgvector, which the test PostgreSQL lacks: the same backend SQL, pgvector path.
let db: PGlite;
let counter = 0;
beforeAll(async () => {
  db = await PGlite.create({ extensions: { vector } });
}, 120_000);
afterAll(async () => {
  await db.close();
});

const fresh = async (): Promise<PostgresKnowledgeBackend> =>
  new PostgresKnowledgeBackend({ client: db, schema: `kb_${++counter}` });

knowledgeBaseContract('PGlite + pgvector', fresh);

describe('PostgresKnowledgeBackend on PGlite', () => {
  it('detects pgvector and stores vectors in a vector column', async () => {
    const backend = await fresh();
    await backend.init();
    expect(backend.pgvector).toBe(true);
    const { rows } = await db.query<{ udt_name: string }>(
      `SELECT udt_name FROM information_schema.columns WHERE table_schema = 'kb_${counter}' AND column_name = 'embedding'`,
    );
    expect(rows).toEqual([{ udt_name: 'vector' }]);
  });
});
