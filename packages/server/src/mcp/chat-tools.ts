import { z } from 'zod';
import type { ChatTool } from '../providers/tool.js';
import type { TurnContext } from '../providers/turn-context.js';
import type { JsonSchemaObject, McpTool, McpToolset } from './toolset.js';

/** Keys zod's registry treats specially (`id` names a `$defs` entry); never copied into metadata. */
const RESERVED_META_KEYS = new Set(['id', '$id', '$schema']);

/**
 * A zod schema that accepts any arguments (the MCP server validates them) and converts back to
 * exactly the server's JSON Schema, so `toolJsonSchema` sends the model what the server declared.
 */
export function passThroughParameters(inputSchema: JsonSchemaObject): z.ZodType<unknown> {
  const meta: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(inputSchema)) {
    if (!RESERVED_META_KEYS.has(key)) meta[key] = value;
  }
  meta.type = 'object';
  meta.properties ??= {};
  return z.unknown().meta(meta);
}

/** One MCP tool as a provider tool-loop tool (`@threadline/server/providers`). */
export function toChatTool<TContext>(tool: McpTool<TContext>): ChatTool<TContext, unknown> {
  return {
    name: tool.name,
    description: tool.description,
    parameters: passThroughParameters(tool.inputSchema),
    execute: (args: unknown, context: TurnContext<TContext>) => tool.call(args, context),
  };
}

/**
 * The toolset's tools for this turn as provider tool-loop tools, for `streamChatCompletions`,
 * `streamAnthropicMessages` or `runToolLoop`.
 *
 * @example
 * ```ts
 * import { createChatKitServer } from '@threadline/server';
 * import { mcpChatTools, type McpToolset } from '@threadline/server/mcp';
 * import { loadHistoryInput, TurnContext, type ChatTool } from '@threadline/server/providers';
 * import { streamChatCompletions } from '@threadline/server/providers/openai-chat';
 * import { MemoryStore } from '@threadline/server/stores/memory';
 * import OpenAI from 'openai';
 * // given: type Ctx = { userId: string };
 * // given: declare const myTools: ChatTool<Ctx, unknown>[];
 * // given: declare const tasksToolset: McpToolset<Ctx>;
 *
 * const client = new OpenAI();
 * const server = createChatKitServer({
 *   store: new MemoryStore<Ctx>(),
 *   async *respond(thread, input, requestContext, { signal }) {
 *     const context = new TurnContext({ thread, store: this.store, requestContext, signal });
 *     const tools = [...myTools, ...(await mcpChatTools(tasksToolset, context))];
 *     const history = await loadHistoryInput(this.store, thread, requestContext);
 *     yield* streamChatCompletions(context, { client, model: 'gpt-4.1-mini', input: history, tools });
 *   },
 * });
 * ```
 */
export async function mcpChatTools<TContext>(
  toolset: McpToolset<TContext>,
  context: TurnContext<TContext>,
): Promise<ChatTool<TContext, unknown>[]> {
  return (await toolset.tools(context)).map(toChatTool);
}
