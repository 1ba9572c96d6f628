import type { ComposerTag } from '../entities/index.js';
import type { Attachment, ThreadItem, ThreadStatus } from '@threadline/server/protocol';

/** A thread item as the client holds it: any wire item, plus unknown future types kept as-is. */
export type Item =
  ThreadItem | { id: string; type: string; thread_id?: string; created_at?: string };

export interface ThreadSummary {
  id: string;
  title?: string | null;
  created_at: string;
  status?: ThreadStatus;
}

export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'danger';
  message: string;
  title?: string | null;
}

export interface StreamError {
  message: string;
  /** The user message a retry regenerates after; set only when the server allowed a retry. */
  retryAfter: string | null;
}

export interface PendingAttachment {
  localId: string;
  name: string;
  mimeType: string;
  previewUrl?: string;
  progress: number;
  status: 'uploading' | 'done' | 'error';
  attachment?: Attachment;
  /** English reason, translated where it is shown. */
  error?: string;
}

export interface ComposerState {
  text: string;
  reply: string | null;
  attachments: PendingAttachment[];
  toolId: string | null;
  modelId: string | null;
  /** English messages with their placeholders, translated where they are shown. */
  errors: { text: string; vars?: Record<string, string | number>; file?: string }[];
  dictating: boolean;
  /** Entities chosen from the @-mention menu; their `@Title` stays in `text`. */
  tags: ComposerTag[];
}

export interface HistoryState {
  open: boolean;
  threads: ThreadSummary[];
  hasMore: boolean;
  after: string | null;
  loading: boolean;
  error: string | null;
}

export interface ViewState {
  threadId: string | null;
  thread: ThreadSummary | null;
  items: Item[];
  loading: boolean;
  streaming: boolean;
  allowCancel: boolean;
  progress: { text: string; icon?: string | null } | null;
  notices: Notice[];
  error: StreamError | null;
  history: HistoryState;
  composer: ComposerState;
  feedback: Record<string, 'positive' | 'negative'>;
  /** Bumped on every change; the view re-renders at most once per animation frame. */
  version: number;
}
