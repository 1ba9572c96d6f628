import type { FeedbackKind } from '../../protocol/requests.js';
import type { FeedbackRecord } from '../feedback.js';
import { parseCreatedAt } from '../ordering.js';
import type { TableNames } from './tables.js';

/* Feedback rows (migration 2), shared by the SQLite and PostgreSQL stores. */

export const insertFeedbackSql = (t: TableNames): string =>
  `INSERT INTO ${t.feedback} (id, thread_id, item_ids, kind, owner, tenant, created_at, created_ms)
   VALUES (:id, :thread_id, :item_ids, :kind, :owner, :tenant, :created_at, :created_ms)`;

/** Every owner's feedback at or after `:since_ms`, oldest first. */
export const listFeedbackSql = (t: TableNames): string =>
  `SELECT id, thread_id, item_ids, kind, owner, tenant, created_at FROM ${t.feedback}
   WHERE created_ms >= :since_ms ORDER BY created_ms, seq LIMIT :limit`;

export interface FeedbackRow {
  id: string;
  thread_id: string;
  /** The JSON column, as the driver returns it (see `SqlDialect.decodeJson`). */
  item_ids: unknown;
  kind: string;
  owner: string;
  tenant: string;
  created_at: string;
}

/**
 * Parameters of `insertFeedbackSql`; `item_ids` is JSON text written by the dialect's `encode`
 * (PostgreSQL casts it to JSONB and escapes what JSONB cannot hold).
 */
export const feedbackParams = (
  record: FeedbackRecord,
  encode: (document: unknown) => string,
): Record<string, unknown> => ({
  id: record.id,
  thread_id: record.threadId,
  item_ids: encode(record.itemIds),
  kind: record.kind,
  owner: record.userId,
  tenant: record.tenantId ?? '',
  created_at: record.createdAt,
  created_ms: parseCreatedAt(record.createdAt),
});

export const feedbackFromRow = (
  row: FeedbackRow,
  decode: (column: unknown) => string[],
): FeedbackRecord => ({
  id: row.id,
  threadId: row.thread_id,
  itemIds: decode(row.item_ids),
  kind: row.kind as FeedbackKind,
  userId: row.owner,
  tenantId: row.tenant === '' ? null : row.tenant,
  createdAt: row.created_at,
});
