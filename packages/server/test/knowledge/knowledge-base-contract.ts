import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBackend } from '@threadline/server/knowledge';
import { KnowledgeBase, OpenAIEmbedder, type Passage } from '@threadline/server/knowledge';
import { startHashEmbeddingServer, type HashEmbeddingServer } from '@threadline/server/testing';

const alice = { userId: 'alice' };
const bob = { userId: 'bob' };

const handbook = `# Handbook

## Holidays
Everyone gets 25 days of paid holiday per year. Unused days carry over until March.

## Expenses
Submit receipts within 30 days through the expenses portal. Travel is reimbursed at cost.
`;

const sources = (passages: Passage[]): string[] => passages.map((p) => p.source);

/**
 * The behaviour every backend must have. `makeBackend(vectors)` returns a fresh, empty backend
 * (keyword-only when `vectors` is false, where the backend can be).
 */
export function knowledgeBaseContract(
  name: string,
  makeBackend: (vectors: boolean) => Promise<KnowledgeBackend>,
): void {
  let embeddings: HashEmbeddingServer;
  beforeAll(async () => {
    embeddings = await startHashEmbeddingServer({ dimensions: 128 });
  });
  afterAll(async () => {
    await embeddings.close();
  });

  describe(`KnowledgeBase on ${name}, keyword only`, () => {
    it('ingests, searches by BM25 with sections, re-ingests, and deletes', async () => {
      const kb = new KnowledgeBase({ backend: await makeBackend(false) });
      const docs = await kb.createCollection({ name: 'docs' });
      expect(docs.visibility).toBe('public');
      const first = await kb.ingest(docs.id, { source: 'handbook.md', text: handbook });
      expect(first).toMatchObject({ status: 'added', chunks: 2, embedded: 0 });
      expect(first.document.title).toBe('Handbook');

      const hits = await kb.search('how many holiday days', { owner: alice });
      expect(hits[0]).toMatchObject({
        source: 'handbook.md',
        title: 'Handbook',
        section: 'Handbook > Holidays',
      });
      expect(hits[0]!.text).toContain('25 days');
      expect(hits[0]!.keywordRank).toBe(1);

      const again = await kb.ingest(docs.id, { source: 'handbook.md', text: handbook });
      expect(again.status).toBe('unchanged');
      expect(again.document.id).toBe(first.document.id);

      const changed = await kb.ingest(docs.id, {
        source: 'handbook.md',
        text: handbook.replace('25 days', '28 days').replace(/## Expenses[\s\S]*/, ''),
      });
      expect(changed).toMatchObject({ status: 'updated', chunks: 1 });
      expect(await kb.backend.countChunks()).toBe(1);
      expect((await kb.search('holiday', { owner: alice }))[0]!.text).toContain('28 days');
      expect(await kb.search('receipts expenses', { owner: alice })).toEqual([]);

      await kb.deleteDocument(first.document.id);
      expect(await kb.backend.countChunks()).toBe(0);
      expect(await kb.search('holiday', { owner: alice })).toEqual([]);
      expect(await kb.listDocuments(docs.id)).toEqual([]);
    });

    it('searches only collections the owner may read', async () => {
      const kb = new KnowledgeBase({ backend: await makeBackend(false) });
      const shared = await kb.createCollection({ name: 'shared' });
      const mine = await kb.createCollection({ name: 'notes', owner: alice });
      const acme = await kb.createCollection({
        name: 'acme',
        visibility: 'public',
        tenantId: 'acme',
      });
      await kb.ingest(shared.id, { source: 'a.txt', text: 'The office opens at nine.' });
      await kb.ingest(mine.id, { source: 'b.txt', text: 'My secret office locker code is 4711.' });
      await kb.ingest(acme.id, { source: 'c.txt', text: 'Acme office parking is on level two.' });

      expect(sources(await kb.search('office', { owner: alice, limit: 10 })).sort()).toEqual([
        'a.txt',
        'b.txt',
      ]);
      expect(sources(await kb.search('office', { owner: bob, limit: 10 }))).toEqual(['a.txt']);
      // Asking for alice's collection by name or id does not open it to bob.
      expect(await kb.search('locker', { owner: bob, collections: ['notes', mine.id] })).toEqual(
        [],
      );
      // The same user id in another tenant is another owner.
      expect(
        sources(
          await kb.search('office', { owner: { userId: 'alice', tenantId: 'acme' }, limit: 10 }),
        ).sort(),
      ).toEqual(['a.txt', 'c.txt']);
      expect(
        await kb.getPassage((await kb.search('locker', { owner: alice }))[0]!.id, bob),
      ).toBeNull();
      expect((await kb.listCollections(bob)).map((c) => c.name)).toEqual(['shared']);

      await kb.deleteCollection(mine.id);
      expect(await kb.search('locker', { owner: alice })).toEqual([]);
    });

    it('applies metadata filters', async () => {
      const kb = new KnowledgeBase({ backend: await makeBackend(false) });
      const c = await kb.createCollection({ name: 'docs' });
      await kb.ingest(c.id, {
        source: 'old.txt',
        text: 'Refund policy v1.',
        updatedAt: '2024-01-01T00:00:00Z',
        metadata: { lang: 'en' },
      });
      await kb.ingest(c.id, {
        source: 'new.txt',
        text: 'Refund policy v2.',
        updatedAt: '2026-01-01T00:00:00Z',
        metadata: { lang: 'de' },
      });
      expect(
        sources(await kb.search('refund', { owner: alice, filter: { metadata: { lang: 'de' } } })),
      ).toEqual(['new.txt']);
      expect(
        sources(
          await kb.search('refund', {
            owner: alice,
            filter: { updatedBefore: '2025-01-01T00:00:00Z' },
          }),
        ),
      ).toEqual(['old.txt']);
      expect(
        sources(await kb.search('refund', { owner: alice, filter: { sources: ['new.txt'] } })),
      ).toEqual(['new.txt']);
    });
  });

  describe(`KnowledgeBase on ${name} with vectors`, () => {
    it('embeds in batches, retries 429, caches by content hash, and searches hybrid', async () => {
      const embedder = new OpenAIEmbedder({
        baseURL: embeddings.baseURL,
        model: 'hash-128',
        batchSize: 2,
        initialBackoffMs: 1,
      });
      const kb = new KnowledgeBase({ backend: await makeBackend(true), embedder });
      const c = await kb.createCollection({ name: 'docs' });
      const text = Array.from(
        { length: 5 },
        (_, i) => `## Topic ${i}\nParagraph about subject number ${i} and zebra${i}.`,
      ).join('\n\n');
      embeddings.requests.length = 0;
      embeddings.failNext(2);
      const result = await kb.ingest(c.id, { source: 'topics.md', text });
      expect(result).toMatchObject({ chunks: 5, embedded: 5, cached: 0 });
      // 5 inputs in batches of 2 = 3 successful requests, after two refused ones.
      expect(embeddings.requests.map((r) => r.status)).toEqual([429, 429, 200, 200, 200]);
      expect(embeddings.requests.filter((r) => r.status === 200).map((r) => r.inputs)).toEqual([
        2, 2, 1,
      ]);

      // A second source with one identical section: only the new text is embedded.
      embeddings.requests.length = 0;
      const copy = await kb.ingest(c.id, {
        source: 'copy.md',
        text: `${text}\n\n## Extra\nBrand new words.`,
        title: 'topics',
      });
      expect(copy).toMatchObject({ chunks: 6, embedded: 1, cached: 5 });
      expect(embeddings.requests).toEqual([{ inputs: 1, status: 200 }]);

      const vector = await kb.search('zebra3', { owner: alice, mode: 'vector', limit: 3 });
      expect(vector[0]!.section).toBe('Topic 3');
      expect(vector[0]!.vectorRank).toBe(1);
      const hybrid = await kb.search('subject number 3 zebra3', { owner: alice });
      expect(hybrid[0]!.section).toBe('Topic 3');
      expect(hybrid[0]!.keywordRank).toBeDefined();
      expect(hybrid[0]!.vectorRank).toBeDefined();
      // Fused scores are reciprocal-rank sums: at most 2/61.
      expect(hybrid[0]!.score).toBeLessThanOrEqual(2 / 61);

      // Deleting removes the vectors too.
      await kb.deleteDocument(result.document.id);
      await kb.deleteDocument(copy.document.id);
      expect(await kb.search('zebra3', { owner: alice, mode: 'vector' })).toEqual([]);
    });

    it('gives the reranker the candidates and keeps its order', async () => {
      const embedder = new OpenAIEmbedder({ baseURL: embeddings.baseURL, model: 'hash-128' });
      const seen: number[] = [];
      const kb = new KnowledgeBase({
        backend: await makeBackend(true),
        embedder,
        reranker: async (_query, passages) => {
          seen.push(passages.length);
          return [...passages].reverse();
        },
      });
      const c = await kb.createCollection({ name: 'docs' });
      for (let i = 0; i < 8; i++)
        await kb.ingest(c.id, { source: `d${i}.txt`, text: `shared term plus item ${i}` });
      const plain = await kb.search('shared term', { owner: alice, limit: 8, mode: 'keyword' });
      const reranked = await kb.search('shared term', { owner: alice, limit: 3, mode: 'keyword' });
      expect(seen).toEqual([8, 8]);
      // The reranker saw all eight BM25 candidates and its (reversed) order is what comes back.
      expect(plain.map((p) => p.keywordRank)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
      expect(sources(reranked)).toEqual(sources(plain).slice(0, 3));
    });
  });
}
