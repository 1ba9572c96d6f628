import {
  delegateOptionalMethods,
  Store,
  type Attachment,
  type Page,
  type SortOrder,
  type ThreadItem,
  type ThreadMetadata,
} from '@threadline/server';
import type { StoreItemType } from '@threadline/server';
import type { AppContext } from '../context.js';
import { AGENT_METADATA_KEY, type AgentRegistry } from './agents.js';

/** Threads scanned per further underlying page while filtering a history page by agent. */
const SCAN_BATCH = 100;

/**
 * The app's store: delegates to the real one (already scoped by user) and adds agents. A new thread
 * is stamped with the requesting agent, and `threads.list` shows only the requesting agent's
 * threads. Filtering keeps pagination exact: it scans underlying pages until `limit + 1` matches
 * are found, and the cursor is the id of the last thread returned.
 */
export class AgentScopedStore extends Store<AppContext> {
  constructor(
    readonly inner: Store<AppContext>,
    private readonly agents: AgentRegistry,
  ) {
    super();
    // Keeps the turn lease and `ping` of the real store (docs/crash-safety.md).
    delegateOptionalMethods(this, inner);
  }

  override generateThreadId(context: AppContext): string {
    return this.inner.generateThreadId(context);
  }

  override generateItemId(
    type: StoreItemType,
    thread: ThreadMetadata,
    context: AppContext,
  ): string {
    return this.inner.generateItemId(type, thread, context);
  }

  async loadThreads(
    limit: number,
    after: string | null | undefined,
    order: SortOrder,
    context: AppContext,
  ): Promise<Page<ThreadMetadata>> {
    const matches: ThreadMetadata[] = [];
    let cursor = after;
    // The first page asks for just enough (usually every thread is the agent's: one agent, or
    // one per site); only when some were filtered out does it scan on in larger pages. Each row
    // read is decoded, so over-reading was most of a `threads.list`'s cost.
    let batch = limit + 1;
    scan: for (;;) {
      const page = await this.inner.loadThreads(batch, cursor, order, context);
      batch = Math.max(SCAN_BATCH, limit + 1);
      for (const thread of page.data) {
        if (!this.agents.threadBelongsTo(thread, context.agentId)) continue;
        matches.push(thread);
        if (matches.length > limit) break scan;
      }
      const last = page.data.at(-1);
      if (!page.has_more || last === undefined) break;
      cursor = last.id;
    }
    const hasMore = matches.length > limit;
    const data = matches.slice(0, limit);
    const lastId = data.at(-1)?.id;
    return hasMore && lastId !== undefined
      ? { data, has_more: true, after: lastId }
      : { data, has_more: false };
  }

  async saveThread(thread: ThreadMetadata, context: AppContext): Promise<void> {
    if (thread.metadata[AGENT_METADATA_KEY] === undefined) {
      thread.metadata[AGENT_METADATA_KEY] = context.agentId;
    }
    return this.inner.saveThread(thread, context);
  }

  loadThread(threadId: string, context: AppContext): Promise<ThreadMetadata> {
    return this.inner.loadThread(threadId, context);
  }
  loadThreadItems(
    threadId: string,
    after: string | null | undefined,
    limit: number,
    order: SortOrder,
    context: AppContext,
  ): Promise<Page<ThreadItem>> {
    return this.inner.loadThreadItems(threadId, after, limit, order, context);
  }
  saveAttachment(attachment: Attachment, context: AppContext): Promise<void> {
    return this.inner.saveAttachment(attachment, context);
  }
  loadAttachment(attachmentId: string, context: AppContext): Promise<Attachment> {
    return this.inner.loadAttachment(attachmentId, context);
  }
  deleteAttachment(attachmentId: string, context: AppContext): Promise<void> {
    return this.inner.deleteAttachment(attachmentId, context);
  }
  addThreadItem(threadId: string, item: ThreadItem, context: AppContext): Promise<void> {
    return this.inner.addThreadItem(threadId, item, context);
  }
  saveItem(threadId: string, item: ThreadItem, context: AppContext): Promise<void> {
    return this.inner.saveItem(threadId, item, context);
  }
  loadItem(threadId: string, itemId: string, context: AppContext): Promise<ThreadItem> {
    return this.inner.loadItem(threadId, itemId, context);
  }
  deleteThread(threadId: string, context: AppContext): Promise<void> {
    return this.inner.deleteThread(threadId, context);
  }
  deleteThreadItem(threadId: string, itemId: string, context: AppContext): Promise<void> {
    return this.inner.deleteThreadItem(threadId, itemId, context);
  }
}
