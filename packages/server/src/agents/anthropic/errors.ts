import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk';
import {
  kindForStatus,
  type ErrorClassifier,
  type ProviderErrorKind,
} from '../../turn/friendly-errors.js';

/** Anthropic's error `type`s, for errors that arrive mid-stream without an HTTP status. */
const KIND_BY_TYPE: Readonly<Record<string, ProviderErrorKind>> = {
  rate_limit_error: 'rate_limit',
  overloaded_error: 'unavailable',
  api_error: 'unavailable',
  timeout_error: 'timeout',
  invalid_request_error: 'bad_request',
  request_too_large: 'context_length',
  authentication_error: 'authentication',
  permission_error: 'permission',
  not_found_error: 'not_found',
  billing_error: 'quota',
};

/**
 * Classifies `@anthropic-ai/sdk` errors: timeouts, connection failures, then the HTTP status (529
 * "overloaded" counts as unavailable), then the error `type` of an error streamed mid-answer.
 * Aborts are not classified.
 */
export const classifyAnthropicError: ErrorClassifier = (error) => {
  if (error instanceof APIUserAbortError) return undefined;
  if (error instanceof APIConnectionTimeoutError) return 'timeout';
  if (error instanceof APIConnectionError) return 'connection';
  if (!(error instanceof APIError)) return undefined;
  const status: unknown = error.status;
  if (typeof status === 'number') return kindForStatus(status);
  return (error.type ? KIND_BY_TYPE[error.type] : undefined) ?? 'unavailable';
};
