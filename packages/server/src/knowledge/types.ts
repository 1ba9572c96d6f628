import type { Owner } from '../stores/owner.js';

/** Who may search a collection: its owner only, or everyone (of its tenant, when it has one). */
export type CollectionVisibility = 'private' | 'public';

/** A named set of documents with one access rule. */
export interface Collection {
  id: string;
  name: string;
  visibility: CollectionVisibility;
  /** The owner of a private collection; null for a public one. */
  owner: Owner | null;
  /** The tenant a public collection is limited to; null for everyone. */
  tenantId: string | null;
  description: string | null;
  createdAt: string;
}

/** A document as stored: one source (path or URL) per collection. */
export interface KnowledgeDocument {
  id: string;
  collectionId: string;
  /** A file path or URL; re-ingesting the same source replaces the document. */
  source: string;
  title: string;
  /** When the source last changed (file mtime, HTTP Last-Modified, or ingestion time). */
  updatedAt: string;
  /** SHA-256 of the extracted text: unchanged documents are not re-chunked or re-embedded. */
  contentHash: string;
  chunkCount: number;
  metadata: Record<string, string>;
}

/** One searchable passage of a document. */
export interface Chunk {
  id: string;
  documentId: string;
  collectionId: string;
  /** Position in the document, from 0. */
  ordinal: number;
  /** The heading path (`Guide > Install`) or page (`Page 3`) the passage sits under; '' at the top. */
  section: string;
  text: string;
  contentHash: string;
}

/** A search hit: the chunk with its document's metadata and scores. */
export interface Passage {
  /** The chunk id: stable while the document is unchanged, and what citations refer to. */
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
  /** The fused (or single-method) score; higher is better. */
  score: number;
  /** 1-based ranks in each method's list, when the passage was in it. */
  keywordRank?: number;
  vectorRank?: number;
}

/** Restricts a search to some documents; every given condition must hold. */
export interface SearchFilter {
  documentIds?: string[];
  /** Exact sources (paths or URLs). */
  sources?: string[];
  /** Only documents updated at or after this ISO time. */
  updatedAfter?: string;
  /** Only documents updated at or before this ISO time. */
  updatedBefore?: string;
  /** Document metadata key → required value. */
  metadata?: Record<string, string>;
}

export type SearchMode = 'keyword' | 'vector' | 'hybrid';
