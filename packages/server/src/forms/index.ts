/**
 * @module Form-based human-in-the-loop: `FormInteractions` (pending forms stored in
 * `thread.metadata`, the form and summary widgets, validation, the `human.*` actions and the
 * pending-form guard), the form tool's description and options, server helpers
 * (`handleFormAction`, `guardPendingForm`, `registerFormActions`) and `structured_input` helpers.
 * Agents SDK tool: `@threadline/server/forms/agents`. Needs only zod.
 */
export {
  DEFAULT_FORM_METADATA_KEY,
  DEFAULT_FORM_TEXTS,
  FORM_TOOL_NAME,
  FormInteractions,
  type FormActionArgs,
  type FormInteractionsOptions,
  type FormTexts,
  type PendingForm,
} from './form-interactions.js';
export {
  FORM_FIELD_TYPES,
  FormRequestSchema,
  FormSpecSchema,
  validateAnswers,
  type FormAnswers,
  type FormAnswerValue,
  type FormField,
  type FormFieldType,
  type FormRequest,
  type FormSpec,
  type FormValidation,
} from './form-spec.js';
export {
  DEFAULT_FORM_WIDGET_TEXTS,
  FORM_ACTIONS,
  formSummaryWidget,
  formWidget,
  type FormActionType,
  type FormOutcome,
  type FormWidgetState,
  type FormWidgetTexts,
} from './form-widget.js';
export { FORM_TOOL_DESCRIPTION, type FormToolOptions } from './form-tool.js';
export { guardPendingForm, handleFormAction, registerFormActions } from './form-server.js';
export {
  streamStructuredInput,
  structuredInputItem,
  type StructuredInputQuestion,
} from './structured-input.js';
