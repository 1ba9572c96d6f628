/** Elements whose content is never shown as text. */
const DROPPED =
  /<(script|style|noscript|template|iframe|object|embed|svg|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
/** Tags that end a line of text. */
const LINE_BREAK =
  /<\/?(?:p|div|section|article|main|header|footer|li|ul|ol|dl|dt|dd|pre|blockquote|table|tr|h[1-6]|br|hr)\b[^>]*>/gi;
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, body: string) => {
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X'
          ? parseInt(body.slice(2), 16)
          : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}

/**
 * An HTML fragment as plain text, safe to show anywhere: scripts, styles and embedded content
 * dropped, every tag removed, entities decoded, block elements as line breaks and other
 * whitespace collapsed. Used for `text/html` resources of MCP tool results (docs/seeds.md §A.3).
 */
export function htmlToPlainText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(DROPPED, '')
    .replace(LINE_BREAK, '\n')
    .replace(/<[^>]*>?/g, '');
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/[ \t\f\r\v\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
