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
  /** JSON text (SQLite) or the decoded array (PostgreSQL JSONB). */
  item_ids: string | string[];
  kind: string;
  owner: string;
  tenant: string;
  created_at: string;
}

/**
 * Parameters of `insertFeedbackSql`; `item_ids` is JSON text (PostgreSQL casts it to JSONB, and
 * passes its own `encode` because JSONB cannot hold every string a request may carry).
 */
export const feedbackParams = (
  record: FeedbackRecord,
  encode: (document: unknown) => string = JSON.stringify,
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
  decode: (ids: string[]) => string[] = (ids) => ids,
): FeedbackRecord => ({
  id: row.id,
  threadId: row.thread_id,
  itemIds: decode(
    typeof row.item_ids === 'string' ? (JSON.parse(row.item_ids) as string[]) : row.item_ids,
  ),
  kind: row.kind as FeedbackKind,
  userId: row.owner,
  tenantId: row.tenant === '' ? null : row.tenant,
  createdAt: row.created_at,
});
