import { readFile, stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { ConfigurationError, NotFoundError } from '../errors.js';
import type { Owner } from '../stores/owner.js';
import { canRead } from './access.js';
import type { KnowledgeBackend } from './backends/backend.js';
import { chunkBlocks, type ChunkingOptions } from './chunker.js';
import type { Embedder } from './embeddings/embedder.js';
import { reciprocalRankFusion } from './fusion.js';
import { sha256 } from './hash.js';
import { chunkId, newId } from './ids.js';
import { blocksToText } from './loaders/blocks.js';
import { detectFormat, loadDocument, type DocumentFormat } from './loaders/load-document.js';
import { queryTerms } from './query-terms.js';
import type {
  Chunk,
  Collection,
  CollectionVisibility,
  KnowledgeDocument,
  Passage,
  SearchFilter,
  SearchMode,
} from './types.js';

/** Re-orders (and may trim) passages after retrieval, e.g. with a cross-encoder. */
export type Reranker = (
  query: string,
  passages: Passage[],
  signal?: AbortSignal,
) => Promise<Passage[]>;

/** Options of {@link KnowledgeBase}. */
export interface KnowledgeBaseOptions {
  backend: KnowledgeBackend;
  /** Enables vectors and hybrid search. Without it the base is keyword-only (BM25). */
  embedder?: Embedder | undefined;
  chunking?: ChunkingOptions | undefined;
  reranker?: Reranker | undefined;
  /** Candidates each method contributes to fusion (and the reranker sees). Default 50. */
  candidates?: number | undefined;
}

/** What to ingest: bytes or text of one source. */
export interface IngestInput {
  /** Path or URL; the same source in the same collection replaces the earlier document. */
  source: string;
  bytes?: Uint8Array | undefined;
  text?: string | undefined;
  /** Detected from `mimeType`, then the source's extension, when omitted. */
  format?: DocumentFormat | undefined;
  mimeType?: string | undefined;
  /** Overrides the title the loader finds (default: front matter / `<title>` / first H1 / file name). */
  title?: string | undefined;
  updatedAt?: string | Date | undefined;
  metadata?: Record<string, string> | undefined;
}

/** Progress of one ingestion, reported as it goes. */
export type IngestProgress =
  | { stage: 'loaded'; source: string; chunks: number }
  | { stage: 'embedded'; source: string; embedded: number; cached: number; total: number }
  | { stage: 'stored'; source: string; chunks: number };

/** The result of one ingestion. */
export interface IngestResult {
  document: KnowledgeDocument;
  status: 'added' | 'updated' | 'unchanged';
  chunks: number;
  /** Chunks sent to the embedder (the rest came from the cache). */
  embedded: number;
  cached: number;
}

/** Options of {@link KnowledgeBase.search}. */
export interface SearchOptions {
  /** Whose search it is: only collections this owner may read are searched. */
  owner: Owner | 'admin';
  /** Collection names or ids to search; default every readable collection. */
  collections?: string[] | undefined;
  mode?: SearchMode | undefined;
  /** Passages returned. Default 5. */
  limit?: number | undefined;
  filter?: SearchFilter | undefined;
  signal?: AbortSignal | undefined;
}

/** Options of {@link KnowledgeBase.createCollection}. */
export interface CreateCollectionOptions {
  name: string;
  /** Default: private when `owner` is given, public otherwise. */
  visibility?: CollectionVisibility | undefined;
  owner?: Owner | null | undefined;
  /** Limits a public collection to one tenant. */
  tenantId?: string | null | undefined;
  description?: string | null | undefined;
}

const COLLECTION_NAME = /^[\w][\w .:@-]{0,99}$/u;
const toIso = (value: string | Date | undefined): string =>
  value === undefined ? new Date().toISOString() : new Date(value).toISOString();

/**
 * A knowledge base: collections of documents split into passages, searched by keywords (BM25),
 * by vectors when an embedder is configured, or both fused by reciprocal rank. Every search names
 * its owner and only reads the collections that owner may read (`canRead`).
 */
export class KnowledgeBase {
  readonly backend: KnowledgeBackend;
  readonly embedder: Embedder | undefined;
  private readonly options: KnowledgeBaseOptions;
  private ready: Promise<void> | undefined;

  constructor(options: KnowledgeBaseOptions) {
    this.options = options;
    this.backend = options.backend;
    this.embedder = options.embedder;
  }

  /** Creates tables; called by every method, so calling it is optional. */
  init(): Promise<void> {
    this.ready ??= this.backend.init().then(() => {
      if (this.embedder && !this.backend.supportsVectors) {
        throw new ConfigurationError(
          `The ${this.backend.kind} knowledge backend cannot store vectors`,
        );
      }
    });
    return this.ready;
  }

  async close(): Promise<void> {
    await this.backend.close();
  }

  // ---- collections ----

  async createCollection(options: CreateCollectionOptions): Promise<Collection> {
    await this.init();
    if (!COLLECTION_NAME.test(options.name)) {
      throw new ConfigurationError(
        `Invalid collection name "${options.name}" (letters, digits, space . : @ - _; up to 100)`,
      );
    }
    const owner = options.owner ?? null;
    const visibility = options.visibility ?? (owner ? 'private' : 'public');
    if (visibility === 'private' && !owner)
      throw new ConfigurationError('A private collection needs an owner');
    const existing = (await this.backend.listCollections()).find(
      (c) =>
        c.name === options.name &&
        c.visibility === visibility &&
        sameOwner(c.owner, visibility === 'private' ? owner : null),
    );
    if (existing) throw new ConfigurationError(`Collection "${options.name}" already exists`);
    const collection: Collection = {
      id: newId('kc'),
      name: options.name,
      visibility,
      owner: visibility === 'private' ? owner : null,
      tenantId: visibility === 'public' ? (options.tenantId ?? null) : (owner?.tenantId ?? null),
      description: options.description ?? null,
      createdAt: new Date().toISOString(),
    };
    await this.backend.insertCollection(collection);
    return collection;
  }

  /** Collections `owner` may read ('admin': all of them). */
  async listCollections(owner: Owner | 'admin' = 'admin'): Promise<Collection[]> {
    await this.init();
    const all = await this.backend.listCollections();
    return owner === 'admin' ? all : all.filter((c) => canRead(c, owner));
  }

  /**
   * A collection by id or name among those `owner` may read; a name matches the owner's own
   * collection before a public one. Null when there is none.
   */
  async findCollection(
    nameOrId: string,
    owner: Owner | 'admin' = 'admin',
  ): Promise<Collection | null> {
    const readable = await this.listCollections(owner);
    const byId = readable.find((c) => c.id === nameOrId);
    if (byId) return byId;
    const named = readable.filter((c) => c.name === nameOrId);
    return named.find((c) => c.visibility === 'private') ?? named[0] ?? null;
  }

  /** The named collection, created (public, or private to `owner`) when missing. */
  async ensureCollection(options: CreateCollectionOptions): Promise<Collection> {
    const owner = options.owner ?? null;
    const visibility = options.visibility ?? (owner ? 'private' : 'public');
    const all = await this.listCollections('admin');
    const found = all.find(
      (c) =>
        c.name === options.name &&
        c.visibility === visibility &&
        sameOwner(c.owner, visibility === 'private' ? owner : null),
    );
    return found ?? this.createCollection(options);
  }

  async deleteCollection(id: string): Promise<void> {
    await this.init();
    await this.backend.deleteCollection(id);
  }

  // ---- documents ----

  async listDocuments(collectionId: string): Promise<KnowledgeDocument[]> {
    await this.init();
    return this.backend.listDocuments(collectionId);
  }

  async getDocument(id: string): Promise<KnowledgeDocument | null> {
    await this.init();
    return this.backend.getDocument(id);
  }

  /** Deletes a document with its passages and vectors. */
  async deleteDocument(id: string): Promise<void> {
    await this.init();
    const document = await this.backend.getDocument(id);
    if (!document) throw new NotFoundError(`Document ${id} not found`);
    await this.backend.deleteDocument(id);
  }

  /** Reads a file from disk (format by extension, `updatedAt` from its mtime) and ingests it. */
  async ingestFile(
    collectionId: string,
    path: string,
    options: {
      metadata?: Record<string, string>;
      onProgress?: (p: IngestProgress) => void;
      signal?: AbortSignal;
    } = {},
  ): Promise<IngestResult> {
    const absolute = resolve(path);
    const [bytes, info] = await Promise.all([readFile(absolute), stat(absolute)]);
    return this.ingest(
      collectionId,
      { source: absolute, bytes, updatedAt: info.mtime, metadata: options.metadata },
      options,
    );
  }

  /**
   * Loads, chunks, embeds (when configured) and stores one document. The same source again with
   * the same text is `unchanged` (nothing re-chunked or re-embedded); with new text its passages
   * are replaced in one transaction. Embeddings are cached by chunk text hash.
   */
  async ingest(
    collectionId: string,
    input: IngestInput,
    options: { onProgress?: (p: IngestProgress) => void; signal?: AbortSignal } = {},
  ): Promise<IngestResult> {
    await this.init();
    const collection = (await this.backend.listCollections()).find((c) => c.id === collectionId);
    if (!collection) throw new NotFoundError(`Collection ${collectionId} not found`);
    const format = input.format ?? detectFormat(input.source, input.mimeType);
    if (!format) throw new ConfigurationError(`Unsupported document type: ${input.source}`);
    const bytes = input.bytes ?? new TextEncoder().encode(input.text ?? '');
    const loaded = await loadDocument(bytes, format);
    const contentHash = sha256(blocksToText(loaded.blocks));
    const title =
      input.title ?? loaded.title ?? basename(input.source, extname(input.source)) ?? input.source;
    const metadata = { ...loaded.metadata, ...input.metadata, format };
    const previous = await this.backend.findDocument(collectionId, input.source);
    const document: KnowledgeDocument = {
      id: previous?.id ?? newId('kd'),
      collectionId,
      source: input.source,
      title,
      updatedAt: toIso(input.updatedAt),
      contentHash,
      chunkCount: 0,
      metadata,
    };
    const vectorsMissing =
      this.embedder !== undefined &&
      previous !== null &&
      previous.chunkCount > 0 &&
      !(await this.hasVectors(previous));
    if (
      previous &&
      previous.contentHash === contentHash &&
      previous.title === title &&
      !vectorsMissing
    ) {
      const refreshed = { ...document, chunkCount: previous.chunkCount };
      await this.backend.updateDocument(refreshed);
      return {
        document: refreshed,
        status: 'unchanged',
        chunks: previous.chunkCount,
        embedded: 0,
        cached: 0,
      };
    }
    const drafts = chunkBlocks(loaded.blocks, this.options.chunking);
    options.onProgress?.({ stage: 'loaded', source: input.source, chunks: drafts.length });
    const chunks: Chunk[] = drafts.map((draft, ordinal) => ({
      id: chunkId(document.id, ordinal),
      documentId: document.id,
      collectionId,
      ordinal,
      section: draft.section,
      text: draft.text,
      contentHash: sha256(`${title}\n${draft.section}\n${draft.text}`),
    }));
    document.chunkCount = chunks.length;
    let embedded = 0;
    let cached = 0;
    let vectors: Float32Array[] | null = null;
    if (this.embedder && chunks.length > 0) {
      const result = await this.embedChunks(title, chunks, options.signal);
      vectors = result.vectors;
      embedded = result.embedded;
      cached = result.cached;
      options.onProgress?.({
        stage: 'embedded',
        source: input.source,
        embedded,
        cached,
        total: chunks.length,
      });
    }
    await this.backend.replaceDocument(document, chunks, vectors);
    options.onProgress?.({ stage: 'stored', source: input.source, chunks: chunks.length });
    return {
      document,
      status: previous ? 'updated' : 'added',
      chunks: chunks.length,
      embedded,
      cached,
    };
  }

  /** Whether a stored document's passages have vectors (a base that gained an embedder later). */
  private async hasVectors(document: KnowledgeDocument): Promise<boolean> {
    const firstChunk = await this.backend.getPassages([chunkId(document.id, 0)]);
    const row = firstChunk.get(chunkId(document.id, 0));
    if (!row) return true;
    const hash = sha256(`${row.title}\n${row.section}\n${row.text}`);
    return (await this.backend.getCachedEmbeddings(this.embedder!.model, [hash])).size > 0;
  }

  /** The text a chunk is embedded as: the title and section give a short passage its context. */
  private static embeddingText(title: string, chunk: Chunk): string {
    return [title, chunk.section, chunk.text].filter(Boolean).join('\n');
  }

  private async embedChunks(
    title: string,
    chunks: Chunk[],
    signal?: AbortSignal,
  ): Promise<{ vectors: Float32Array[]; embedded: number; cached: number }> {
    const embedder = this.embedder!;
    const hashes = chunks.map((chunk) => chunk.contentHash);
    const known = await this.backend.getCachedEmbeddings(embedder.model, hashes);
    const missing = chunks.filter((chunk) => !known.has(chunk.contentHash));
    const unique = [...new Map(missing.map((chunk) => [chunk.contentHash, chunk])).values()];
    if (unique.length > 0) {
      const fresh = await embedder.embed(
        unique.map((chunk) => KnowledgeBase.embeddingText(title, chunk)),
        signal,
      );
      const entries = unique.map((chunk, index): [string, Float32Array] => [
        chunk.contentHash,
        fresh[index]!,
      ]);
      await this.backend.putCachedEmbeddings(embedder.model, entries);
      for (const [hash, vector] of entries) known.set(hash, vector);
    }
    return {
      vectors: hashes.map((hash) => known.get(hash)!),
      embedded: unique.length,
      cached: chunks.length - missing.length,
    };
  }

  // ---- search ----

  /** The vector of a query, through the embedding cache. */
  private async embedQuery(query: string, signal?: AbortSignal): Promise<Float32Array> {
    const embedder = this.embedder!;
    const hash = sha256(`query\n${query}`);
    const cached = await this.backend.getCachedEmbeddings(embedder.model, [hash]);
    const hit = cached.get(hash);
    if (hit) return hit;
    const [vector] = await embedder.embed([query], signal);
    await this.backend.putCachedEmbeddings(embedder.model, [[hash, vector!]]);
    return vector!;
  }

  /** The collection ids `owner` may search among `requested` (names or ids; all when omitted). */
  async searchableCollections(owner: Owner | 'admin', requested?: string[]): Promise<Collection[]> {
    const readable = await this.listCollections(owner);
    if (!requested) return readable;
    const wanted = new Set(requested);
    return readable.filter((c) => wanted.has(c.id) || wanted.has(c.name));
  }

  /**
   * Ranked passages for a query. `hybrid` (the default with an embedder) fuses the BM25 and
   * vector lists by reciprocal rank; `keyword` (the default without one) is BM25 alone.
   */
  async search(query: string, options: SearchOptions): Promise<Passage[]> {
    await this.init();
    const limit = Math.max(1, Math.min(options.limit ?? 5, 100));
    const mode = options.mode ?? (this.embedder ? 'hybrid' : 'keyword');
    if (mode !== 'keyword' && !this.embedder) {
      throw new ConfigurationError(`Search mode "${mode}" needs an embedder`);
    }
    const collections = await this.searchableCollections(options.owner, options.collections);
    const ids = collections.map((c) => c.id);
    if (ids.length === 0 || query.trim() === '') return [];
    const candidates = Math.max(limit, this.options.candidates ?? 50);
    const keyword =
      mode === 'vector'
        ? []
        : await this.backend.keywordSearch(
            queryTerms(query),
            ids,
            options.filter,
            candidates,
            this.options.reranker ? candidates : limit,
          );
    const vector =
      mode === 'keyword'
        ? []
        : await this.backend.vectorSearch(
            await this.embedQuery(query, options.signal),
            ids,
            options.filter,
            candidates,
          );
    const keywordRank = new Map(keyword.map((hit, index) => [hit.id, index + 1]));
    const vectorRank = new Map(vector.map((hit, index) => [hit.id, index + 1]));
    const ranked =
      mode === 'hybrid'
        ? reciprocalRankFusion([keyword.map((hit) => hit.id), vector.map((hit) => hit.id)])
        : mode === 'keyword'
          ? keyword
          : vector;
    const top = ranked.slice(0, this.options.reranker ? candidates : limit);
    const rows = await this.backend.getPassages(top.map((hit) => hit.id));
    let passages: Passage[] = [];
    for (const hit of top) {
      const row = rows.get(hit.id);
      if (!row) continue;
      const passage: Passage = { ...row, score: hit.score };
      const k = keywordRank.get(hit.id);
      const v = vectorRank.get(hit.id);
      if (k !== undefined) passage.keywordRank = k;
      if (v !== undefined) passage.vectorRank = v;
      passages.push(passage);
    }
    if (this.options.reranker)
      passages = await this.options.reranker(query, passages, options.signal);
    return passages.slice(0, limit);
  }

  /**
   * Documents matching a query, best first (for @-mention search: one entry per document, by its
   * best passage). Only collections `owner` may read.
   */
  async searchDocuments(
    query: string,
    options: { owner: Owner | 'admin'; collections?: string[]; limit?: number },
  ): Promise<Array<{ document: KnowledgeDocument; collectionName: string; passage: Passage }>> {
    const limit = Math.max(1, Math.min(options.limit ?? 10, 50));
    const passages = await this.search(query, {
      owner: options.owner,
      collections: options.collections,
      mode: 'keyword',
      limit: Math.min(100, limit * 5),
    });
    const out: Array<{ document: KnowledgeDocument; collectionName: string; passage: Passage }> =
      [];
    const seen = new Set<string>();
    for (const passage of passages) {
      if (seen.has(passage.documentId) || out.length >= limit) continue;
      seen.add(passage.documentId);
      const document = await this.backend.getDocument(passage.documentId);
      if (document) out.push({ document, collectionName: passage.collectionName, passage });
    }
    return out;
  }

  /** A document by id, if `owner` may read its collection (for entity previews). */
  async getDocumentFor(id: string, owner: Owner | 'admin'): Promise<KnowledgeDocument | null> {
    await this.init();
    const document = await this.backend.getDocument(id);
    if (!document) return null;
    const readable = await this.listCollections(owner);
    return readable.some((c) => c.id === document.collectionId) ? document : null;
  }

  /** One passage by id, if `owner` may read its collection (for previews and citations). */
  async getPassage(id: string, owner: Owner | 'admin'): Promise<Passage | null> {
    await this.init();
    const row = (await this.backend.getPassages([id])).get(id);
    if (!row) return null;
    const readable = await this.listCollections(owner);
    if (!readable.some((c) => c.id === row.collectionId)) return null;
    return { ...row, score: 0 };
  }
}

function sameOwner(a: Owner | null, b: Owner | null): boolean {
  if (a === null || b === null) return a === b;
  return a.userId === b.userId && (a.tenantId ?? null) === (b.tenantId ?? null);
}
