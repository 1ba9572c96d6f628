import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { kindForStatus, type ErrorClassifier } from '../turn/friendly-errors.js';

/**
 * Classifies `openai` SDK errors (also what `@openai/agents` surfaces): timeouts, connection
 * failures, exhausted quota (`insufficient_quota`, a 429 that retrying will not fix), context
 * overflow (`context_length_exceeded`), then the HTTP status. An error streamed mid-answer (no
 * status) counts as the provider being unavailable. Aborts are not classified.
 */
export const classifyOpenAIError: ErrorClassifier = (error) => {
  if (error instanceof APIUserAbortError) return undefined;
  if (error instanceof APIConnectionTimeoutError) return 'timeout';
  if (error instanceof APIConnectionError) return 'connection';
  if (!(error instanceof APIError)) return undefined;
  if (error.code === 'insufficient_quota') return 'quota';
  if (error.code === 'context_length_exceeded') return 'context_length';
  const status: unknown = error.status;
  return typeof status === 'number' ? kindForStatus(status) : 'unavailable';
};
