/** What the model reads about the form tool. */
export const FORM_TOOL_DESCRIPTION =
  'Ask the user to fill in a form when you need several answers from them, a choice among options or a date. ' +
  'The form appears in the chat and your turn ends; the answers (or the user asking you to use your best judgement, ' +
  'or cancelling) arrive in the next turn. Fields: text, textarea, select, radio, checkbox, date.';

/** Options of the form tool (`@threadline/server/forms/agents`). */
export interface FormToolOptions {
  /** Default `ask_user_form`. */
  name?: string | undefined;
  description?: string | undefined;
}
