/**
 * Every Threadline error class. Named for who must act; no HTTP knowledge here
 * (the status table lives in `http/error-response.ts`).
 */

/** Base of every error Threadline throws on purpose. `code` is stable; branch on it, never on text. */
export abstract class ThreadlineError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One problem in a request body, with the dotted path of the offending field. */
export interface RequestIssue {
  path: string;
  message: string;
}

/** The client sent something we cannot process: bad JSON, unknown op, invalid params. Maps to 400. */
export class InvalidRequestError extends ThreadlineError {
  readonly code = 'invalid_request';
  constructor(
    message: string,
    readonly issues: RequestIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A thread, item or attachment is missing, or belongs to someone else (never say which). Maps to 404. */
export class NotFoundError extends ThreadlineError {
  readonly code = 'not_found';
}

/** The request body is larger than the configured limit. Maps to 413. */
export class PayloadTooLargeError extends ThreadlineError {
  readonly code = 'payload_too_large';
}

/** The content's type is not accepted: outside the MIME allow-list, or bytes that disguise another type. Maps to 415. */
export class UnsupportedMediaTypeError extends ThreadlineError {
  readonly code = 'unsupported_media_type';
}

/** A request that is well-formed but not allowed by the thread's state (e.g. retrying an assistant message). Maps to 409. */
export class ConflictError extends ThreadlineError {
  readonly code = 'conflict';
}

/**
 * The store is down, stalled or out of connections (a connect, statement or pool-acquire timeout).
 * Maps to 503 with `Retry-After`: the request may be retried as is.
 */
export class StoreUnavailableError extends ThreadlineError {
  readonly code = 'store_unavailable';
  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The integration did not implement a hook the client called (e.g. `transcribe`). Maps to 501. */
export class NotImplementedError extends ThreadlineError {
  readonly code = 'not_implemented';
}

/** Integrator misuse: a missing attachment store, a bad option. Thrown at construction or first use. */
export class ConfigurationError extends ThreadlineError {
  readonly code = 'configuration_error';
}

/** Base of the errors that become a stream `error` event (chatkit-python `BaseStreamError`). */
export abstract class BaseStreamError extends ThreadlineError {
  abstract readonly allowRetry: boolean;
}

/** Code-based stream error; the client shows its own localized text. `stream.error` retries by default. */
export class StreamError extends BaseStreamError {
  readonly allowRetry: boolean;
  constructor(
    readonly code: string = 'stream.error',
    options: { allowRetry?: boolean; cause?: unknown } = {},
  ) {
    super(`Stream error: ${code}`, { cause: options.cause });
    this.allowRetry = options.allowRetry ?? code === 'stream.error';
  }
}

/** Stream error whose message the client shows verbatim (localize before raising). */
export class CustomStreamError extends BaseStreamError {
  readonly code = 'custom';
  readonly allowRetry: boolean;
  constructor(message: string, options: { allowRetry?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.allowRetry = options.allowRetry ?? false;
  }
}
