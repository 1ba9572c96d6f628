/**
 * @module MCP tools for `@openai/agents`: `mcpTools` turns an `McpToolset`'s tools into
 * Agents SDK function tools whose calls stream progress, widgets and errors through the run's
 * `AgentContext`. Needs `@modelcontextprotocol/sdk` and `@openai/agents`.
 */
import { tool, type FunctionTool, type RunContext } from '@openai/agents';
import type { AgentContext } from '../../agents/agent-context.js';
import { TurnContext } from '../../turn/turn-context.js';
import type { McpTool, McpToolset } from '../toolset.js';

/** A non-strict JSON Schema parameters object, as `tool({ strict: false })` takes it. */
type AgentParameters = {
  type: 'object';
  properties: Record<string, never>;
  required: never[];
  additionalProperties: true;
};

/** An MCP tool as an Agents SDK function tool. */
export type McpFunctionTool<TContext> = FunctionTool<
  AgentContext<TContext>,
  AgentParameters,
  unknown
>;

/** The MCP input schema as a non-strict Agents SDK parameters object. */
function agentParameters(inputSchema: Record<string, unknown>): AgentParameters {
  const { $schema: _schema, ...schema } = inputSchema;
  return {
    ...schema,
    type: 'object',
    properties: (schema.properties as Record<string, unknown> | undefined) ?? {},
    required: (schema.required as string[] | undefined) ?? [],
    additionalProperties: (schema.additionalProperties as boolean | undefined) ?? true,
  } as AgentParameters;
}

/** One MCP tool as an Agents SDK function tool (non-strict: the server's schema is sent as is). */
export function mcpTool<TContext>(
  resolved: McpTool<TContext>,
  fallbackContext: AgentContext<TContext>,
): McpFunctionTool<TContext> {
  return tool({
    name: resolved.name,
    description: resolved.description,
    parameters: agentParameters(resolved.inputSchema),
    strict: false,
    async execute(input: unknown, runContext?: RunContext<AgentContext<TContext>>) {
      const context =
        runContext?.context instanceof TurnContext ? runContext.context : fallbackContext;
      const args: unknown = typeof input === 'string' && input !== '' ? JSON.parse(input) : input;
      return resolved.call(args, context);
    },
  });
}

/**
 * The toolset's tools for this turn as Agents SDK function tools. Call it in `respond` with the
 * turn's `AgentContext` (unavailable servers are announced through it) and give the tools to the
 * agent you run.
 *
 * @example
 * ```ts
 * import type { Agent } from '@openai/agents';
 * import { createChatKitServer } from '@threadline/server';
 * import { AgentContext, streamAgentRun } from '@threadline/server/agents';
 * import type { McpToolset } from '@threadline/server/mcp';
 * import { mcpTools } from '@threadline/server/mcp/agents';
 * import { MemoryStore } from '@threadline/server/stores/memory';
 * // given: type Ctx = { userId: string };
 * // given: declare const baseAgent: Agent<AgentContext<Ctx>>;
 * // given: declare const tasksToolset: McpToolset<Ctx>;
 *
 * const server = createChatKitServer({
 *   store: new MemoryStore<Ctx>(),
 *   async *respond(thread, input, requestContext, { signal }) {
 *     const context = new AgentContext({ thread, store: this.store, requestContext, signal });
 *     const tools = await mcpTools(tasksToolset, context);
 *     const agent = baseAgent.clone({ tools: [...baseAgent.tools, ...tools] });
 *     yield* streamAgentRun(context, agent, input?.content[0]?.type === 'input_text' ? input.content[0].text : '');
 *   },
 * });
 * ```
 */
export async function mcpTools<TContext>(
  toolset: McpToolset<TContext>,
  context: AgentContext<TContext>,
): Promise<McpFunctionTool<TContext>[]> {
  return (await toolset.tools(context)).map((resolved) => mcpTool(resolved, context));
}
