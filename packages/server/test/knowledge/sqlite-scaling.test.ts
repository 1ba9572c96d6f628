import Database from 'better-sqlite3';
import {
  KnowledgeBase,
  normalize,
  queryTerms,
  SqliteKnowledgeBackend,
  type Embedder,
} from '@threadline/server/knowledge';
import { hashEmbedding } from '@threadline/server/testing';
import { describe, expect, it } from 'vitest';
import { makeEvalCorpus } from './eval-corpus.js';

const DIMENSIONS = 64;
const embedder: Embedder = {
  model: 'hash-64',
  embed: async (texts) => texts.map((text) => normalize(hashEmbedding(text, DIMENSIONS))),
};
const vectorOf = (text: string) => normalize(hashEmbedding(text, DIMENSIONS));

async function base(database: Database.Database, options: { ivfProbes?: number } = {}) {
  const backend = new SqliteKnowledgeBackend({ database, tablePrefix: 'kb_', ...options });
  const kb = new KnowledgeBase({ backend, embedder });
  await kb.listCollections();
  return { backend, kb };
}

// The shortcuts that keep query cost sub-linear (IVF clusters, keyword candidates from the rarer
// terms) against the exact searches they replace.
describe('SQLite knowledge search at scale', () => {
  it('partitions vectors into IVF clusters; probing them all is exact, probing a few finds most neighbours', async () => {
    const database = new Database(':memory:');
    const { backend, kb } = await base(database);
    const c = await kb.createCollection({ name: 'docs' });
    const { documents, questions } = makeEvalCorpus(120, 40, 5);
    for (const doc of documents.slice(0, 110)) await kb.ingest(c.id, doc);
    const exact = new Map<string, string[]>();
    for (const { question } of questions) {
      exact.set(
        question,
        (await backend.vectorSearch(vectorOf(question), [c.id], undefined, 10)).map((h) => h.id),
      );
    }

    backend.trainIvf();
    const clusters = database
      .prepare('SELECT count(DISTINCT cluster) AS n FROM kb_ivf_vectors')
      .get() as { n: number };
    expect(clusters.n).toBeGreaterThan(8);
    // A document added after training goes to its nearest cluster and is found.
    for (const doc of documents.slice(110)) await kb.ingest(c.id, doc);
    const late = questions.find((q) => documents.slice(110).some((d) => d.source === q.source))!;
    const lateHits = await kb.search(late.question, { owner: 'admin', mode: 'vector', limit: 10 });
    expect(lateHits.some((p) => p.source === late.source)).toBe(true);

    // Another connection's backend loads the centroids; with every cluster probed it is exact.
    const everything = await base(database, { ivfProbes: 1000 });
    const few = await base(database, { ivfProbes: 4 });
    let overlap = 0;
    for (const { question } of questions) {
      const want = exact.get(question)!;
      const all = await everything.backend.vectorSearch(vectorOf(question), [c.id], undefined, 10);
      // The late documents may now be nearer; everything found before is still ranked the same.
      expect(all.map((h) => h.id).filter((id) => want.includes(id))).toEqual(
        want.filter((id) => all.some((h) => h.id === id)),
      );
      const some = await few.backend.vectorSearch(vectorOf(question), [c.id], undefined, 10);
      const top = all.slice(0, 5).map((h) => h.id);
      overlap += some.slice(0, 5).filter((h) => top.includes(h.id)).length / 5;
    }
    expect(overlap / questions.length).toBeGreaterThan(0.6);
    expect(overlap / questions.length).toBeLessThanOrEqual(1);

    // Deleting a document removes its vectors from their clusters.
    const doc = (await kb.listDocuments(c.id))[0]!;
    await kb.deleteDocument(doc.id);
    const after = await kb.search(doc.title, { owner: 'admin', mode: 'vector', limit: 20 });
    expect(after.some((p) => p.documentId === doc.id)).toBe(false);
    await kb.close();
  });

  it('moves a base written before IVF (a vec0 table without clusters) into cluster 0', async () => {
    const database = new Database(':memory:');
    const { backend, kb } = await base(database);
    const c = await kb.createCollection({ name: 'docs' });
    const { documents, questions } = makeEvalCorpus(10, 5, 9);
    for (const doc of documents) await kb.ingest(c.id, doc);
    const before = await backend.vectorSearch(
      vectorOf(questions[0]!.question),
      [c.id],
      undefined,
      5,
    );
    // The old layout: `vectors` without the cluster partition key.
    database.exec(`
      CREATE VIRTUAL TABLE kb_vectors USING vec0(collection_id text, embedding float[${DIMENSIONS}] distance_metric=cosine);
      INSERT INTO kb_vectors (rowid, collection_id, embedding) SELECT rowid, collection_id, embedding FROM kb_ivf_vectors;
      DROP TABLE kb_ivf_vectors;
    `);
    const reopened = await base(database);
    const after = await reopened.backend.vectorSearch(
      vectorOf(questions[0]!.question),
      [c.id],
      undefined,
      5,
    );
    expect(after).toEqual(before);
    expect(database.prepare(`SELECT name FROM sqlite_master WHERE name = 'kb_vectors'`).get()).toBe(
      undefined,
    );
  });

  it('rebuilds the vector table with small vec0 chunks when it trains, keeping every vector', async () => {
    const database = new Database(':memory:');
    const { kb } = await base(database);
    const c = await kb.createCollection({ name: 'docs' });
    const { documents, questions } = makeEvalCorpus(40, 5, 3);
    for (const doc of documents) await kb.ingest(c.id, doc);
    // A table as an older version created it: vec0's default chunk size (1024 vectors).
    database.exec(`
      CREATE TEMP TABLE saved AS SELECT rowid AS r, cluster, collection_id, embedding FROM kb_ivf_vectors;
      DROP TABLE kb_ivf_vectors;
      CREATE VIRTUAL TABLE kb_ivf_vectors USING vec0(cluster integer partition key, collection_id text, embedding float[${DIMENSIONS}] distance_metric=cosine);
      INSERT INTO kb_ivf_vectors (rowid, cluster, collection_id, embedding) SELECT r, cluster, collection_id, embedding FROM saved;
    `);
    const tableSql = () =>
      (
        database.prepare(`SELECT sql FROM sqlite_master WHERE name = 'kb_ivf_vectors'`).get() as {
          sql: string;
        }
      ).sql;
    expect(tableSql()).not.toContain('chunk_size');
    const reopened = await base(database, { ivfProbes: 1000 });
    const query = vectorOf(questions[0]!.question);
    const before = await reopened.backend.vectorSearch(query, [c.id], undefined, 5);
    reopened.backend.trainIvf();
    expect(tableSql()).toContain('chunk_size=128');
    const { n } = database.prepare('SELECT count(*) AS n FROM kb_ivf_vectors').get() as {
      n: number;
    };
    expect(n).toBe(await reopened.backend.countChunks());
    // Every cluster probed: the same exact neighbours as before the rebuild.
    expect(await reopened.backend.vectorSearch(query, [c.id], undefined, 5)).toEqual(before);
  });

  it('takes keyword candidates from the rarer terms and scores them with every term, as the exact search does', async () => {
    const database = new Database(':memory:');
    const exact = new SqliteKnowledgeBackend({ database, tablePrefix: 'kb_', vectors: false });
    const bounded = new SqliteKnowledgeBackend({
      database,
      tablePrefix: 'kb_',
      vectors: false,
      keywordBudget: 20,
    });
    const kb = new KnowledgeBase({ backend: exact });
    const c = await kb.createCollection({ name: 'docs' });
    await bounded.init();
    const { documents, questions } = makeEvalCorpus(120, 60, 11);
    for (const doc of documents) await kb.ingest(c.id, doc);
    let same = 0;
    let fewer = 0;
    for (const { question } of questions) {
      const terms = queryTerms(question);
      const want = await exact.keywordSearch(terms, [c.id], undefined, 50, 5);
      const got = await bounded.keywordSearch(terms, [c.id], undefined, 50, 5);
      expect(got.length).toBeGreaterThanOrEqual(Math.min(5, want.length));
      if (got.length < want.length) fewer++;
      // A candidate's score is its full BM25 over every term, whichever query found it.
      const exactScore = new Map(want.map((h) => [h.id, h.score.toFixed(9)]));
      const shared = got.filter((h) => exactScore.has(h.id));
      expect(shared.length).toBeGreaterThan(0);
      expect(shared.map((h) => h.score.toFixed(9))).toEqual(
        shared.map((h) => exactScore.get(h.id)),
      );
      if (got.slice(0, 5).every((h, i) => h.id === want[i]?.id)) same++;
    }
    expect(fewer).toBeGreaterThan(questions.length / 2);
    // Fewer candidates than the exact search (the budget bites), the same top five nearly always.
    expect(same / questions.length).toBeGreaterThan(0.9);
  });
});
