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

const embedder: Embedder = {
  model: 'hash-64',
  embed: async (texts) => texts.map((text) => normalize(hashEmbedding(text, 64))),
};

// An unfiltered search over every collection takes a shorter query than a filtered one; a filter
// that keeps every document must give the same ranking as no filter at all.
describe('SQLite knowledge search without and with filters', () => {
  it('ranks the same on the unfiltered and the filtered path', async () => {
    const backend = new SqliteKnowledgeBackend();
    const kb = new KnowledgeBase({ backend, embedder });
    const c = await kb.createCollection({ name: 'docs' });
    const { documents, questions } = makeEvalCorpus(20, 10, 3);
    for (const doc of documents) await kb.ingest(c.id, doc);
    const everyDocument = { sources: documents.map((doc) => doc.source) };

    for (const { question } of questions) {
      const terms = queryTerms(question);
      const vector = normalize(hashEmbedding(question, 64));
      for (const limit of [3, 200]) {
        const keyword = await backend.keywordSearch(terms, [c.id], undefined, limit);
        const keywordFiltered = await backend.keywordSearch(terms, [c.id], everyDocument, limit);
        const near = await backend.vectorSearch(vector, [c.id], undefined, limit);
        const nearFiltered = await backend.vectorSearch(vector, [c.id], everyDocument, limit);
        expect(keyword.length).toBeGreaterThan(0);
        expect(near.length).toBe(Math.min(limit, await backend.countChunks()));
        // Scores match position by position (ids may swap only between equal scores).
        expect(keyword.map((hit) => hit.score.toFixed(9))).toEqual(
          keywordFiltered.map((hit) => hit.score.toFixed(9)),
        );
        expect(near.map((hit) => hit.score.toFixed(6))).toEqual(
          nearFiltered.map((hit) => hit.score.toFixed(6)),
        );
      }
      const all = await backend.keywordSearch(terms, [c.id], undefined, 200);
      const allFiltered = await backend.keywordSearch(terms, [c.id], everyDocument, 200);
      expect(all.map((hit) => hit.id).sort()).toEqual(allFiltered.map((hit) => hit.id).sort());
    }
    await kb.close();
  });
});
