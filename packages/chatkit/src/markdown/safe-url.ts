// URL checks for everything the renderer turns into a link or an image: model output and widget JSON
// are untrusted, so only an allow-list of schemes survives (docs/protocol.md §8: widget payloads are
// untrusted like any other input).
import { decodeEntities } from './entities.js';

const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:', 'chatkit-link:']);
const IMAGE_DATA = /^data:image\/(png|jpeg|jpg|gif|webp|avif);base64,[a-z0-9+/=\s]+$/i;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** Removes what browsers ignore inside a scheme (controls, whitespace) so `jav\tascript:` is seen for what it is. */
function normalize(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return decodeEntities(raw).replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
}

/** The URL when it is safe to put in `href`, else `undefined`. Relative URLs and fragments are kept. */
export function safeLinkUrl(raw: string | null | undefined): string | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const value = decodeEntities(raw.trim());
  const scheme = SCHEME.exec(normalize(raw))?.[1];
  if (scheme === undefined) return /^(\/\/|\\)/.test(value) ? `https:${value}` : value;
  return LINK_SCHEMES.has(`${scheme.toLowerCase()}:`) ? value : undefined;
}

/** The URL when it is safe as an image source: http(s), relative, or a raster `data:image/…` URL. */
export function safeImageUrl(raw: string | null | undefined): string | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const value = decodeEntities(raw.trim());
  const scheme = SCHEME.exec(normalize(raw))?.[1]?.toLowerCase();
  if (scheme === undefined) return value;
  if (scheme === 'http' || scheme === 'https' || scheme === 'blob') return value;
  return scheme === 'data' && IMAGE_DATA.test(value) ? value : undefined;
}

/** `chatkit-link://…` deep links are handed to the host page instead of being navigated to. */
export function isDeepLink(url: string): boolean {
  return /^chatkit-link:/i.test(url);
}
