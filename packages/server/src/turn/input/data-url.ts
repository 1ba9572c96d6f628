import { bytesToBase64 } from '../../encoding/base64.js';

/** A `data:` URL for bytes of the given MIME type. */
export const toDataUrl = (mimeType: string, bytes: Uint8Array): string =>
  `data:${mimeType};base64,${bytesToBase64(bytes)}`;

/** Splits a `data:<mime>;base64,<data>` URL; undefined when `url` is not a base64 data URL. */
export function parseDataUrl(url: string): { mimeType: string; base64: string } | undefined {
  const match = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s.exec(url);
  if (!match) return undefined;
  return { mimeType: match[1]!, base64: match[2]! };
}

/** MIME types whose bytes are text a model can read inline. */
export const isTextMimeType = (mimeType: string): boolean =>
  mimeType.startsWith('text/') || /^application\/(json|xml|x-yaml|yaml|csv)$/.test(mimeType);
