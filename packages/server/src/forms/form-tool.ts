import { defineTool, type ChatTool } from '../providers/tool.js';
import { FORM_TOOL_NAME, type FormInteractions } from './form-interactions.js';
import { FormRequestSchema, type FormRequest } from './form-spec.js';

/** What the model reads about the form tool. */
export const FORM_TOOL_DESCRIPTION =
  'Ask the user to fill in a form when you need several answers from them, a choice among options or a date. ' +
  'The form appears in the chat and your turn ends; the answers (or the user asking you to use your best judgement, ' +
  'or cancelling) arrive in the next turn. Fields: text, textarea, select, radio, checkbox, date.';

/** Options of the form tools. */
export interface FormToolOptions {
  /** Default `ask_user_form`. */
  name?: string | undefined;
  description?: string | undefined;
}

/**
 * The form tool for the provider tool loops (`streamChatCompletions`, `streamAnthropicMessages`,
 * `runToolLoop`). These loops cannot stop on a tool yet, so the model is called once more and reads
 * that it must end its turn; with the Agents SDK use `createFormTool` from
 * `@threadline/server/forms/agents`, which stops the run.
 */
export function formChatTool<TContext>(
  interactions: FormInteractions<TContext>,
  options: FormToolOptions = {},
): ChatTool<TContext, FormRequest> {
  const name = options.name ?? FORM_TOOL_NAME;
  return defineTool<typeof FormRequestSchema, TContext>({
    name,
    description: options.description ?? FORM_TOOL_DESCRIPTION,
    parameters: FormRequestSchema,
    execute: (request, context) => interactions.present(context, request, name),
  });
}
