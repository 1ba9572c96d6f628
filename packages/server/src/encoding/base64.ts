/**
 * Base64 and base64url with web standards only (`btoa`/`atob`), so the runtime-neutral core can use
 * them on Node 20, Bun, Deno and edge runtimes alike (`Uint8Array.fromBase64` is not in Node 20).
 */

/** `btoa` takes a "binary string"; building it in chunks keeps `fromCharCode` within argument limits. */
const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** Decodes standard base64, ignoring whitespace; throws on anything else that is not base64. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Base64 of a string's UTF-8 bytes. */
export const textToBase64 = (text: string): string => bytesToBase64(encoder.encode(text));

/** UTF-8 text of base64 bytes; invalid UTF-8 becomes U+FFFD unless `fatal`. */
export const base64ToText = (base64: string, options: { fatal?: boolean } = {}): string =>
  (options.fatal ? new TextDecoder('utf-8', { fatal: true }) : decoder).decode(
    base64ToBytes(base64),
  );

/** URL-safe base64 without padding (RFC 4648 §5), as used in tokens. */
export const bytesToBase64Url = (bytes: Uint8Array): string =>
  bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Decodes unpadded base64url; undefined for anything that is not. */
export function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    return base64ToBytes(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return undefined;
  }
}
