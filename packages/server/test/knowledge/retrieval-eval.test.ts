import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KnowledgeBase,
  OpenAIEmbedder,
  SqliteKnowledgeBackend,
  type SearchMode,
} from '@threadline/server/knowledge';
import { startHashEmbeddingServer, type HashEmbeddingServer } from '@threadline/server/testing';
import { makeEvalCorpus, score } from './eval-corpus.js';

// The vectors come from the hashed local embedding server: lexical features (words, bigrams,
// character 4-grams), not a semantic model, since no small embedding model ships in npm for
// Node 20 here. The vector and hybrid figures measure the plumbing, not semantic recall.
const { documents, questions } = makeEvalCorpus(240, 120);
let server: HashEmbeddingServer;
let kb: KnowledgeBase;
/** Measured: keyword 1.000 / 0.816, vector 0.717 / 0.385, hybrid 0.975 / 0.585 (recall@5 / MRR). */
const FLOORS: Record<SearchMode, { recallAtK: number; mrr: number }> = {
  keyword: { recallAtK: 0.95, mrr: 0.75 },
  vector: { recallAtK: 0.65, mrr: 0.33 },
  hybrid: { recallAtK: 0.9, mrr: 0.5 },
};
const results: Record<string, { recallAtK: number; mrr: number }> = {};

beforeAll(async () => {
  server = await startHashEmbeddingServer({ dimensions: 256 });
  kb = new KnowledgeBase({
    backend: new SqliteKnowledgeBackend(),
    embedder: new OpenAIEmbedder({ baseURL: server.baseURL, model: 'hash-256', batchSize: 128 }),
  });
  const collection = await kb.createCollection({ name: 'products' });
  for (const doc of documents)
    await kb.ingest(collection.id, { source: doc.source, text: doc.text });
}, 120_000);
afterAll(async () => {
  await kb.close();
  await server.close();
  console.log(
    `Retrieval evaluation (${documents.length} documents, ${questions.length} questions, hashed lexical embeddings):\n` +
      Object.entries(results)
        .map(
          ([mode, r]) =>
            `  ${mode.padEnd(20)} recall@5 ${r.recallAtK.toFixed(3)}  MRR ${r.mrr.toFixed(3)}`,
        )
        .join('\n'),
  );
});

describe('retrieval evaluation', () => {
  it('has the size the evaluation promises', async () => {
    expect(documents.length).toBeGreaterThanOrEqual(200);
    expect(questions.length).toBeGreaterThanOrEqual(100);
    expect(await kb.backend.countChunks()).toBe(documents.length * 6);
  });

  it.each(['keyword', 'vector', 'hybrid'] as SearchMode[])(
    '%s search finds the answering passage',
    async (mode) => {
      const ranked = [];
      for (const q of questions) {
        ranked.push(await kb.search(q.question, { owner: 'admin', mode, limit: 10 }));
      }
      const result = score(ranked, questions, 5);
      results[mode] = result;
      // Floors under the measured figures (docs/knowledge-base.md), to catch regressions.
      expect(result.recallAtK).toBeGreaterThanOrEqual(FLOORS[mode].recallAtK);
      expect(result.mrr).toBeGreaterThanOrEqual(FLOORS[mode].mrr);
    },
  );
});

// The shortcuts of large bases, forced on this small one: IVF clusters (trained here, normally from
// 4096 vectors on; the default 16 probes of 38 clusters) and keyword candidates from terms matching
// up to 2% of the rows (2,000 of 100k by default). Same questions, same floors. The bench reports
// the figures at 100k chunks, where IVF scans about a sixteenth of the vectors.
describe('retrieval evaluation with the large-base shortcuts', () => {
  it.each(['keyword', 'vector', 'hybrid'] as SearchMode[])(
    '%s search finds the answering passage',
    async (mode) => {
      const backend = new SqliteKnowledgeBackend({
        database: (kb.backend as SqliteKnowledgeBackend).database,
        keywordBudget: Math.round(documents.length * 6 * 0.02),
      });
      const shortcuts = new KnowledgeBase({ backend, embedder: kb.embedder });
      await shortcuts.listCollections();
      backend.trainIvf();
      const ranked = [];
      for (const q of questions) {
        ranked.push(await shortcuts.search(q.question, { owner: 'admin', mode, limit: 10 }));
      }
      const result = score(ranked, questions, 5);
      results[`${mode} (shortcuts)`] = result;
      expect(result.recallAtK).toBeGreaterThanOrEqual(FLOORS[mode].recallAtK);
      expect(result.mrr).toBeGreaterThanOrEqual(FLOORS[mode].mrr);
    },
  );
});
