/** `inline; filename=…` with an ASCII fallback and the exact UTF-8 name (RFC 6266). */
export function inlineDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  // RFC 5987 attr-chars: encodeURIComponent leaves ' ( ) * alone, but ' delimits the charset.
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `inline; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
