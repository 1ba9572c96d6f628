/** Base64 of raw bytes with web standards only (`btoa`), chunked to stay within argument limits. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** A `data:` URL for bytes of the given MIME type. */
export const toDataUrl = (mimeType: string, bytes: Uint8Array): string =>
  `data:${mimeType};base64,${bytesToBase64(bytes)}`;

/** Splits a `data:<mime>;base64,<data>` URL; undefined when `url` is not a base64 data URL. */
export function parseDataUrl(url: string): { mimeType: string; base64: string } | undefined {
  const match = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s.exec(url);
  if (!match) return undefined;
  return { mimeType: match[1]!, base64: match[2]! };
}

/** Decodes base64 to UTF-8 text. */
export function base64ToText(base64: string): string {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

/** MIME types whose bytes are text a model can read inline. */
export const isTextMimeType = (mimeType: string): boolean =>
  mimeType.startsWith('text/') || /^application\/(json|xml|x-yaml|yaml|csv)$/.test(mimeType);
