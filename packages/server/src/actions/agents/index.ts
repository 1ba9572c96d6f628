/**
 * @module Client tools for `@openai/agents`: `clientTool` makes a function tool that hands the
 * call to the browser (a pending `client_tool_call`). Needs `@openai/agents`.
 */
import { tool, type FunctionTool, type RunContext } from '@openai/agents';
import type { z } from 'zod';
import type { AgentContext } from '../../agents/agent-context.js';
import { ConfigurationError } from '../../errors.js';
import { TurnContext } from '../../turn/turn-context.js';
import { requestClientToolCall, type ClientToolOptions } from '../client-tools.js';

/**
 * A client tool for an Agents SDK agent: when the model calls it, `AgentContext.clientToolCall` is
 * set and, with the tool listed in the agent's `toolUseBehavior: { stopAtToolNames: [...] }`, the
 * run stops; `streamAgentResponse` then emits the pending `client_tool_call` item. The client runs
 * it (`onClientTool`) and posts `threads.add_client_tool_output`; your `respond` resumes the run
 * with the output in the history. One client tool call per turn.
 *
 * @example
 * ```ts
 * import { Agent } from '@openai/agents';
 * import { clientTool } from '@threadline/server/actions/agents';
 * import type { AgentContext } from '@threadline/server/agents';
 * import { z } from 'zod';
 *
 * type Ctx = { userId: string };
 * const getSelection = clientTool<Ctx>({
 *   name: 'get_selection',
 *   description: 'The text the user selected',
 *   parameters: z.object({}),
 * });
 * const agent = new Agent<AgentContext<Ctx>>({
 *   name: 'Assistant',
 *   tools: [getSelection],
 *   toolUseBehavior: { stopAtToolNames: [getSelection.name] },
 * });
 * ```
 */
export function clientTool<TContext = unknown>(
  options: ClientToolOptions<z.ZodObject>,
): FunctionTool<AgentContext<TContext>, z.ZodObject, string> {
  return tool({
    name: options.name,
    description: options.description,
    parameters: options.parameters,
    async execute(input, runContext?: RunContext<AgentContext<TContext>>) {
      const context = runContext?.context;
      if (!(context instanceof TurnContext)) {
        throw new ConfigurationError(
          `Client tool ${options.name} needs an AgentContext as the run context`,
        );
      }
      return requestClientToolCall(context, options.name, input);
    },
  });
}
