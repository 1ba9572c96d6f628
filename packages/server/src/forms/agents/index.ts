/**
 * @module The form tool for `@openai/agents`: `createFormTool` (Agents SDK tool + provider tool
 * sharing one `FormInteractions`) and `formAgentTool`. Needs `@openai/agents`.
 */
import { tool, type FunctionTool, type RunContext } from '@openai/agents';
import type { AgentContext } from '../../agents/agent-context.js';
import { ConfigurationError } from '../../errors.js';
import type { ChatTool } from '../../providers/tool.js';
import { TurnContext } from '../../providers/turn-context.js';
import { FORM_TOOL_NAME, FormInteractions } from '../form-interactions.js';
import { FormRequestSchema, type FormRequest } from '../form-spec.js';
import { FORM_TOOL_DESCRIPTION, formChatTool, type FormToolOptions } from '../form-tool.js';

/** The form tool as an Agents SDK function tool. */
export type FormAgentTool<TContext> = FunctionTool<
  AgentContext<TContext>,
  typeof FormRequestSchema,
  string
>;

/**
 * The form tool for an Agents SDK agent. List its name in the agent's
 * `toolUseBehavior: { stopAtToolNames: [...] }` so the run ends once the form is shown.
 */
export function formAgentTool<TContext>(
  interactions: FormInteractions<TContext>,
  options: FormToolOptions = {},
): FormAgentTool<TContext> {
  const name = options.name ?? FORM_TOOL_NAME;
  return tool({
    name,
    description: options.description ?? FORM_TOOL_DESCRIPTION,
    parameters: FormRequestSchema,
    async execute(request: FormRequest, runContext?: RunContext<AgentContext<TContext>>) {
      const context = runContext?.context;
      if (!(context instanceof TurnContext)) {
        throw new ConfigurationError(`The ${name} tool needs an AgentContext as the run context`);
      }
      return interactions.present(context, request, name);
    },
  });
}

/** The form tool in both flavours, sharing one {@link FormInteractions}. */
export interface FormTool<TContext> {
  readonly name: string;
  readonly interactions: FormInteractions<TContext>;
  /** For `@openai/agents` (add `name` to `stopAtToolNames`). */
  readonly agentTool: FormAgentTool<TContext>;
  /** For the provider tool loops. */
  readonly chatTool: ChatTool<TContext, FormRequest>;
}

/**
 * Creates the human-in-the-loop form tool: the model calls it with a form description, the user
 * sees a form widget, the turn ends; the answer comes back through `interactions.handleFormAction`.
 *
 * @example
 * ```ts
 * import { Agent } from '@openai/agents';
 * import type { AgentContext } from '@threadline/server/agents';
 * import { createFormTool } from '@threadline/server/forms/agents';
 *
 * type Ctx = { userId: string };
 * const forms = createFormTool<Ctx>();
 * const agent = new Agent<AgentContext<Ctx>>({
 *   name: 'Assistant',
 *   tools: [forms.agentTool],
 *   toolUseBehavior: { stopAtToolNames: [forms.name] },
 * });
 * // In the server: forms.interactions.guardPendingForm(…) in respond(), handleFormAction(…) in action().
 * ```
 */
export function createFormTool<TContext>(
  options: FormToolOptions & { interactions?: FormInteractions<TContext> | undefined } = {},
): FormTool<TContext> {
  const interactions = options.interactions ?? new FormInteractions<TContext>();
  const name = options.name ?? FORM_TOOL_NAME;
  const toolOptions = { name, description: options.description };
  return {
    name,
    interactions,
    agentTool: formAgentTool(interactions, toolOptions),
    chatTool: formChatTool(interactions, toolOptions),
  };
}
