import type { Collection, CollectionVisibility, KnowledgeDocument } from '../types.js';

/** A collections row as both backends store it. */
export interface CollectionRow {
  id: string;
  name: string;
  visibility: string;
  owner_user: string | null;
  owner_tenant: string | null;
  tenant_id: string | null;
  description: string | null;
  created_at: string | Date;
}

/** A documents row as both backends store it (`metadata` is JSON text in SQLite, JSONB in PostgreSQL). */
export interface DocumentRow {
  id: string;
  collection_id: string;
  source: string;
  title: string;
  updated_at: string | Date;
  content_hash: string;
  chunk_count: number | string;
  metadata: string | Record<string, string>;
}

const iso = (value: string | Date): string => (value instanceof Date ? value.toISOString() : value);

export const collectionFromRow = (row: CollectionRow): Collection => ({
  id: row.id,
  name: row.name,
  visibility: row.visibility as CollectionVisibility,
  owner: row.owner_user === null ? null : { userId: row.owner_user, tenantId: row.owner_tenant },
  tenantId: row.tenant_id,
  description: row.description,
  createdAt: iso(row.created_at),
});

export const documentFromRow = (row: DocumentRow): KnowledgeDocument => ({
  id: row.id,
  collectionId: row.collection_id,
  source: row.source,
  title: row.title,
  updatedAt: iso(row.updated_at),
  contentHash: row.content_hash,
  chunkCount: Number(row.chunk_count),
  metadata:
    typeof row.metadata === 'string'
      ? (JSON.parse(row.metadata) as Record<string, string>)
      : row.metadata,
});
