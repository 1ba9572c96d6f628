/**
 * @module The knowledge search tool for `@openai/agents`: `searchKnowledgeTool`. Stream the run
 * through `citationsFor(context).rewrite(…)` (from `@threadline/server/knowledge`) so cited
 * passages become ChatKit annotations. Needs `@openai/agents`.
 */
import { tool, type FunctionTool, type RunContext } from '@openai/agents';
import type { AgentContext } from '../../agents/agent-context.js';
import { ConfigurationError } from '../../errors.js';
import { TurnContext } from '../../turn/turn-context.js';
import {
  runKnowledgeSearch,
  SEARCH_KNOWLEDGE_DESCRIPTION,
  SEARCH_KNOWLEDGE_TOOL_NAME,
  SearchKnowledgeParameters,
  type SearchKnowledgeOptions,
} from '../search-tool.js';

/** The knowledge search tool as an Agents SDK function tool. */
export type SearchKnowledgeFunctionTool<TContext> = FunctionTool<
  AgentContext<TContext>,
  typeof SearchKnowledgeParameters,
  string
>;

/**
 * A `search_knowledge` tool for an Agents SDK agent: progress while it searches, passages with
 * ids and reference numbers as its output, and the passages recorded for the turn's citations.
 *
 * @example
 * ```ts
 * import { Agent } from '@openai/agents';
 * import { createChatKitServer } from '@threadline/server';
 * import { AgentContext, streamAgentRun } from '@threadline/server/agents';
 * import { citationsFor, type KnowledgeBase } from '@threadline/server/knowledge';
 * import { searchKnowledgeTool } from '@threadline/server/knowledge/agents';
 * import { MemoryStore } from '@threadline/server/stores/memory';
 * // given: type Ctx = { userId: string };
 * // given: declare const kb: KnowledgeBase;
 *
 * const agent = new Agent<AgentContext<Ctx>>({
 *   name: 'Docs',
 *   tools: [searchKnowledgeTool<Ctx>({ knowledgeBase: kb })],
 * });
 * const server = createChatKitServer({
 *   store: new MemoryStore<Ctx>(),
 *   async *respond(thread, input, requestContext) {
 *     const context = new AgentContext({ thread, store: this.store, requestContext });
 *     const text = input?.content[0]?.type === 'input_text' ? input.content[0].text : '';
 *     yield* citationsFor(context).rewrite(streamAgentRun(context, agent, text));
 *   },
 * });
 * ```
 */
export function searchKnowledgeTool<TContext>(
  options: SearchKnowledgeOptions<TContext>,
): SearchKnowledgeFunctionTool<TContext> {
  const name = options.name ?? SEARCH_KNOWLEDGE_TOOL_NAME;
  return tool({
    name,
    description: options.description ?? SEARCH_KNOWLEDGE_DESCRIPTION,
    parameters: SearchKnowledgeParameters,
    async execute({ query }, runContext?: RunContext<AgentContext<TContext>>) {
      const context = runContext?.context;
      if (!(context instanceof TurnContext)) {
        throw new ConfigurationError(`The ${name} tool needs an AgentContext as the run context`);
      }
      return JSON.stringify(await runKnowledgeSearch(options, query, context));
    },
  });
}
