import type { Pool } from 'pg';
import { ConfigurationError } from '../../errors.js';
import type { Chunk, Collection, KnowledgeDocument, SearchFilter } from '../types.js';
import type { KnowledgeBackend, PassageRow, RankedId } from './backend.js';
import {
  collectionFromRow,
  documentFromRow,
  type CollectionRow,
  type DocumentRow,
} from './rows.js';

/** What the backend needs of a PostgreSQL connection: `pg`'s Pool and PGlite both fit. */
export interface SqlQueryable {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Options of {@link PostgresKnowledgeBackend}. */
export interface PostgresKnowledgeBackendOptions {
  /** A `pg` pool to share (`close()` leaves it open). */
  pool?: Pool;
  /** Used to create the backend's own pool when no `pool`/`client` is given. */
  connectionString?: string;
  /**
   * Any other client with `query(text, params)` and, for atomic re-ingestion, `transaction(fn)`
   * (PGlite has both).
   */
  client?: SqlQueryable & { transaction?<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> };
  /** Schema of the tables; created if missing. Default `'public'`. */
  schema?: string;
  /** Prefix of every table. Default `'threadline_kb_'`. */
  tablePrefix?: string;
  /** Text search configuration (stemming language). Default `'english'`. */
  textSearchConfig?: string;
  /** Use pgvector when the extension is available (default true); exact `real[]` search otherwise. */
  pgvector?: boolean;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,40}$/;

/** SQL for a filter over `d` (documents), numbering parameters from `start`. */
function filterSql(
  filter: SearchFilter | undefined,
  start: number,
): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const p = (value: unknown): string => {
    params.push(value);
    return `$${start + params.length}`;
  };
  if (filter?.documentIds) clauses.push(`d.id = ANY(${p(filter.documentIds)}::text[])`);
  if (filter?.sources) clauses.push(`d.source = ANY(${p(filter.sources)}::text[])`);
  if (filter?.updatedAfter) clauses.push(`d.updated_at >= ${p(filter.updatedAfter)}::timestamptz`);
  if (filter?.updatedBefore)
    clauses.push(`d.updated_at <= ${p(filter.updatedBefore)}::timestamptz`);
  for (const [key, value] of Object.entries(filter?.metadata ?? {})) {
    clauses.push(`d.metadata ->> ${p(key)} = ${p(value)}`);
  }
  return { sql: clauses.map((clause) => ` AND ${clause}`).join(''), params };
}

const vectorLiteral = (vector: Float32Array): string => `[${Array.from(vector).join(',')}]`;

/**
 * Knowledge storage in PostgreSQL: a weighted `tsvector` (title > section > text) with a GIN
 * index for keywords, and vectors in a pgvector `vector` column when the extension can be
 * created (detected at `init()`), else in `real[]` with an exact dot-product scan (vectors are
 * stored normalized, so it is cosine similarity).
 */
export class PostgresKnowledgeBackend implements KnowledgeBackend {
  readonly kind = 'postgres';
  readonly supportsVectors = true;
  private db!: SqlQueryable;
  private ownPool: Pool | undefined;
  private readonly t: (name: string) => string;
  private readonly config: string;
  /** Whether vectors live in a pgvector column (known after `init()`). */
  pgvector = false;

  constructor(private readonly options: PostgresKnowledgeBackendOptions = {}) {
    const schema = options.schema ?? 'public';
    const prefix = options.tablePrefix ?? 'threadline_kb_';
    if (!IDENT.test(schema) || !(prefix === '' || IDENT.test(prefix))) {
      throw new ConfigurationError(`Invalid schema "${schema}" or table prefix "${prefix}"`);
    }
    this.t = (name) => `"${schema}"."${prefix}${name}"`;
    this.config = options.textSearchConfig ?? 'english';
    if (!/^[a-z_]+$/.test(this.config))
      throw new ConfigurationError(`Invalid text search config "${this.config}"`);
  }

  private async rows<T>(
    text: string,
    params: unknown[] = [],
    db: SqlQueryable = this.db,
  ): Promise<T[]> {
    return (await db.query(text, params)).rows as T[];
  }

  /** Runs `fn` in a transaction on one connection. */
  private async transaction(fn: (db: SqlQueryable) => Promise<void>): Promise<void> {
    const client = this.options.client;
    if (client) {
      if (client.transaction) await client.transaction(fn);
      else await fn(client);
      return;
    }
    const pool = (this.options.pool ?? this.ownPool)!;
    const connection = await pool.connect();
    try {
      await connection.query('BEGIN');
      await fn(connection);
      await connection.query('COMMIT');
    } catch (error) {
      await connection.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      connection.release();
    }
  }

  async init(): Promise<void> {
    if (this.db) return;
    if (this.options.client) this.db = this.options.client;
    else if (this.options.pool) this.db = this.options.pool;
    else {
      const pg = await import('pg');
      this.ownPool = new pg.default.Pool(
        this.options.connectionString ? { connectionString: this.options.connectionString } : {},
      );
      this.db = this.ownPool;
    }
    this.pgvector = this.options.pgvector !== false && (await this.enablePgvector());
    const schema = this.options.schema ?? 'public';
    const t = this.t;
    const embeddingType = this.pgvector ? 'vector' : 'real[]';
    const weighted = (column: string, weight: string): string =>
      `setweight(to_tsvector('${this.config}', coalesce(${column}, '')), '${weight}')`;
    // Serialize concurrent first starts (several app processes on one database).
    await this.transaction(async (db) => {
      await db.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${t('chunks')}`]);
      await db.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await db.query(`CREATE TABLE IF NOT EXISTS ${t('collections')} (
        id text PRIMARY KEY, name text NOT NULL, visibility text NOT NULL, owner_user text, owner_tenant text,
        tenant_id text, description text, created_at timestamptz NOT NULL)`);
      await db.query(`CREATE TABLE IF NOT EXISTS ${t('documents')} (
        id text PRIMARY KEY, collection_id text NOT NULL REFERENCES ${t('collections')} (id) ON DELETE CASCADE,
        source text NOT NULL, title text NOT NULL, updated_at timestamptz NOT NULL, content_hash text NOT NULL,
        chunk_count integer NOT NULL, metadata jsonb NOT NULL DEFAULT '{}', UNIQUE (collection_id, source))`);
      await db.query(`CREATE TABLE IF NOT EXISTS ${t('chunks')} (
        id text PRIMARY KEY, document_id text NOT NULL REFERENCES ${t('documents')} (id) ON DELETE CASCADE,
        collection_id text NOT NULL, ordinal integer NOT NULL, title text NOT NULL, section text NOT NULL,
        text text NOT NULL, content_hash text NOT NULL, embedding ${embeddingType},
        tsv tsvector GENERATED ALWAYS AS (${weighted('title', 'A')} || ${weighted('section', 'B')} || ${weighted('text', 'C')}) STORED)`);
      await db.query(
        `CREATE INDEX IF NOT EXISTS "${this.indexName('chunks_tsv')}" ON ${t('chunks')} USING gin (tsv)`,
      );
      await db.query(
        `CREATE INDEX IF NOT EXISTS "${this.indexName('chunks_collection')}" ON ${t('chunks')} (collection_id)`,
      );
      await db.query(
        `CREATE INDEX IF NOT EXISTS "${this.indexName('chunks_document')}" ON ${t('chunks')} (document_id)`,
      );
      await db.query(`CREATE TABLE IF NOT EXISTS ${t('embedding_cache')} (
        model text NOT NULL, hash text NOT NULL, vector real[] NOT NULL, PRIMARY KEY (model, hash))`);
    });
    // An existing table decides: a base created without pgvector keeps real[] (and vice versa).
    const [column] = await this.rows<{ udt_name: string }>(
      `SELECT udt_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name = 'embedding'`,
      [schema, `${this.options.tablePrefix ?? 'threadline_kb_'}chunks`],
    );
    this.pgvector = column?.udt_name === 'vector';
  }

  private indexName(name: string): string {
    return `${this.options.tablePrefix ?? 'threadline_kb_'}${name}`;
  }

  /** Creates the `vector` extension when the server offers it; false when absent or not allowed. */
  private async enablePgvector(): Promise<boolean> {
    const available = await this.rows(
      `SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`,
    );
    if (available.length === 0) return false;
    try {
      await this.db.query('CREATE EXTENSION IF NOT EXISTS vector');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.ownPool?.end();
  }

  async insertCollection(c: Collection): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.t('collections')} (id, name, visibility, owner_user, owner_tenant, tenant_id, description, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        c.id,
        c.name,
        c.visibility,
        c.owner?.userId ?? null,
        c.owner?.tenantId ?? null,
        c.tenantId,
        c.description,
        c.createdAt,
      ],
    );
  }

  async listCollections(): Promise<Collection[]> {
    const rows = await this.rows<CollectionRow>(
      `SELECT * FROM ${this.t('collections')} ORDER BY created_at, id`,
    );
    return rows.map(collectionFromRow);
  }

  async deleteCollection(id: string): Promise<void> {
    // Documents and chunks go with it (ON DELETE CASCADE).
    await this.db.query(`DELETE FROM ${this.t('collections')} WHERE id = $1`, [id]);
  }

  async findDocument(collectionId: string, source: string): Promise<KnowledgeDocument | null> {
    const [row] = await this.rows<DocumentRow>(
      `SELECT * FROM ${this.t('documents')} WHERE collection_id = $1 AND source = $2`,
      [collectionId, source],
    );
    return row ? documentFromRow(row) : null;
  }

  async getDocument(id: string): Promise<KnowledgeDocument | null> {
    const [row] = await this.rows<DocumentRow>(
      `SELECT * FROM ${this.t('documents')} WHERE id = $1`,
      [id],
    );
    return row ? documentFromRow(row) : null;
  }

  async listDocuments(collectionId: string): Promise<KnowledgeDocument[]> {
    const rows = await this.rows<DocumentRow>(
      `SELECT * FROM ${this.t('documents')} WHERE collection_id = $1 ORDER BY source`,
      [collectionId],
    );
    return rows.map(documentFromRow);
  }

  private async writeDocument(d: KnowledgeDocument, db: SqlQueryable): Promise<void> {
    await db.query(
      `INSERT INTO ${this.t('documents')} (id, collection_id, source, title, updated_at, content_hash, chunk_count, metadata)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, updated_at = excluded.updated_at,
         content_hash = excluded.content_hash, chunk_count = excluded.chunk_count, metadata = excluded.metadata`,
      [
        d.id,
        d.collectionId,
        d.source,
        d.title,
        d.updatedAt,
        d.contentHash,
        d.chunkCount,
        JSON.stringify(d.metadata),
      ],
    );
  }

  async replaceDocument(
    document: KnowledgeDocument,
    chunks: Chunk[],
    vectors: Float32Array[] | null,
  ): Promise<void> {
    await this.transaction(async (db) => {
      await db.query(`DELETE FROM ${this.t('chunks')} WHERE document_id = $1`, [document.id]);
      await this.writeDocument(document, db);
      // Multi-row inserts in slices keep the parameter count well under PostgreSQL's limit.
      const perRow = 9;
      for (let start = 0; start < chunks.length; start += 500) {
        const slice = chunks.slice(start, start + 500);
        const params: unknown[] = [];
        const values = slice.map((chunk, i) => {
          const vector = vectors?.[start + i];
          params.push(
            chunk.id,
            chunk.documentId,
            chunk.collectionId,
            chunk.ordinal,
            document.title,
            chunk.section,
            chunk.text,
            chunk.contentHash,
            vector ? (this.pgvector ? vectorLiteral(vector) : Array.from(vector)) : null,
          );
          const base = i * perRow;
          const cells = Array.from({ length: perRow }, (_, j) => `$${base + j + 1}`);
          cells[8] = `${cells[8]}::${this.pgvector ? 'vector' : 'real[]'}`;
          return `(${cells.join(', ')})`;
        });
        await db.query(
          `INSERT INTO ${this.t('chunks')} (id, document_id, collection_id, ordinal, title, section, text, content_hash, embedding) VALUES ${values.join(', ')}`,
          params,
        );
      }
    });
  }

  async updateDocument(document: KnowledgeDocument): Promise<void> {
    await this.writeDocument(document, this.db);
  }

  async deleteDocument(id: string): Promise<void> {
    await this.db.query(`DELETE FROM ${this.t('documents')} WHERE id = $1`, [id]);
  }

  async keywordSearch(
    terms: string[],
    collectionIds: string[],
    filter: SearchFilter | undefined,
    limit: number,
  ): Promise<RankedId[]> {
    if (terms.length === 0 || collectionIds.length === 0) return [];
    // Terms are letters and digits only (queryTerms), so they are safe inside a tsquery; each is
    // still stemmed by to_tsquery.
    const tsquery = terms.join(' | ');
    const where = filterSql(filter, 3);
    const rows = await this.rows<{ id: string; score: number }>(
      `SELECT c.id, ts_rank(c.tsv, q) AS score
       FROM ${this.t('chunks')} c JOIN ${this.t('documents')} d ON d.id = c.document_id,
            to_tsquery('${this.config}', $1) q
       WHERE c.tsv @@ q AND c.collection_id = ANY($2::text[])${where.sql}
       ORDER BY score DESC, c.id LIMIT $3`,
      [tsquery, collectionIds, limit, ...where.params],
    );
    return rows.map((row) => ({ id: row.id, score: Number(row.score) }));
  }

  async vectorSearch(
    vector: Float32Array,
    collectionIds: string[],
    filter: SearchFilter | undefined,
    limit: number,
  ): Promise<RankedId[]> {
    if (collectionIds.length === 0) return [];
    const where = filterSql(filter, 3);
    const similarity = this.pgvector
      ? `1 - (c.embedding <=> $1::vector)`
      : `(SELECT sum(a * b) FROM unnest(c.embedding, $1::real[]) AS v(a, b))`;
    const rows = await this.rows<{ id: string; score: number }>(
      `SELECT c.id, ${similarity} AS score
       FROM ${this.t('chunks')} c JOIN ${this.t('documents')} d ON d.id = c.document_id
       WHERE c.embedding IS NOT NULL AND c.collection_id = ANY($2::text[])${where.sql}
       ORDER BY score DESC, c.id LIMIT $3`,
      [
        this.pgvector ? vectorLiteral(vector) : Array.from(vector),
        collectionIds,
        limit,
        ...where.params,
      ],
    );
    return rows.map((row) => ({ id: row.id, score: Number(row.score) }));
  }

  async getPassages(ids: string[]): Promise<Map<string, PassageRow>> {
    const out = new Map<string, PassageRow>();
    if (ids.length === 0) return out;
    const rows = await this.rows<{
      id: string;
      document_id: string;
      collection_id: string;
      collection_name: string;
      title: string;
      source: string;
      section: string;
      text: string;
      updated_at: Date | string;
      metadata: Record<string, string>;
    }>(
      `SELECT c.id, c.document_id, c.collection_id, k.name AS collection_name, d.title, d.source, c.section, c.text, d.updated_at, d.metadata
       FROM ${this.t('chunks')} c JOIN ${this.t('documents')} d ON d.id = c.document_id
       JOIN ${this.t('collections')} k ON k.id = c.collection_id WHERE c.id = ANY($1::text[])`,
      [ids],
    );
    for (const row of rows) {
      out.set(row.id, {
        id: row.id,
        documentId: row.document_id,
        collectionId: row.collection_id,
        collectionName: row.collection_name,
        title: row.title,
        source: row.source,
        section: row.section,
        text: row.text,
        updatedAt: row.updated_at instanceof Date ? row.updated_at.toISOString() : row.updated_at,
        metadata: row.metadata,
      });
    }
    return out;
  }

  async countChunks(): Promise<number> {
    const [row] = await this.rows<{ n: string | number }>(
      `SELECT count(*) AS n FROM ${this.t('chunks')}`,
    );
    return Number(row?.n ?? 0);
  }

  async getCachedEmbeddings(model: string, hashes: string[]): Promise<Map<string, Float32Array>> {
    const out = new Map<string, Float32Array>();
    if (hashes.length === 0) return out;
    const rows = await this.rows<{ hash: string; vector: number[] }>(
      `SELECT hash, vector FROM ${this.t('embedding_cache')} WHERE model = $1 AND hash = ANY($2::text[])`,
      [model, [...new Set(hashes)]],
    );
    for (const row of rows) out.set(row.hash, Float32Array.from(row.vector));
    return out;
  }

  async putCachedEmbeddings(model: string, entries: Array<[string, Float32Array]>): Promise<void> {
    for (let start = 0; start < entries.length; start += 500) {
      const slice = entries.slice(start, start + 500);
      const params: unknown[] = [model];
      const values = slice.map(([hash, vector], i) => {
        params.push(hash, Array.from(vector));
        return `($1, $${i * 2 + 2}, $${i * 2 + 3}::real[])`;
      });
      await this.db.query(
        `INSERT INTO ${this.t('embedding_cache')} (model, hash, vector) VALUES ${values.join(', ')}
         ON CONFLICT (model, hash) DO UPDATE SET vector = excluded.vector`,
        params,
      );
    }
  }
}
