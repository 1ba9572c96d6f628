import { fileTypeFromBuffer, supportedMimeTypes } from 'file-type';
import { UnsupportedMediaTypeError } from '../errors.js';
import { isMimeTypeAllowed } from './limits.js';

/** How many leading bytes are inspected (file-type's own detection window). */
export const SNIFF_BYTES = 4100;

/** Spellings of one type that browsers and OSes send interchangeably. */
const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
  'image/vnd.microsoft.icon': 'image/x-icon',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/mp3': 'audio/mpeg',
  'audio/x-mp3': 'audio/mpeg',
  'audio/mpeg3': 'audio/mpeg',
  'audio/x-flac': 'audio/flac',
  'application/x-zip-compressed': 'application/zip',
  'application/x-zip': 'application/zip',
  'application/x-pdf': 'application/pdf',
  'text/xml': 'application/xml',
};

/** Declared types whose absence of a signature means the bytes are something else. */
const SIGNATURE_REQUIRED = new Set([
  'application/pdf',
  'application/zip',
  'application/gzip',
  'application/x-7z-compressed',
  'application/x-rar-compressed',
  'application/vnd.rar',
]);

/** Legacy Office formats, stored in a Compound File Binary container. */
const CFB_FORMATS = new Set([
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.ms-outlook',
  'application/vnd.visio',
]);

const ZIP_FORMATS = new Set([
  'application/epub+zip',
  'application/java-archive',
  'application/vnd.android.package-archive',
]);

const TEXTUAL_APPLICATION_TYPES = new Set([
  'application/json',
  'application/xml',
  'application/javascript',
  'application/x-javascript',
  'application/ecmascript',
  'application/x-ndjson',
  'application/yaml',
  'application/x-yaml',
  'application/toml',
  'application/sql',
  'application/x-sh',
  'application/csv',
  'application/rtf',
]);

const canonical = (mimeType: string): string => ALIASES[mimeType] ?? mimeType;
const topLevel = (mimeType: string): string => mimeType.split('/', 1)[0]!;

/** Text formats file-type cannot (and should not) recognise: `text/*`, JSON, XML, scripts. */
export function isTextualMimeType(mimeType: string): boolean {
  return (
    mimeType.startsWith('text/') ||
    mimeType.endsWith('+json') ||
    mimeType.endsWith('+xml') ||
    TEXTUAL_APPLICATION_TYPES.has(canonical(mimeType))
  );
}

const isZipBased = (mimeType: string): boolean =>
  ZIP_FORMATS.has(mimeType) ||
  mimeType.startsWith('application/vnd.openxmlformats-officedocument.') ||
  mimeType.startsWith('application/vnd.oasis.opendocument.');

/**
 * How a sniffed type relates to the declared one: the same format (`same`), a sibling the client
 * may have mislabelled (`family`: two image formats, two audio/video containers), or the
 * container the declared format is stored in (`container`: a .docx is a ZIP). `undefined` when
 * the bytes are something else entirely.
 */
function relation(declared: string, sniffed: string): 'same' | 'family' | 'container' | undefined {
  const d = canonical(declared);
  const s = canonical(sniffed);
  if (d === s) return 'same';
  const dTop = topLevel(d);
  const sTop = topLevel(s);
  if (dTop === 'image' && sTop === 'image') return 'family';
  if ((dTop === 'audio' || dTop === 'video') && (sTop === 'audio' || sTop === 'video'))
    return 'family';
  if (s === 'application/zip' && isZipBased(d)) return 'container';
  if (d === 'application/zip' && isZipBased(s)) return 'container';
  if (s === 'application/x-cfb' && CFB_FORMATS.has(d)) return 'container';
  if (isTextualMimeType(d) && isTextualMimeType(s)) return 'container';
  return undefined;
}

/** A UTF-16 byte-order mark (such text has NULs, and FF FE even looks like an MPEG frame). */
const hasUtf16Bom = (head: Uint8Array): boolean =>
  (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
// eslint-disable-next-line no-control-regex -- control characters are what binary data shows
const BINARY_CONTROL = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f\u007f]/;

/**
 * Valid UTF-8 without control characters other than whitespace and ESC. Text like that is text,
 * whatever its first letters spell: a CSV starting "BMW," is not a bitmap, "MZ…" not a program.
 */
function isCleanText(head: Uint8Array): boolean {
  try {
    // `stream` tolerates a multi-byte character cut at the end of the sample.
    return !BINARY_CONTROL.test(strictUtf8.decode(head, { stream: true }));
  } catch {
    return false;
  }
}

/** No NUL byte in the sample (a UTF-16 byte-order mark excuses them). */
function looksLikeText(head: Uint8Array): boolean {
  return hasUtf16Bom(head) || !head.includes(0);
}

/** The type detected from the leading bytes (magic numbers), or `undefined` if none matched. */
export async function sniffMimeType(head: Uint8Array): Promise<string | undefined> {
  if (head.byteLength === 0) return undefined;
  return (await fileTypeFromBuffer(head))?.mime;
}

/**
 * Checks uploaded bytes against the type the client declared and the allow-list, and returns the
 * type to store. Refused with `UnsupportedMediaTypeError` (415):
 * - bytes that sniff as a different format (a PDF or an executable declared as `image/png`);
 * - a sniffed format outside the allow-list (unless it is merely the declared format's container);
 * - a declared format that always carries a signature (raster images, PDF, archives) when none
 *   is found;
 * - a declared text type whose bytes are binary (NULs, or a binary signature in non-text bytes).
 * Undetectable content (text, CSV, JSON, exotic binaries) is accepted on the declared type, which
 * the caller has already checked against the allow-list.
 */
export async function verifyContentType(input: {
  declared: string;
  head: Uint8Array;
  allowedMimeTypes: readonly string[] | undefined;
}): Promise<string> {
  const { declared, head, allowedMimeTypes } = input;
  if (isTextualMimeType(declared) && (hasUtf16Bom(head) || isCleanText(head))) return declared;
  const sniffed = await sniffMimeType(head);
  const refuse = (detail: string) =>
    new UnsupportedMediaTypeError(
      `The file's content does not match its type ${declared}: ${detail}`,
    );

  if (sniffed === undefined) {
    const d = canonical(declared);
    if (SIGNATURE_REQUIRED.has(d) || (topLevel(d) === 'image' && supportedMimeTypes.has(d))) {
      throw refuse(`no ${d} signature found`);
    }
    if (isTextualMimeType(d) && !looksLikeText(head)) throw refuse('binary data in a text file');
    return declared;
  }

  if (declared === 'application/octet-stream') {
    if (!isMimeTypeAllowed(sniffed, allowedMimeTypes)) {
      throw new UnsupportedMediaTypeError(`Files of type ${sniffed} are not accepted`);
    }
    return sniffed;
  }
  const related = relation(declared, sniffed);
  if (related === undefined) throw refuse(`it looks like ${sniffed}`);
  if (related !== 'container' && !isMimeTypeAllowed(sniffed, allowedMimeTypes)) {
    throw new UnsupportedMediaTypeError(`Files of type ${sniffed} are not accepted`);
  }
  return declared;
}
