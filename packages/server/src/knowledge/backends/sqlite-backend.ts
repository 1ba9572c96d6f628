import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { ConfigurationError } from '../../errors.js';
import type { Chunk, Collection, KnowledgeDocument, SearchFilter } from '../types.js';
import type { KnowledgeBackend, PassageRow, RankedId } from './backend.js';
import {
  clusterCount,
  IVF_MIN_VECTORS,
  IVF_PROBES,
  nearestCentroid,
  probedClusters,
  trainCentroids,
} from './ivf.js';
import {
  collectionFromRow,
  documentFromRow,
  type CollectionRow,
  type DocumentRow,
} from './rows.js';

/** Options of {@link SqliteKnowledgeBackend}. */
export interface SqliteKnowledgeBackendOptions {
  /** Database file (parent directory created). Defaults to `':memory:'`. */
  path?: string;
  /** An open connection to use instead; `close()` leaves it open. */
  database?: BetterSqlite3.Database;
  /** Prefix of every table. Defaults to `'threadline_kb_'`. */
  tablePrefix?: string;
  /** Load `sqlite-vec` for vector search. Default true; without it the base is keyword-only. */
  vectors?: boolean;
  /**
   * IVF clusters a vector search scans once the base has been partitioned (from 4096 vectors on).
   * Default 16; more finds more of the exact nearest neighbours at a higher cost.
   */
  ivfProbes?: number;
  /**
   * Rows the rarer terms of a keyword query may match before the commoner terms stop adding
   * candidates of their own (they still score the candidates). Default 2000.
   */
  keywordBudget?: number;
}

const PREFIX = /^[A-Za-z_][A-Za-z0-9_]{0,40}$/;
/** Rows the rarer query terms may match before the commoner ones stop adding candidates. */
const KEYWORD_CANDIDATE_BUDGET = 2000;
/** vec0's largest k; vector candidates beyond it are not needed for a top-N answer. */
const MAX_KNN = 4096;
/**
 * Vectors per `vec0` storage chunk. A KNN query reads every chunk of each probed partition whole,
 * and a partition (IVF cluster) holds a few hundred vectors: with vec0's default of 1024 slots most
 * of each chunk read is empty, and that read was most of a query's time (vector p50 halved at 10k).
 */
const VEC0_CHUNK_SIZE = 128;

interface ChunkIdRow {
  id: string;
  score: number;
}

/** A filter as SQL over `d` (documents) with its parameters. */
function filterSql(filter: SearchFilter | undefined): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (!filter) return { sql: '', params };
  if (filter.documentIds) {
    clauses.push(`d.id IN (${filter.documentIds.map(() => '?').join(',') || 'NULL'})`);
    params.push(...filter.documentIds);
  }
  if (filter.sources) {
    clauses.push(`d.source IN (${filter.sources.map(() => '?').join(',') || 'NULL'})`);
    params.push(...filter.sources);
  }
  if (filter.updatedAfter) {
    clauses.push('d.updated_at >= ?');
    params.push(filter.updatedAfter);
  }
  if (filter.updatedBefore) {
    clauses.push('d.updated_at <= ?');
    params.push(filter.updatedBefore);
  }
  for (const [key, value] of Object.entries(filter.metadata ?? {})) {
    clauses.push('json_extract(d.metadata, ?) = ?');
    params.push(`$."${key.replace(/"/g, '')}"`, value);
  }
  return { sql: clauses.map((clause) => ` AND ${clause}`).join(''), params };
}

const toFloat32 = (blob: Buffer): Float32Array =>
  new Float32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));
const toBlob = (vector: Float32Array): Buffer =>
  Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);

const quoteTerm = (term: string): string => `"${term.replace(/"/g, '""')}"`;
const placeholders = (count: number): string => new Array(count).fill('?').join(',');

/**
 * Knowledge storage in SQLite: FTS5 with BM25 for keywords (Porter-stemmed, title and section
 * weighted above body text), `sqlite-vec` for exact cosine search when vectors are stored.
 */
export class SqliteKnowledgeBackend implements KnowledgeBackend {
  readonly kind = 'sqlite';
  private db!: BetterSqlite3.Database;
  private readonly owned: boolean;
  private readonly t: (name: string) => string;
  private vecLoaded = false;
  private dimensions: number | null = null;
  /** IVF centroids (null: not trained yet, every vector in cluster 0) and their version. */
  private centroids: Float32Array[] | null = null;
  private centroidsVersion: string | null = null;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(private readonly options: SqliteKnowledgeBackendOptions = {}) {
    const prefix = options.tablePrefix ?? 'threadline_kb_';
    if (!PREFIX.test(prefix)) throw new ConfigurationError(`Invalid table prefix "${prefix}"`);
    this.t = (name) => `${prefix}${name}`;
    this.owned = options.database === undefined;
  }

  get supportsVectors(): boolean {
    return this.vecLoaded;
  }

  /** The open connection (for tests and tools that share it). */
  get database(): BetterSqlite3.Database {
    return this.db;
  }

  async init(): Promise<void> {
    if (this.db) return;
    if (this.options.database) this.db = this.options.database;
    else {
      const { default: Database } = await import('better-sqlite3');
      const path = this.options.path ?? ':memory:';
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      this.db = new Database(path);
      if (path !== ':memory:') {
        this.db.pragma('journal_mode = WAL');
        this.db.pragma('synchronous = NORMAL');
        this.db.pragma('busy_timeout = 5000');
      }
    }
    if (this.options.vectors !== false) {
      const sqliteVec = await import('sqlite-vec');
      sqliteVec.load(this.db);
      this.vecLoaded = true;
    }
    const t = this.t;
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS ${t('meta')} (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS ${t('collections')} (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, visibility TEXT NOT NULL,
        owner_user TEXT, owner_tenant TEXT, tenant_id TEXT, description TEXT, created_at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS ${t('documents')} (
        id TEXT PRIMARY KEY, collection_id TEXT NOT NULL, source TEXT NOT NULL, title TEXT NOT NULL,
        updated_at TEXT NOT NULL, content_hash TEXT NOT NULL, chunk_count INTEGER NOT NULL,
        metadata TEXT NOT NULL DEFAULT '{}', UNIQUE (collection_id, source)
      );
      CREATE TABLE IF NOT EXISTS ${t('chunks')} (
        rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, document_id TEXT NOT NULL,
        collection_id TEXT NOT NULL, ordinal INTEGER NOT NULL, section TEXT NOT NULL,
        text TEXT NOT NULL, content_hash TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS ${t('chunks_document')} ON ${t('chunks')} (document_id);
      CREATE VIRTUAL TABLE IF NOT EXISTS ${t('chunks_fts')} USING fts5(
        title, section, text, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2'
      );
      CREATE TABLE IF NOT EXISTS ${t('embedding_cache')} (
        model TEXT NOT NULL, hash TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (model, hash)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS ${t('ivf_centroids')} (id INTEGER PRIMARY KEY, vector BLOB NOT NULL);
    `);
    const dims = this.db
      .prepare<[], { value: string }>(`SELECT value FROM ${t('meta')} WHERE key = 'dimensions'`)
      .get();
    this.dimensions = dims ? Number(dims.value) : null;
    if (this.dimensions !== null && this.vecLoaded) this.migrateVectorTable(this.dimensions);
  }

  /** A statement prepared once per connection (searches run the same few SQL texts). */
  private stmt<P extends unknown[] = unknown[], R = unknown>(
    sql: string,
  ): BetterSqlite3.Statement<P, R> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement as unknown as BetterSqlite3.Statement<P, R>;
  }

  /** The vec0 table of a base written before IVF (no cluster column) becomes cluster 0 of the new one. */
  private migrateVectorTable(dimensions: number): void {
    const exists = (name: string): boolean =>
      this.db.prepare(`SELECT 1 FROM sqlite_master WHERE name = ?`).get(this.t(name)) !== undefined;
    if (exists('ivf_vectors') || !exists('vectors')) return;
    this.db.transaction(() => {
      this.createVectorTable(dimensions);
      this.db.exec(
        `INSERT INTO ${this.t('ivf_vectors')} (rowid, cluster, collection_id, embedding)
         SELECT rowid, 0, collection_id, embedding FROM ${this.t('vectors')};
         DROP TABLE ${this.t('vectors')};`,
      );
    })();
  }

  private createVectorTable(dimensions: number): void {
    // `cluster` is the IVF partition (see ivf.ts): a query scans only the probed clusters.
    this.db.exec(
      `CREATE VIRTUAL TABLE IF NOT EXISTS ${this.t('ivf_vectors')} USING vec0(cluster integer partition key, collection_id text, embedding float[${dimensions}] distance_metric=cosine, chunk_size=${VEC0_CHUNK_SIZE})`,
    );
  }

  /** The current IVF centroids (reloaded when another connection retrained them). */
  private currentCentroids(): Float32Array[] | null {
    const row = this.stmt<[], { value: string }>(
      `SELECT value FROM ${this.t('meta')} WHERE key = 'ivf_version'`,
    ).get();
    const version = row?.value ?? null;
    if (version !== this.centroidsVersion) {
      const rows = this.stmt<[], { vector: Buffer }>(
        `SELECT vector FROM ${this.t('ivf_centroids')} ORDER BY id`,
      ).all();
      this.centroids = rows.length > 0 ? rows.map((r) => toFloat32(r.vector)) : null;
      this.centroidsVersion = version;
    }
    return this.centroids;
  }

  /**
   * Retrains the IVF centroids when the number of vectors has doubled since the last training
   * (from IVF_MIN_VECTORS on) and moves every vector to its new cluster: amortized, each vector
   * is reassigned a bounded number of times as the base grows.
   */
  private maybeTrain(): void {
    if (this.dimensions === null) return;
    const { n } = this.stmt<[], { n: number }>(
      `SELECT count(*) AS n FROM ${this.t('chunks')}`,
    ).get()!;
    const trainedAt = Number(
      this.stmt<[], { value: string }>(
        `SELECT value FROM ${this.t('meta')} WHERE key = 'ivf_trained_at'`,
      ).get()?.value ?? 0,
    );
    if (n < IVF_MIN_VECTORS || n < trainedAt * 2) return;
    this.trainIvf();
  }

  /** Trains centroids on the stored vectors and reassigns every vector to its nearest one. */
  trainIvf(): void {
    const rows = this.db
      .prepare<[], { rowid: number; collection_id: string; embedding: Buffer }>(
        `SELECT rowid, collection_id, embedding FROM ${this.t('ivf_vectors')}`,
      )
      .all();
    if (rows.length === 0) return;
    const vectors = rows.map((row) => toFloat32(row.embedding));
    const centroids = trainCentroids(vectors, clusterCount(rows.length));
    const insertCentroid = this.db.prepare(
      `INSERT INTO ${this.t('ivf_centroids')} (id, vector) VALUES (?, ?)`,
    );
    const setMeta = this.db.prepare(
      `INSERT OR REPLACE INTO ${this.t('meta')} (key, value) VALUES (?, ?)`,
    );
    this.db.transaction(() => {
      this.db.exec(`DELETE FROM ${this.t('ivf_centroids')}`);
      centroids.forEach((centroid, id) => insertCentroid.run(id, toBlob(centroid)));
      // Every vector moves, so the table is rebuilt rather than updated row by row: this also
      // gives a table created by an older version the current chunk size.
      this.db.exec(`DROP TABLE ${this.t('ivf_vectors')}`);
      this.createVectorTable(vectors[0]!.length);
      const insert = this.db.prepare(
        `INSERT INTO ${this.t('ivf_vectors')} (rowid, cluster, collection_id, embedding) VALUES (?, ?, ?, ?)`,
      );
      rows.forEach((row, index) => {
        const vector = vectors[index]!;
        insert.run(
          BigInt(row.rowid),
          BigInt(nearestCentroid(vector, centroids)),
          row.collection_id,
          vector,
        );
      });
      setMeta.run('ivf_trained_at', String(rows.length));
      setMeta.run('ivf_version', `${Date.now()}-${rows.length}`);
    })();
  }

  async close(): Promise<void> {
    if (this.owned && this.db) this.db.close();
  }

  /** Creates the vector table on the first vectors, fixing its dimension. */
  private ensureVectorTable(dimensions: number): void {
    if (!this.vecLoaded) throw new ConfigurationError('Vectors need sqlite-vec (vectors: true)');
    if (this.dimensions === dimensions) return;
    if (this.dimensions !== null) {
      throw new ConfigurationError(
        `This knowledge base stores ${this.dimensions}-dimensional vectors; the embedder returned ${dimensions}. Use a new database (or table prefix) for another embedding model.`,
      );
    }
    this.createVectorTable(dimensions);
    this.db
      .prepare(`INSERT OR REPLACE INTO ${this.t('meta')} (key, value) VALUES ('dimensions', ?)`)
      .run(String(dimensions));
    this.dimensions = dimensions;
  }

  async insertCollection(c: Collection): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO ${this.t('collections')} (id, name, visibility, owner_user, owner_tenant, tenant_id, description, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        c.id,
        c.name,
        c.visibility,
        c.owner?.userId ?? null,
        c.owner?.tenantId ?? null,
        c.tenantId,
        c.description,
        c.createdAt,
      );
  }

  async listCollections(): Promise<Collection[]> {
    return this.db
      .prepare<[], CollectionRow>(`SELECT * FROM ${this.t('collections')} ORDER BY created_at, id`)
      .all()
      .map(collectionFromRow);
  }

  async deleteCollection(id: string): Promise<void> {
    const documents = this.db
      .prepare<[string], { id: string }>(
        `SELECT id FROM ${this.t('documents')} WHERE collection_id = ?`,
      )
      .all(id);
    this.db.transaction(() => {
      for (const document of documents) this.removeDocument(document.id);
      this.db.prepare(`DELETE FROM ${this.t('collections')} WHERE id = ?`).run(id);
    })();
  }

  async findDocument(collectionId: string, source: string): Promise<KnowledgeDocument | null> {
    const row = this.db
      .prepare<[string, string], DocumentRow>(
        `SELECT * FROM ${this.t('documents')} WHERE collection_id = ? AND source = ?`,
      )
      .get(collectionId, source);
    return row ? documentFromRow(row) : null;
  }

  async getDocument(id: string): Promise<KnowledgeDocument | null> {
    const row = this.db
      .prepare<[string], DocumentRow>(`SELECT * FROM ${this.t('documents')} WHERE id = ?`)
      .get(id);
    return row ? documentFromRow(row) : null;
  }

  async listDocuments(collectionId: string): Promise<KnowledgeDocument[]> {
    return this.db
      .prepare<[string], DocumentRow>(
        `SELECT * FROM ${this.t('documents')} WHERE collection_id = ? ORDER BY source`,
      )
      .all(collectionId)
      .map(documentFromRow);
  }

  /** Deletes a document's chunks, their FTS rows and vectors (inside the caller's transaction). */
  private removeChunks(documentId: string): void {
    const rowids = this.db
      .prepare<[string], { rowid: number }>(
        `SELECT rowid FROM ${this.t('chunks')} WHERE document_id = ?`,
      )
      .all(documentId);
    const deleteFts = this.db.prepare(`DELETE FROM ${this.t('chunks_fts')} WHERE rowid = ?`);
    const deleteVector =
      this.dimensions !== null
        ? this.db.prepare(`DELETE FROM ${this.t('ivf_vectors')} WHERE rowid = ?`)
        : null;
    for (const { rowid } of rowids) {
      deleteFts.run(rowid);
      deleteVector?.run(BigInt(rowid));
    }
    this.db.prepare(`DELETE FROM ${this.t('chunks')} WHERE document_id = ?`).run(documentId);
  }

  private removeDocument(id: string): void {
    this.removeChunks(id);
    this.db.prepare(`DELETE FROM ${this.t('documents')} WHERE id = ?`).run(id);
  }

  async replaceDocument(
    document: KnowledgeDocument,
    chunks: Chunk[],
    vectors: Float32Array[] | null,
  ): Promise<void> {
    if (vectors && vectors.length > 0) this.ensureVectorTable(vectors[0]!.length);
    const insertChunk = this.db.prepare(
      `INSERT INTO ${this.t('chunks')} (id, document_id, collection_id, ordinal, section, text, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertFts = this.db.prepare(
      `INSERT INTO ${this.t('chunks_fts')} (rowid, title, section, text) VALUES (?, ?, ?, ?)`,
    );
    const insertVector = vectors
      ? this.db.prepare(
          `INSERT INTO ${this.t('ivf_vectors')} (rowid, cluster, collection_id, embedding) VALUES (?, ?, ?, ?)`,
        )
      : null;
    const centroids = vectors ? this.currentCentroids() : null;
    this.db.transaction(() => {
      this.removeChunks(document.id);
      this.writeDocument(document);
      chunks.forEach((chunk, index) => {
        const { lastInsertRowid } = insertChunk.run(
          chunk.id,
          chunk.documentId,
          chunk.collectionId,
          chunk.ordinal,
          chunk.section,
          chunk.text,
          chunk.contentHash,
        );
        insertFts.run(lastInsertRowid, document.title, chunk.section, chunk.text);
        const vector = vectors?.[index];
        if (insertVector && vector) {
          const cluster = centroids ? nearestCentroid(vector, centroids) : 0;
          insertVector.run(BigInt(lastInsertRowid), BigInt(cluster), chunk.collectionId, vector);
        }
      });
    })();
    if (vectors) this.maybeTrain();
  }

  private writeDocument(d: KnowledgeDocument): void {
    this.db
      .prepare(
        `INSERT INTO ${this.t('documents')} (id, collection_id, source, title, updated_at, content_hash, chunk_count, metadata)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, updated_at = excluded.updated_at,
           content_hash = excluded.content_hash, chunk_count = excluded.chunk_count, metadata = excluded.metadata`,
      )
      .run(
        d.id,
        d.collectionId,
        d.source,
        d.title,
        d.updatedAt,
        d.contentHash,
        d.chunkCount,
        JSON.stringify(d.metadata),
      );
  }

  async updateDocument(document: KnowledgeDocument): Promise<void> {
    this.writeDocument(document);
  }

  async deleteDocument(id: string): Promise<void> {
    this.db.transaction(() => this.removeDocument(id))();
  }

  async keywordSearch(
    terms: string[],
    collectionIds: string[],
    filter: SearchFilter | undefined,
    limit: number,
    wanted = limit,
  ): Promise<RankedId[]> {
    if (terms.length === 0 || collectionIds.length === 0) return [];
    const matches = this.candidateMatches(terms, Math.min(wanted, limit));
    const lists = matches.map((match) => this.rankedMatches(match, collectionIds, filter, limit));
    const merged = lists.length === 1 ? lists[0]! : lists.flat().sort((a, b) => a.score - b.score);
    // FTS5's bm25() is negative (lower is better); report it the usual way round.
    return merged.slice(0, limit).map((row) => ({ id: row.id, score: -row.score }));
  }

  /**
   * The FTS5 queries whose matches are the candidates: every term OR-ed, unless some terms are
   * common. Then the candidates are the rows holding a rarer term (posting lists adding up to
   * KEYWORD_CANDIDATE_BUDGET rows, and at least the `wanted` passages), split in two queries —
   * `rare AND common` and `rare NOT common` — so FTS5 walks only the rare terms' rows and seeks in
   * the common ones, while bm25() still scores every term (both queries hold all of them, and a
   * term a row lacks adds nothing). Rows holding only common terms are left out: what BM25 gives
   * them is small, and scoring them is what made common words cost time linear in the corpus.
   */
  private candidateMatches(terms: string[], wanted: number): string[] {
    const all = terms.map(quoteTerm).join(' OR ');
    if (terms.length < 2) return [all];
    const fts = this.t('chunks_fts');
    const count = this.stmt<[string], { n: number }>(
      `SELECT count(*) AS n FROM ${fts} WHERE ${fts} MATCH ?`,
    );
    const frequencies = terms
      .map((term) => ({ term, rows: count.get(quoteTerm(term))!.n }))
      .filter((entry) => entry.rows > 0)
      .sort((a, b) => a.rows - b.rows);
    let covered = 0;
    let rare = 0;
    while (
      rare < frequencies.length &&
      (covered < wanted ||
        covered + frequencies[rare]!.rows <=
          (this.options.keywordBudget ?? KEYWORD_CANDIDATE_BUDGET))
    ) {
      covered += frequencies[rare]!.rows;
      rare++;
    }
    if (rare === 0 || rare === frequencies.length) return [all];
    const or = (entries: typeof frequencies) => entries.map((e) => quoteTerm(e.term)).join(' OR ');
    const rareTerms = or(frequencies.slice(0, rare));
    const commonTerms = or(frequencies.slice(rare));
    return [`(${rareTerms}) AND (${commonTerms})`, `(${rareTerms}) NOT (${commonTerms})`];
  }

  /** The best `limit` rows of one FTS5 query in the given collections, by bm25 (negative). */
  private rankedMatches(
    match: string,
    collectionIds: string[],
    filter: SearchFilter | undefined,
    limit: number,
  ): ChunkIdRow[] {
    const where = filterSql(filter);
    const needsDocuments = where.sql !== '';
    const fts = this.t('chunks_fts');
    if (!needsDocuments && this.coversAllCollections(collectionIds)) {
      // Nothing to filter: FTS5 ranks inside the index (`ORDER BY rank LIMIT`) and only the top
      // rows are joined, instead of joining and sorting every match.
      return this.stmt<[string, number], ChunkIdRow>(
        `SELECT c.id AS id, r.rank AS score FROM (
           SELECT rowid, rank FROM ${fts} WHERE ${fts} MATCH ? AND rank MATCH 'bm25(2.0, 1.5, 1.0)'
           ORDER BY rank LIMIT ?
         ) r JOIN ${this.t('chunks')} c ON c.rowid = r.rowid ORDER BY r.rank`,
      ).all(match, limit);
    }
    return this.stmt<unknown[], ChunkIdRow>(
      `SELECT c.id AS id, bm25(${fts}, 2.0, 1.5, 1.0) AS score
       FROM ${fts} f JOIN ${this.t('chunks')} c ON c.rowid = f.rowid
       ${needsDocuments ? `JOIN ${this.t('documents')} d ON d.id = c.document_id` : ''}
       WHERE ${fts} MATCH ? AND c.collection_id IN (${placeholders(collectionIds.length)})${where.sql}
       ORDER BY score LIMIT ?`,
    ).all(match, ...collectionIds, ...where.params, limit);
  }

  /** Whether `collectionIds` (distinct) name every collection, so no collection filter is needed. */
  private coversAllCollections(collectionIds: string[]): boolean {
    const { n } = this.stmt<[], { n: number }>(
      `SELECT count(*) AS n FROM ${this.t('collections')}`,
    ).get()!;
    return new Set(collectionIds).size >= n;
  }

  async vectorSearch(
    vector: Float32Array,
    collectionIds: string[],
    filter: SearchFilter | undefined,
    limit: number,
  ): Promise<RankedId[]> {
    if (this.dimensions === null || collectionIds.length === 0) return [];
    if (vector.length !== this.dimensions) {
      throw new ConfigurationError(
        `Query vector has ${vector.length} dimensions; the store holds ${this.dimensions}`,
      );
    }
    const where = filterSql(filter);
    const centroids = this.currentCentroids();
    const probes = this.options.ivfProbes ?? IVF_PROBES;
    const clusters =
      centroids && probes < centroids.length ? probedClusters(vector, centroids, probes) : [];
    const clusterSql =
      clusters.length > 0 ? ` AND cluster IN (${placeholders(clusters.length)})` : '';
    const vectors = this.t('ivf_vectors');
    if (where.sql === '' && this.coversAllCollections(collectionIds)) {
      // Nothing to filter: a KNN scan of the probed clusters (each returns its k nearest; the
      // outer ORDER BY merges them), without comparing every row's collection.
      const k = Math.min(MAX_KNN, limit);
      const top = this.stmt<unknown[], ChunkIdRow>(
        `SELECT c.id AS id, knn.distance AS score FROM (
           SELECT rowid, distance FROM ${vectors} WHERE embedding MATCH ? AND k = ?${clusterSql}
         ) knn JOIN ${this.t('chunks')} c ON c.rowid = knn.rowid ORDER BY knn.distance LIMIT ?`,
      ).all(vector, k, ...clusters, k);
      return top.map((row) => ({ id: row.id, score: 1 - row.score }));
    }
    // Document filters apply after the k nearest are found, so fetch more candidates then.
    const k = Math.min(MAX_KNN, where.sql === '' ? limit : limit * 10);
    const rows = this.stmt<unknown[], ChunkIdRow>(
      `WITH knn AS (
         SELECT rowid, distance FROM ${vectors}
         WHERE embedding MATCH ? AND k = ?${clusterSql} AND collection_id IN (${placeholders(collectionIds.length)})
       )
       SELECT c.id AS id, knn.distance AS score FROM knn JOIN ${this.t('chunks')} c ON c.rowid = knn.rowid
       JOIN ${this.t('documents')} d ON d.id = c.document_id
       WHERE 1 = 1${where.sql} ORDER BY knn.distance LIMIT ?`,
    ).all(vector, k, ...clusters, ...collectionIds, ...where.params, limit);
    return rows.map((row) => ({ id: row.id, score: 1 - row.score }));
  }

  async getPassages(ids: string[]): Promise<Map<string, PassageRow>> {
    const out = new Map<string, PassageRow>();
    if (ids.length === 0) return out;
    const rows = this.db
      .prepare<string[], Record<string, string>>(
        `SELECT c.id, c.document_id, c.collection_id, k.name AS collection_name, d.title, d.source, c.section, c.text, d.updated_at, d.metadata
         FROM ${this.t('chunks')} c JOIN ${this.t('documents')} d ON d.id = c.document_id
         JOIN ${this.t('collections')} k ON k.id = c.collection_id WHERE c.id IN (${placeholders(ids.length)})`,
      )
      .all(...ids);
    for (const row of rows) {
      out.set(row.id!, {
        id: row.id!,
        documentId: row.document_id!,
        collectionId: row.collection_id!,
        collectionName: row.collection_name!,
        title: row.title!,
        source: row.source!,
        section: row.section!,
        text: row.text!,
        updatedAt: row.updated_at!,
        metadata: JSON.parse(row.metadata!) as Record<string, string>,
      });
    }
    return out;
  }

  async countChunks(): Promise<number> {
    return this.db
      .prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${this.t('chunks')}`)
      .get()!.n;
  }

  async getCachedEmbeddings(model: string, hashes: string[]): Promise<Map<string, Float32Array>> {
    const out = new Map<string, Float32Array>();
    const select = this.db.prepare<[string, string], { vector: Buffer }>(
      `SELECT vector FROM ${this.t('embedding_cache')} WHERE model = ? AND hash = ?`,
    );
    for (const hash of new Set(hashes)) {
      const row = select.get(model, hash);
      if (row)
        out.set(
          hash,
          new Float32Array(
            row.vector.buffer.slice(
              row.vector.byteOffset,
              row.vector.byteOffset + row.vector.byteLength,
            ),
          ),
        );
    }
    return out;
  }

  async putCachedEmbeddings(model: string, entries: Array<[string, Float32Array]>): Promise<void> {
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO ${this.t('embedding_cache')} (model, hash, vector) VALUES (?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const [hash, vector] of entries)
        insert.run(model, hash, Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength));
    })();
  }
}
