import type { z } from 'zod';
import { InvalidRequestError, type RequestIssue } from '../errors.js';
import { ChatKitReqSchema, REQUEST_TYPES, type ChatKitReq } from '../protocol/requests.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

const formatPath = (path: readonly PropertyKey[]): string =>
  path
    .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
    .join('.')
    .replace(/\.\[/g, '[');

function toIssues(error: z.ZodError): RequestIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/**
 * Parses a request body (raw bytes, text, or an already-parsed object) into a typed request.
 * Every failure is an `InvalidRequestError` naming the offending field, raised before any stream
 * opens (the reference raises a bare ValidationError that hosts turn into a 500).
 */
export function parseRequest(body: string | Uint8Array | ArrayBuffer | object): ChatKitReq {
  let raw: unknown = body;
  if (typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer) {
    let text: string;
    try {
      text = typeof body === 'string' ? body : decoder.decode(body);
    } catch (cause) {
      throw new InvalidRequestError('Request body is not valid UTF-8', [], { cause });
    }
    try {
      raw = JSON.parse(text);
    } catch (cause) {
      throw new InvalidRequestError('Request body is not valid JSON', [], { cause });
    }
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InvalidRequestError('Request body must be a JSON object with "type" and "params"');
  }
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string') {
    throw new InvalidRequestError('Request "type" is missing', [
      { path: 'type', message: 'Required: one of the ChatKit request types' },
    ]);
  }
  if (!(REQUEST_TYPES as readonly string[]).includes(type)) {
    throw new InvalidRequestError(`Unknown request type "${type}"`, [
      { path: 'type', message: `Expected one of: ${REQUEST_TYPES.join(', ')}` },
    ]);
  }
  const parsed = ChatKitReqSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = toIssues(parsed.error);
    const first = issues[0];
    throw new InvalidRequestError(
      first
        ? `Invalid ${type} request: ${first.path || '(body)'}: ${first.message}`
        : `Invalid ${type} request`,
      issues,
    );
  }
  return parsed.data;
}
