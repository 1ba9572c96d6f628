import { Parser } from 'htmlparser2';
import { squash, type Block, type LoadedDocument } from './blocks.js';

/** Elements whose text is never main content. */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'button',
  'select',
  'iframe',
  'head',
]);
/** Elements that end a text block. */
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'pre',
  'blockquote',
  'table',
  'tr',
  'td',
  'th',
  'figure',
  'figcaption',
  'br',
  'hr',
  'body',
]);
const HEADING = /^h([1-6])$/;

/**
 * HTML to blocks: headings stay headings, block elements become text blocks, and navigation,
 * scripts and chrome are dropped. When the page has `<main>` or `<article>`, only that is kept.
 */
export function loadHtml(html: string): LoadedDocument {
  const all: Array<{ block: Block; main: boolean }> = [];
  let skipDepth = 0;
  let mainDepth = 0;
  let inTitle = false;
  let title = '';
  let buffer = '';
  let heading: number | null = null;
  const metadata: Record<string, string> = {};

  const flush = (): void => {
    const text = squash(buffer);
    buffer = '';
    if (text === '') return;
    const block: Block =
      heading === null ? { kind: 'text', text } : { kind: 'heading', level: heading, text };
    all.push({ block, main: mainDepth > 0 });
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'title') inTitle = true;
        if (name === 'meta' && attributes.name && attributes.content) {
          const key = attributes.name.toLowerCase();
          if (key === 'description' || key === 'author' || key === 'keywords')
            metadata[key] = attributes.content;
        }
        if (SKIPPED.has(name)) skipDepth++;
        if (skipDepth > 0) return;
        if (name === 'main' || name === 'article') mainDepth++;
        const level = HEADING.exec(name);
        if (level) {
          flush();
          heading = Number(level[1]);
        } else if (BLOCK.has(name)) flush();
      },
      ontext(text) {
        if (inTitle) title += text;
        else if (skipDepth === 0) buffer += text;
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (SKIPPED.has(name)) {
          skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (skipDepth > 0) return;
        if (HEADING.test(name)) {
          flush();
          heading = null;
        } else if (BLOCK.has(name)) flush();
        if (name === 'main' || name === 'article') mainDepth = Math.max(0, mainDepth - 1);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();

  const hasMain = all.some((entry) => entry.main);
  const blocks = all.filter((entry) => !hasMain || entry.main).map((entry) => entry.block);
  const h1 = blocks.find((b) => b.kind === 'heading' && b.level === 1);
  const pageTitle = squash(title);
  return {
    title: pageTitle !== '' ? pageTitle : h1 && h1.kind === 'heading' ? h1.text : null,
    blocks,
    metadata,
  };
}
