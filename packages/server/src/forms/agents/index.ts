/**
 * @module The form tool for `@openai/agents`: `createFormTool` (the tool, its `toolUseBehavior` and
 * the `FormInteractions` they share) and `formTool`. Needs `@openai/agents`.
 */
import {
  tool,
  type FunctionTool,
  type RunContext,
  type ToolToFinalOutputFunction,
} from '@openai/agents';
import type { AgentContext } from '../../agents/agent-context.js';
import { ConfigurationError } from '../../errors.js';
import { TurnContext } from '../../turn/turn-context.js';
import { FORM_TOOL_NAME, FormInteractions } from '../form-interactions.js';
import { FormRequestSchema } from '../form-spec.js';
import { FORM_TOOL_DESCRIPTION, type FormToolOptions } from '../form-tool.js';

/** The form tool as an Agents SDK function tool (JSON-schema parameters, validated in the tool). */
export type FormFunctionTool<TContext> = FunctionTool<
  AgentContext<TContext>,
  FormJsonSchema,
  string
>;
type FormJsonSchema = FunctionTool['parameters'];

/** The strict JSON schema the Agents SDK derives from `FormRequestSchema` (computed once). */
let formJsonSchema: FormJsonSchema | undefined;
const formParameters = () =>
  (formJsonSchema ??= tool({
    name: FORM_TOOL_NAME,
    description: '',
    parameters: FormRequestSchema,
    execute: () => '',
  }).parameters);

/** Zod issues as the model should read them. */
const describeIssues = (issues: readonly { path: PropertyKey[]; message: string }[]): string =>
  issues
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');

/**
 * The form tool for an Agents SDK agent. Give the agent `toolUseBehavior: formTool.toolUseBehavior`
 * (from {@link createFormTool}) so the run ends once the form is shown, and only then. The tool
 * validates its own arguments so invalid ones reach the model once with what is wrong, and a
 * second invalid call ends the turn with an error for the user (`FormInteractions.invalidCall`);
 * the Agents SDK would otherwise fail the run or hide the error.
 */
export function formTool<TContext>(
  interactions: FormInteractions<TContext>,
  options: FormToolOptions = {},
): FormFunctionTool<TContext> {
  const name = options.name ?? FORM_TOOL_NAME;
  return tool({
    name,
    description: options.description ?? FORM_TOOL_DESCRIPTION,
    // Derived from the zod schema with `strict: true`, so it is a strict object schema.
    parameters: formParameters() as Extract<FormJsonSchema, { additionalProperties: false }>,
    strict: true,
    async execute(input: unknown, runContext?: RunContext<AgentContext<TContext>>) {
      const context = runContext?.context;
      if (!(context instanceof TurnContext)) {
        throw new ConfigurationError(`The ${name} tool needs an AgentContext as the run context`);
      }
      const parsed = FormRequestSchema.safeParse(input);
      if (!parsed.success) {
        const got = JSON.stringify(input)?.slice(0, 500) ?? String(input);
        const problem = `${describeIssues(parsed.error.issues)} (got ${got}).`;
        return interactions.invalidCall(context, name, problem);
      }
      return interactions.present(context, parsed.data, name);
    },
    // Errors (a second invalid call's CustomStreamError included) end the turn, never silently.
    errorFunction: (_runContext, error) => {
      throw error;
    },
  });
}

/**
 * Ends the run once a form is shown (the user's answer resumes it), and not when the form tool
 * only returned an error for the model to correct.
 */
export function formToolUseBehavior<TContext>(
  interactions: FormInteractions<TContext>,
  name: string = FORM_TOOL_NAME,
): ToolToFinalOutputFunction {
  return (runContext, results) => {
    const shown = results.find(
      (result) =>
        result.type === 'function_output' &&
        result.tool.name === name &&
        interactions.presented(runContext.context as object),
    );
    return shown && shown.type === 'function_output'
      ? { isFinalOutput: true, isInterrupted: undefined, finalOutput: String(shown.output) }
      : { isFinalOutput: false, isInterrupted: undefined };
  };
}

/** The form tool and its run behaviour, sharing one {@link FormInteractions}. */
export interface FormTool<TContext> {
  readonly name: string;
  readonly interactions: FormInteractions<TContext>;
  /** For `@openai/agents`, with `toolUseBehavior` below. */
  readonly tool: FormFunctionTool<TContext>;
  /** The agent's `toolUseBehavior`: stop once the form is shown. */
  readonly toolUseBehavior: ToolToFinalOutputFunction;
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
 *   tools: [forms.tool],
 *   toolUseBehavior: forms.toolUseBehavior,
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
    tool: formTool(interactions, toolOptions),
    toolUseBehavior: formToolUseBehavior(interactions, name),
  };
}
