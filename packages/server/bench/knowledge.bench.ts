/**
 * Knowledge base: ingestion rate (documents and chunks per second, without and with embeddings)
 * and query latency (p50/p99 of keyword, vector and hybrid search) at 10k and 100k chunks, on
 * SQLite (FTS5 + sqlite-vec) and PostgreSQL (tsvector + exact real[] scan, no pgvector here).
 * Embeddings come from the in-process hashed embedding (256 dimensions) so the figures measure the
 * knowledge base, not a model server. Prints recall@5 / MRR of the labelled questions at each size
 * (the shortcuts of large bases are approximate) and the 10k → 100k growth of query p50.
 * BENCH_SCALE < 1 shrinks the chunk counts.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  KnowledgeBase,
  normalize,
  PostgresKnowledgeBackend,
  SqliteKnowledgeBackend,
  type Embedder,
  type KnowledgeBackend,
  type SearchMode,
} from '../src/knowledge/index.js';
import { hashEmbedding } from '../src/testing/index.js';
import { makeEvalCorpus, type EvalQuestion } from '../test/knowledge/eval-corpus.js';
import { fmt, gc, percentile, printTable } from './bench-kit.js';

const DIMENSIONS = 256;
const CHUNKS_PER_DOC = 6;
const QUERIES = 200;

/** The hashed embedding in process: deterministic, and free of HTTP and model cost. */
const hashEmbedder: Embedder = {
  model: `hash-${DIMENSIONS}`,
  embed: async (texts) => texts.map((text) => normalize(hashEmbedding(text, DIMENSIONS))),
};

interface Phase {
  backend: string;
  embeddings: boolean;
  chunks: number;
  docsPerSecond: number;
  chunksPerSecond: number;
}

async function ingest(
  kb: KnowledgeBase,
  collectionId: string,
  docs: Array<{ source: string; text: string }>,
): Promise<number> {
  const start = performance.now();
  for (const doc of docs) await kb.ingest(collectionId, doc);
  return performance.now() - start;
}

/** Latency percentiles, and recall@5 / MRR against the questions' labels (document + section). */
async function latencies(
  kb: KnowledgeBase,
  questions: EvalQuestion[],
  mode: SearchMode,
  ingested: ReadonlySet<string>,
): Promise<{ p50: number; p99: number; recall: number; mrr: number }> {
  for (const q of questions.slice(0, 10))
    await kb.search(q.question, { owner: 'admin', mode, limit: 5 });
  const times: number[] = [];
  let hits = 0;
  let reciprocal = 0;
  let answerable = 0;
  for (const q of questions) {
    const start = performance.now();
    const passages = await kb.search(q.question, { owner: 'admin', mode, limit: 5 });
    times.push(performance.now() - start);
    // Quality counts only questions whose document is in the base at this size.
    if (!ingested.has(q.source)) continue;
    answerable++;
    const rank = passages.findIndex(
      (p) => p.source === q.source && p.section.split(' > ').at(-1) === q.section,
    );
    if (rank >= 0) {
      hits++;
      reciprocal += 1 / (rank + 1);
    }
  }
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    recall: hits / answerable,
    mrr: reciprocal / answerable,
  };
}

/** Query p50 by `backend mode target`, for the growth ratios. */
const p50s = new Map<string, number>();
const qualityRows: Record<string, string | number>[] = [];

async function runBackend(
  name: string,
  makeBackend: (tag: string) => KnowledgeBackend,
  targets: number[],
  ingestRows: Phase[],
  queryRows: Record<string, string | number>[],
): Promise<void> {
  const maxDocs = Math.ceil(Math.max(...targets) / CHUNKS_PER_DOC);
  const { documents, questions } = makeEvalCorpus(maxDocs, QUERIES, 7);
  // PostgreSQL without pgvector scans every vector per query: fewer queries there.
  const queryTexts = questions.slice(0, name === 'postgres' ? 50 : QUERIES);

  // Embeddings excluded: a keyword-only base, ingestion rate up to the smallest target.
  {
    const kb = new KnowledgeBase({ backend: makeBackend('kw') });
    const c = await kb.createCollection({ name: 'bench' });
    const docs = documents.slice(0, Math.ceil(targets[0]! / CHUNKS_PER_DOC));
    const ms = await ingest(kb, c.id, docs);
    ingestRows.push({
      backend: name,
      embeddings: false,
      chunks: docs.length * CHUNKS_PER_DOC,
      docsPerSecond: docs.length / (ms / 1000),
      chunksPerSecond: (docs.length * CHUNKS_PER_DOC) / (ms / 1000),
    });
    await kb.close();
  }

  // Embeddings included: grow one base through the targets, measuring queries at each.
  const kb = new KnowledgeBase({ backend: makeBackend('hy'), embedder: hashEmbedder });
  const c = await kb.createCollection({ name: 'bench' });
  let ingested = 0;
  for (const target of targets) {
    const upTo = Math.ceil(target / CHUNKS_PER_DOC);
    const docs = documents.slice(ingested, upTo);
    const ms = await ingest(kb, c.id, docs);
    ingested = upTo;
    ingestRows.push({
      backend: name,
      embeddings: true,
      chunks: docs.length * CHUNKS_PER_DOC,
      docsPerSecond: docs.length / (ms / 1000),
      chunksPerSecond: (docs.length * CHUNKS_PER_DOC) / (ms / 1000),
    });
    gc();
    const chunks = await kb.backend.countChunks();
    const row: Record<string, string | number> = { backend: name, chunks };
    const quality: Record<string, string | number> = { backend: name, chunks };
    for (const mode of ['keyword', 'vector', 'hybrid'] as SearchMode[]) {
      const sources = new Set(documents.slice(0, ingested).map((doc) => doc.source));
      const { p50, p99, recall, mrr } = await latencies(kb, queryTexts, mode, sources);
      row[`${mode} p50 ms`] = fmt(p50, 2);
      row[`${mode} p99 ms`] = fmt(p99, 2);
      quality[`${mode} recall@5`] = recall.toFixed(3);
      quality[`${mode} MRR`] = mrr.toFixed(3);
      p50s.set(`${name} ${mode} ${target}`, p50);
    }
    queryRows.push(row);
    qualityRows.push(quality);
  }
  await kb.close();
}

export async function runKnowledgeBench(): Promise<void> {
  const scale = Math.min(1, Number(process.env.BENCH_SCALE ?? 1));
  const targets = [10_000, 100_000].map((n) => Math.max(600, Math.round(n * scale)));
  const ingestRows: Phase[] = [];
  const queryRows: Record<string, string | number>[] = [];

  await runBackend(
    'sqlite',
    (tag) => new SqliteKnowledgeBackend({ tablePrefix: `bench_${tag}_` }),
    targets,
    ingestRows,
    queryRows,
  );

  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const schemas: string[] = [];
  try {
    await pool.query('SELECT 1');
    // PostgreSQL without pgvector scans every vector: measured at the smaller size only.
    await runBackend(
      'postgres',
      (tag) => {
        const schema = `kb_bench_${tag}_${randomBytes(3).toString('hex')}`;
        schemas.push(schema);
        return new PostgresKnowledgeBackend({ pool, schema });
      },
      targets.slice(0, 1),
      ingestRows,
      queryRows,
    );
  } catch (error) {
    console.log(`(PostgreSQL skipped: ${(error as Error).message})`);
  } finally {
    for (const schema of schemas)
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await pool.end();
  }

  printTable(
    'Knowledge ingestion (in-process hashed embeddings when included)',
    ingestRows.map((r) => ({
      backend: r.backend,
      embeddings: r.embeddings ? 'included' : 'excluded',
      chunks: r.chunks,
      'docs/s': fmt(r.docsPerSecond),
      'chunks/s': fmt(r.chunksPerSecond),
    })),
  );
  printTable(
    `Knowledge query latency (top 5; ${QUERIES} queries on SQLite, 50 on PostgreSQL)`,
    queryRows,
  );
  printTable('Knowledge retrieval quality at bench scale (labelled questions)', qualityRows);
  // Sub-linear: 10× the chunks should cost clearly less than 10× the time.
  const [small, large] = targets;
  printTable(
    `Knowledge query growth (SQLite p50 at ${large} ÷ p50 at ${small} chunks)`,
    (['keyword', 'vector', 'hybrid'] as SearchMode[]).map((mode) => ({
      mode,
      [`p50 ${small}`]: fmt(p50s.get(`sqlite ${mode} ${small}`) ?? NaN, 2),
      [`p50 ${large}`]: fmt(p50s.get(`sqlite ${mode} ${large}`) ?? NaN, 2),
      ratio: fmt(
        (p50s.get(`sqlite ${mode} ${large}`) ?? NaN) / (p50s.get(`sqlite ${mode} ${small}`) ?? NaN),
        2,
      ),
    })),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await runKnowledgeBench();
