/*
 * PostgreSQL cannot hold every JavaScript string: TEXT and JSONB refuse U+0000 (errors 22021,
 * 22P05) and JSONB refuses lone surrogates (22P02), which the protocol accepts in titles, message
 * text, attachment names and metadata. Documents that contain one are stored wrapped, with those
 * code units escaped; everything else is stored exactly as before, so existing rows and the common
 * path are unchanged. See docs/protocol-deviations.md (storage of unrepresentable strings).
 */

/** The key of a wrapped document. No thread, item or attachment document has it as its only key. */
const WRAP_KEY = '$threadline_escaped';
/** Escape lead inside a wrapped document (a private-use code point). */
const ESC = '\uE000';

/* eslint-disable no-control-regex -- U+0000 is exactly what these patterns look for */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNREPRESENTABLE =
  /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const TO_ESCAPE =
  /[\u0000\uE000]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/* eslint-enable no-control-regex */
const ESCAPED = /\uE000(?:e|0|u[0-9a-f]{4})/g;

/** Whether PostgreSQL TEXT would reject or alter `value` (a NUL or a lone surrogate). */
export const isUnrepresentable = (value: string): boolean => UNREPRESENTABLE.test(value);

function escapeString(value: string): string {
  return value.replace(TO_ESCAPE, (c) =>
    c === '\u0000'
      ? `${ESC}0`
      : c === ESC
        ? `${ESC}e`
        : `${ESC}u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function unescapeString(value: string): string {
  if (!value.includes(ESC)) return value;
  return value.replace(ESCAPED, (m) =>
    m === `${ESC}0`
      ? '\u0000'
      : m === `${ESC}e`
        ? ESC
        : String.fromCharCode(parseInt(m.slice(2), 16)),
  );
}

function mapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[fn(k)] = mapStrings(v, fn);
    return out;
  }
  return value;
}

/**
 * JSON text for a JSONB column. `JSON.stringify` writes U+0000 and lone surrogates as `\u` escapes,
 * so only text with such an escape can need the wrapped form (a literal backslash-u typed by a user
 * also takes that path; it is still lossless, just slower).
 */
export function toJsonb(document: unknown): string {
  const json = JSON.stringify(document);
  if (!/\\u(?:0000|d[89a-f])/i.test(json)) return json;
  if (!containsUnrepresentable(document)) return json;
  return JSON.stringify({ [WRAP_KEY]: mapStrings(document, escapeString) });
}

/** The document as stored by `toJsonb`, read back from a JSONB column. */
export function fromJsonb<T>(data: T): T {
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const keys = Object.keys(data);
    if (keys.length === 1 && keys[0] === WRAP_KEY) {
      return mapStrings((data as Record<string, unknown>)[WRAP_KEY], unescapeString) as T;
    }
  }
  return data;
}

function containsUnrepresentable(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000') || LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.some(containsUnrepresentable);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(
      ([k, v]) => containsUnrepresentable(k) || containsUnrepresentable(v),
    );
  }
  return false;
}

/**
 * A lookup key that matches no row: stands in for an id or cursor PostgreSQL cannot compare (it
 * contains a NUL or a lone surrogate, so no stored id can equal it), making it "not found".
 */
export const NO_SUCH_ID = '\u{10FFFF}\u{10FFFF} unrepresentable id';

/** The id to look up: itself, or `NO_SUCH_ID` when it cannot be stored. */
export const lookupId = (id: string): string => (isUnrepresentable(id) ? NO_SUCH_ID : id);
