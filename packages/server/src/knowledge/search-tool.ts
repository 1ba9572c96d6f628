import { z } from 'zod';
import type { TurnContext } from '../turn/turn-context.js';
import { defaultResolveOwner, type ResolveOwner } from '../stores/owner.js';
import { KnowledgeCitations } from './citations.js';
import type { KnowledgeBase } from './knowledge-base.js';
import type { SearchMode } from './types.js';

/** The default tool name (the FastAPI sample calls its tool `search_knowledge_base`). */
export const SEARCH_KNOWLEDGE_TOOL_NAME = 'search_knowledge';

/** Options of the knowledge search tool. */
export interface SearchKnowledgeOptions<TContext> {
  knowledgeBase: KnowledgeBase;
  /** Collection names or ids the tool searches (still only those the user may read); default all readable. */
  collections?: string[] | undefined;
  /** Maps the request context to the searching user; default `context.userId` (+ `tenantId`). */
  resolveOwner?: ResolveOwner<TContext> | undefined;
  /** Passages per search. Default 5. */
  limit?: number | undefined;
  mode?: SearchMode | undefined;
  name?: string | undefined;
  description?: string | undefined;
}

export const SearchKnowledgeParameters = z.object({
  query: z.string().describe('what to look for, in the words the documents would use'),
});

const DESCRIPTION =
  'Searches the knowledge base (ingested documents) and returns the most relevant passages. ' +
  'Answer from them and cite each fact with the passage reference in brackets, e.g. [1] or [1, 2].';

const citationsByTurn = new WeakMap<object, KnowledgeCitations>();

/**
 * The citations of a turn: what the knowledge tool retrieved during it. Pass the turn's stream
 * through `citationsFor(context).rewrite(stream)` so the answer's `[n]` markers become
 * annotations.
 */
export function citationsFor(context: TurnContext<unknown>): KnowledgeCitations {
  let citations = citationsByTurn.get(context);
  if (!citations) {
    citations = new KnowledgeCitations();
    citationsByTurn.set(context, citations);
  }
  return citations;
}

/** What the tool hands the model for one passage. */
export interface SearchKnowledgePassage {
  ref: number;
  id: string;
  title: string;
  section: string;
  source: string;
  text: string;
}

/**
 * Runs one knowledge search for a turn: streams "Searching…" and "Found N passages" progress,
 * records the passages for citations, and returns them numbered for the model.
 */
export async function runKnowledgeSearch<TContext>(
  options: SearchKnowledgeOptions<TContext>,
  query: string,
  context: TurnContext<TContext>,
): Promise<{ query: string; passages: SearchKnowledgePassage[] }> {
  const owner = (options.resolveOwner ?? defaultResolveOwner)(context.requestContext);
  await context.stream({ type: 'progress_update', icon: 'search', text: 'Searching…' });
  const passages = await options.knowledgeBase.search(query, {
    owner,
    collections: options.collections,
    limit: options.limit,
    mode: options.mode,
    signal: context.signal,
  });
  const refs = citationsFor(context).add(passages);
  const count = passages.length;
  await context.stream({
    type: 'progress_update',
    icon: 'book-open',
    text: `Found ${count} passage${count === 1 ? '' : 's'}`,
  });
  return {
    query,
    passages: passages.map((passage, index) => ({
      ref: refs[index]!,
      id: passage.id,
      title: passage.title,
      section: passage.section,
      source: passage.source,
      text: passage.text,
    })),
  };
}

export { DESCRIPTION as SEARCH_KNOWLEDGE_DESCRIPTION };
