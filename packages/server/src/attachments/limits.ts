import { InvalidRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors.js';
import type { AttachmentCreateParams } from '../protocol/attachments.js';

/** What an upload may be. Every field has a default; pass only what you change. */
export interface AttachmentLimits {
  /** Largest accepted file, in bytes. Default 25 MB (25 000 000). */
  maxBytes: number;
  /**
   * Accepted MIME types; `image/*`-style wildcards and `*\/*` allowed. `undefined` (the default)
   * accepts every type; the bytes must still match the declared type.
   */
  allowedMimeTypes: readonly string[] | undefined;
  /** Most attachments one user message may reference. Default 10. */
  maxPerMessage: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: Readonly<AttachmentLimits> = Object.freeze({
  maxBytes: 25_000_000,
  allowedMimeTypes: undefined,
  maxPerMessage: 10,
});

const MAX_NAME_LENGTH = 255;
/** RFC 9110 token characters, the only ones allowed in a MIME type's type and subtype. */
const MIME_TYPE_PATTERN = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Fills in defaults and checks the numbers (a bad limit is a configuration mistake). */
export function resolveAttachmentLimits(limits: Partial<AttachmentLimits> = {}): AttachmentLimits {
  const resolved: AttachmentLimits = {
    maxBytes: limits.maxBytes ?? DEFAULT_ATTACHMENT_LIMITS.maxBytes,
    allowedMimeTypes: limits.allowedMimeTypes?.map((type) => type.trim().toLowerCase()),
    maxPerMessage: limits.maxPerMessage ?? DEFAULT_ATTACHMENT_LIMITS.maxPerMessage,
  };
  if (!Number.isSafeInteger(resolved.maxBytes) || resolved.maxBytes <= 0) {
    throw new RangeError(`maxBytes must be a positive integer, got ${resolved.maxBytes}`);
  }
  if (!Number.isSafeInteger(resolved.maxPerMessage) || resolved.maxPerMessage < 0) {
    throw new RangeError(
      `maxPerMessage must be a non-negative integer, got ${resolved.maxPerMessage}`,
    );
  }
  return resolved;
}

/**
 * The essence of a MIME type: lower-cased, parameters (`; charset=…`) dropped. `undefined` when
 * it is not a syntactically valid `type/subtype`.
 */
export function normalizeMimeType(raw: string): string | undefined {
  const essence = raw.split(';', 1)[0]!.trim().toLowerCase();
  return MIME_TYPE_PATTERN.test(essence) ? essence : undefined;
}

/** Whether `mimeType` (an essence) matches the allow-list; `undefined` allows everything. */
export function isMimeTypeAllowed(
  mimeType: string,
  allowed: readonly string[] | undefined,
): boolean {
  if (allowed === undefined) return true;
  const [type] = mimeType.split('/', 1);
  return allowed.some(
    (pattern) => pattern === mimeType || pattern === '*/*' || pattern === `${type}/*`,
  );
}

/** Throws `UnsupportedMediaTypeError` (415) unless the type is allowed. */
export function assertMimeTypeAllowed(mimeType: string, limits: AttachmentLimits): void {
  if (!isMimeTypeAllowed(mimeType, limits.allowedMimeTypes)) {
    throw new UnsupportedMediaTypeError(`Files of type ${mimeType} are not accepted`);
  }
}

/**
 * A display name for an attachment: the last path segment, trimmed. Names are only ever shown,
 * never used as paths; control characters and over-long names are refused (400).
 */
export function validateAttachmentName(
  raw: string,
  path = 'params.name',
  fallback?: string,
): string {
  const name = (raw.split(/[\\/]/).pop() ?? '').trim() || (fallback ?? '');
  const problem =
    name === ''
      ? 'must not be empty'
      : name.length > MAX_NAME_LENGTH
        ? `must be at most ${MAX_NAME_LENGTH} characters`
        : CONTROL_CHARACTERS.test(name)
          ? 'must not contain control characters'
          : undefined;
  if (problem)
    throw new InvalidRequestError(`Invalid attachment name: ${problem}`, [
      { path, message: problem },
    ]);
  return name;
}

/** A declared MIME type, normalized; 400 when malformed, 415 when not allowed. */
export function validateMimeType(
  raw: string,
  limits: AttachmentLimits,
  path = 'params.mime_type',
): string {
  const mimeType = normalizeMimeType(raw);
  if (mimeType === undefined) {
    throw new InvalidRequestError(`Invalid MIME type "${raw}"`, [
      { path, message: 'must be a MIME type such as image/png' },
    ]);
  }
  assertMimeTypeAllowed(mimeType, limits);
  return mimeType;
}

/** Throws `PayloadTooLargeError` (413) when `size` exceeds the limit. */
export function assertSizeAllowed(size: number, limits: AttachmentLimits): void {
  if (size > limits.maxBytes) {
    throw new PayloadTooLargeError(`Attachments may be at most ${limits.maxBytes} bytes`);
  }
}

/** The name given to an attachment whose browser reported none. */
export const DEFAULT_ATTACHMENT_NAME = 'file';
/** The type an attachment has until its bytes are sniffed, when the browser reported none. */
export const UNKNOWN_MIME_TYPE = 'application/octet-stream';

/** The validated params of `attachments.create` (two-phase upload, phase 1). */
export interface ValidatedAttachmentParams {
  name: string;
  /** `undefined` when the browser did not know it (-1 or 0): the limit applies to the bytes. */
  size: number | undefined;
  /** Normalized essence (`image/png`); `application/octet-stream` when `typeUnknown`. */
  mimeType: string;
  /** The browser reported no type (`""`): it is sniffed from the uploaded bytes. */
  typeUnknown: boolean;
}

/**
 * Validates `attachments.create` params as a browser sends them (docs/protocol.md §2.14): an
 * empty name becomes `file`, size -1 (or 0) means unknown, an empty type means "sniff the bytes".
 * Refused: a name with control characters or too long (400), a size over `maxBytes` (413), a
 * malformed (400) or not allowed (415) type.
 */
export function validateAttachmentParams(
  params: AttachmentCreateParams,
  limits: AttachmentLimits,
): ValidatedAttachmentParams {
  const name = validateAttachmentName(params.name, 'params.name', DEFAULT_ATTACHMENT_NAME);
  if (!Number.isSafeInteger(params.size) || params.size < -1) {
    throw new InvalidRequestError('Attachment size must be a number of bytes, or -1 when unknown', [
      { path: 'params.size', message: 'must be a number of bytes, or -1 when unknown' },
    ]);
  }
  const size = params.size > 0 ? params.size : undefined;
  if (size !== undefined) assertSizeAllowed(size, limits);
  const typeUnknown = params.mime_type.trim() === '';
  // An unknown type is checked against the allow-list once the bytes have told what it is.
  const mimeType = typeUnknown ? UNKNOWN_MIME_TYPE : validateMimeType(params.mime_type, limits);
  return { name, size, mimeType, typeUnknown };
}

/** Throws `InvalidRequestError` (400) when a message references more attachments than allowed. */
export function assertAttachmentCount(
  attachmentIds: readonly string[],
  limits: AttachmentLimits,
): void {
  const count = new Set(attachmentIds).size;
  if (count > limits.maxPerMessage) {
    throw new InvalidRequestError(
      `A message may carry at most ${limits.maxPerMessage} attachments`,
      [{ path: 'params.input.attachments', message: `at most ${limits.maxPerMessage} items` }],
    );
  }
}
