import { InvalidRequestError, StoreUnavailableError, ThreadlineError } from '../errors.js';

/** The single code → HTTP status table. Anything not listed is a 500 with a generic message. */
const STATUS_BY_CODE: Record<string, number> = {
  invalid_request: 400,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  not_implemented: 501,
  store_unavailable: 503,
};

export interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

/** A JSON error response; never leaks a stack trace or an internal message. */
export function jsonError(status: number, body: ErrorBody, headers?: HeadersInit): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** Maps an error to its HTTP response; the boolean says whether it was unexpected (log it). */
export function errorResponse(error: unknown): { response: Response; unexpected: boolean } {
  if (error instanceof ThreadlineError) {
    const status = STATUS_BY_CODE[error.code];
    if (status !== undefined) {
      const body: ErrorBody = { error: { code: error.code, message: error.message } };
      if (error instanceof InvalidRequestError && error.issues.length > 0) {
        body.error.issues = error.issues;
      }
      const headers =
        error instanceof StoreUnavailableError
          ? { 'retry-after': String(error.retryAfterSeconds) }
          : undefined;
      return { response: jsonError(status, body, headers), unexpected: false };
    }
  }
  return {
    response: jsonError(500, {
      error: { code: 'internal_error', message: 'The server failed to process the request' },
    }),
    unexpected: true,
  };
}
