import {
  DelegatingStore,
  type Page,
  type SortOrder,
  type Store,
  type ThreadMetadata,
} from '@threadline/server';
import type { AppContext } from '../context.js';
import { AGENT_METADATA_KEY, type AgentRegistry } from './agents.js';

/** Threads scanned per further underlying page while filtering a history page by agent. */
const SCAN_BATCH = 100;

/**
 * The app's store: delegates to the real one (already scoped by user; its turn lease and `ping`
 * included, docs/crash-safety.md) and adds agents. A new thread
 * is stamped with the requesting agent, and `threads.list` shows only the requesting agent's
 * threads. Filtering keeps pagination exact: it scans underlying pages until `limit + 1` matches
 * are found, and the cursor is the id of the last thread returned.
 */
export class AgentScopedStore extends DelegatingStore<AppContext> {
  constructor(
    inner: Store<AppContext>,
    private readonly agents: AgentRegistry,
  ) {
    super(inner);
  }

  override async loadThreads(
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

  override async saveThread(thread: ThreadMetadata, context: AppContext): Promise<void> {
    if (thread.metadata[AGENT_METADATA_KEY] === undefined) {
      thread.metadata[AGENT_METADATA_KEY] = context.agentId;
    }
    return this.inner.saveThread(thread, context);
  }
}
