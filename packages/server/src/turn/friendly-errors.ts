import { BaseStreamError, CustomStreamError } from '../errors.js';
import type { ThreadStreamEventInput } from '../protocol/events.js';
import { translator } from '../i18n/catalog.js';
import { SDK_CATALOGS } from '../i18n/sdk-catalogs.js';

/** What went wrong talking to a model provider, as far as the user is concerned. */
export type ProviderErrorKind =
  | 'rate_limit'
  | 'quota'
  | 'timeout'
  | 'connection'
  | 'unavailable'
  | 'bad_request'
  | 'context_length'
  | 'authentication'
  | 'permission'
  | 'not_found';

/** Recognises provider errors; undefined for anything else (which is left untouched). */
export type ErrorClassifier = (error: unknown) => ProviderErrorKind | undefined;

/** The user-facing text and retry flag for each kind. */
export const FRIENDLY_ERROR_MESSAGES: Readonly<
  Record<ProviderErrorKind, { message: string; allowRetry: boolean }>
> = {
  rate_limit: {
    message:
      'The AI service is receiving too many requests right now. Please wait a moment and try again.',
    allowRetry: true,
  },
  quota: {
    message:
      'The assistant has used up its AI service quota. Please contact the site administrator.',
    allowRetry: false,
  },
  timeout: {
    message: 'The AI service took too long to respond. Please try again.',
    allowRetry: true,
  },
  connection: {
    message: 'The AI service could not be reached. Please try again in a moment.',
    allowRetry: true,
  },
  unavailable: {
    message: 'The AI service is temporarily unavailable. Please try again in a few moments.',
    allowRetry: true,
  },
  bad_request: {
    message:
      'The AI service could not process this request. Try rephrasing your message or removing attachments.',
    allowRetry: false,
  },
  context_length: {
    message:
      'This conversation is too long for the model. Please start a new thread or shorten your message.',
    allowRetry: false,
  },
  authentication: {
    message:
      'The assistant is not configured correctly: the AI service rejected its credentials. Please contact the site administrator.',
    allowRetry: false,
  },
  permission: {
    message:
      'The assistant is not allowed to use this model or feature. Please contact the site administrator.',
    allowRetry: false,
  },
  not_found: {
    message:
      'The selected model is not available. Please choose another model or contact the site administrator.',
    allowRetry: false,
  },
};

/** Maps an HTTP status to a kind: 429, 408, 413, 400/422, 401, 403, 404, 409 and 5xx. */
export function kindForStatus(status: number): ProviderErrorKind | undefined {
  if (status === 429) return 'rate_limit';
  if (status === 408) return 'timeout';
  if (status === 413) return 'context_length';
  if (status === 400 || status === 422) return 'bad_request';
  if (status === 401) return 'authentication';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 409 || status >= 500) return 'unavailable';
  return undefined;
}

/**
 * A classifier for any SDK whose errors carry a numeric `status` (openai, @anthropic-ai/sdk and most
 * HTTP clients). Errors without a status are not recognised; the SDK-specific classifiers
 * (`classifyOpenAIError`, `classifyAnthropicError`) also recognise timeouts and connection errors.
 */
export const classifyByStatus: ErrorClassifier = (error) => {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? kindForStatus(status) : undefined;
};

/** Options of {@link toFriendlyError} and {@link withFriendlyErrors}. */
export interface FriendlyErrorOptions {
  /** Default {@link classifyByStatus}. */
  classify?: ErrorClassifier | undefined;
  /** Override some of {@link FRIENDLY_ERROR_MESSAGES} (used as written, in any locale). */
  messages?:
    Partial<Record<ProviderErrorKind, { message: string; allowRetry: boolean }>> | undefined;
  /**
   * The user's locale (`fr`, `de-AT`, an `Accept-Language` list…): the built-in messages in that
   * language (`SDK_CATALOGS`), English for a locale without a catalogue.
   */
  locale?: string | readonly string[] | undefined;
}

/**
 * A provider failure as a `CustomStreamError` the user can act on (429 → retryable "too many
 * requests", 401 → "contact the administrator", …); the original error is kept as `cause`.
 * Stream errors you raised yourself, and errors the classifier does not recognise, are returned
 * unchanged (the server then sends a generic, retryable `stream.error`).
 */
export function toFriendlyError(error: unknown, options: FriendlyErrorOptions = {}): unknown {
  if (error instanceof BaseStreamError) return error;
  const kind = (options.classify ?? classifyByStatus)(error);
  if (kind === undefined) return error;
  const custom = options.messages?.[kind];
  if (custom)
    return new CustomStreamError(custom.message, { allowRetry: custom.allowRetry, cause: error });
  const { message, allowRetry } = FRIENDLY_ERROR_MESSAGES[kind];
  const t = translator(SDK_CATALOGS, options.locale);
  return new CustomStreamError(t(message), { allowRetry, cause: error });
}

/** Re-yields `events`, converting a thrown provider error with {@link toFriendlyError}. */
export async function* withFriendlyErrors<T = ThreadStreamEventInput>(
  events: AsyncIterable<T>,
  options: FriendlyErrorOptions = {},
): AsyncGenerator<T, void, undefined> {
  try {
    yield* events;
  } catch (error) {
    throw toFriendlyError(error, options);
  }
}
