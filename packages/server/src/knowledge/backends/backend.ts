import type { Chunk, Collection, KnowledgeDocument, SearchFilter } from '../types.js';

/** A stored chunk with what a passage shows of its document and collection. */
export interface PassageRow {
  id: string;
  documentId: string;
  collectionId: string;
  collectionName: string;
  title: string;
  source: string;
  section: string;
  text: string;
  updatedAt: string;
  metadata: Record<string, string>;
}

/** A ranked id from one search method; `score` is that method's own (BM25, cosine similarity). */
export interface RankedId {
  id: string;
  score: number;
}

/**
 * Where a knowledge base keeps collections, documents, chunks, vectors and the embedding cache.
 * Access checks happen above it: every search names the collections it may read.
 */
export interface KnowledgeBackend {
  readonly kind: string;
  /** Creates tables (and detects vector support). Idempotent. */
  init(): Promise<void>;
  close(): Promise<void>;
  /** Whether vectors can be stored (sqlite-vec loaded; on PostgreSQL always, pgvector or not). */
  readonly supportsVectors: boolean;

  insertCollection(collection: Collection): Promise<void>;
  listCollections(): Promise<Collection[]>;
  deleteCollection(id: string): Promise<void>;

  findDocument(collectionId: string, source: string): Promise<KnowledgeDocument | null>;
  getDocument(id: string): Promise<KnowledgeDocument | null>;
  listDocuments(collectionId: string): Promise<KnowledgeDocument[]>;
  /** Writes the document and swaps its chunks (and vectors, when given) in one transaction. */
  replaceDocument(
    document: KnowledgeDocument,
    chunks: Chunk[],
    vectors: Float32Array[] | null,
  ): Promise<void>;
  /** Updates only the document row (an unchanged re-ingest refreshes `updatedAt` and metadata). */
  updateDocument(document: KnowledgeDocument): Promise<void>;
  deleteDocument(id: string): Promise<void>;

  /**
   * The best `limit` chunks by BM25. `wanted` (≤ limit) is how many the caller will show: a
   * backend may leave out weak candidates beyond it (chunks holding only common terms).
   */
  keywordSearch(
    terms: string[],
    collectionIds: string[],
    filter: SearchFilter | undefined,
    limit: number,
    wanted?: number,
  ): Promise<RankedId[]>;
  vectorSearch(
    vector: Float32Array,
    collectionIds: string[],
    filter: SearchFilter | undefined,
    limit: number,
  ): Promise<RankedId[]>;
  getPassages(ids: string[]): Promise<Map<string, PassageRow>>;
  countChunks(): Promise<number>;

  getCachedEmbeddings(model: string, hashes: string[]): Promise<Map<string, Float32Array>>;
  putCachedEmbeddings(model: string, entries: Array<[string, Float32Array]>): Promise<void>;
}
