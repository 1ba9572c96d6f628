import { jsonError } from '@threadline/server/http';

/** A client-safe JSON error in the SDK's shape: `{ "error": { "code", "message" } }`. */
export const errorJson = (
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): Response => jsonError(status, { error: { code, message } }, headers);
