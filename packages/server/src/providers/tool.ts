import { z } from 'zod';
import type { TurnContext } from './turn-context.js';

/** The call a tool is executing: the model's call id and the tool name. */
export interface ToolCallInfo {
  id: string;
  name: string;
}

/**
 * A tool for the provider tool loops (Chat Completions, Anthropic, your own): zod parameters, and an
 * `execute` that receives the parsed arguments and the turn's {@link TurnContext}, through which it
 * may stream progress updates, widgets, workflows or client effects while it runs, or set
 * `context.clientToolCall` to hand the call to the browser. Return any JSON value or a string.
 */
export interface ChatTool<TContext = unknown, TArgs = unknown> {
  readonly name: string;
  readonly description: string;
  readonly parameters: z.ZodType<TArgs>;
  execute(args: TArgs, context: TurnContext<TContext>, call: ToolCallInfo): unknown;
}

/**
 * Defines a {@link ChatTool} with its argument type inferred from the zod schema.
 *
 * @example
 * ```ts
 * import { defineTool } from '@threadline/server/providers';
 * import { z } from 'zod';
 *
 * const weather = defineTool({
 *   name: 'get_weather',
 *   description: 'Current weather for a city',
 *   parameters: z.object({ city: z.string() }),
 *   async execute({ city }, ctx) {
 *     await ctx.stream({ type: 'progress_update', icon: 'globe', text: `Looking up ${city}…` });
 *     return { city, temperature: 21 };
 *   },
 * });
 * ```
 */
export function defineTool<TSchema extends z.ZodType, TContext = unknown>(tool: {
  name: string;
  description: string;
  parameters: TSchema;
  execute(args: z.output<TSchema>, context: TurnContext<TContext>, call: ToolCallInfo): unknown;
}): ChatTool<TContext, z.output<TSchema>> {
  return tool as ChatTool<TContext, z.output<TSchema>>;
}

/** The JSON Schema of a tool's parameters, as function-calling APIs expect it (no `$schema`). */
export function toolJsonSchema(tool: ChatTool<never, unknown>): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(tool.parameters, {
    io: 'input',
  }) as Record<string, unknown>;
  return schema;
}
