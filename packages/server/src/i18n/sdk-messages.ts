/**
 * The English texts of the SDK that users read, as catalogue keys: friendly provider errors
 * (`providers/turn/friendly-errors.ts`) and the form texts (`forms/`). Texts only the model reads
 * stay English. `catalogs/` holds their translations; a test checks every locale has every key.
 */
export const SDK_MESSAGE_KEYS = [
  // Friendly provider errors
  'The AI service is receiving too many requests right now. Please wait a moment and try again.',
  'The assistant has used up its AI service quota. Please contact the site administrator.',
  'The AI service took too long to respond. Please try again.',
  'The AI service could not be reached. Please try again in a moment.',
  'The AI service is temporarily unavailable. Please try again in a few moments.',
  'The AI service could not process this request. Try rephrasing your message or removing attachments.',
  'This conversation is too long for the model. Please start a new thread or shorten your message.',
  'The assistant is not configured correctly: the AI service rejected its credentials. Please contact the site administrator.',
  'The assistant is not allowed to use this model or feature. Please contact the site administrator.',
  'The selected model is not available. Please choose another model or contact the site administrator.',
  // Turn checks (input limit, model and tool choice)
  'Your message is too long ({length} characters). Please shorten it to {max} characters or fewer and try again.',
  'The model "{model}" is not available. Please choose another model.',
  'The tool "{tool}" is not available.',
  // Forms
  'Please complete the form above first — or choose “Use your best judgement” or “Cancel” — and I will continue.',
  'The assistant could not show the form it prepared (its description was invalid). Please try again or rephrase your request.',
  'Submit',
  'Use your best judgement',
  'Cancel',
  'Submitted',
  'Best judgement',
  'Cancelled',
  'You asked the assistant to use its best judgement.',
  'You cancelled this form.',
  'Please check this box.',
  'This field is required.',
  'Choose one of the options.',
  'Enter a valid date.',
  'Keep it under {max} characters.',
] as const;

export type SdkMessageKey = (typeof SDK_MESSAGE_KEYS)[number];
