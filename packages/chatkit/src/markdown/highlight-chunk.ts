// Lazy chunk: syntax highlighting with highlight.js (common languages). Its HTML output is turned
// back into a tree of class-named spans and text, so nothing is ever assigned as HTML.
import hljs from 'highlight.js/lib/common';
import { adoptStyles } from './adopt-styles.js';
import { decodeEntities } from './entities.js';
import { highlightStyles } from './highlight-styles.js';

export type HighlightNode = string | { className: string; children: HighlightNode[] };

const AUTO_DETECT_LIMIT = 4000;
const TAG = /<span class="([\w\- ]+)">|<\/span>/g;

/** Parses highlight.js output, which only ever holds `<span class="…">`, `</span>` and escaped text. */
export function parseHighlighted(html: string): HighlightNode[] {
  const root: HighlightNode[] = [];
  const stack: HighlightNode[][] = [root];
  let last = 0;
  for (const match of html.matchAll(TAG)) {
    const current = stack[stack.length - 1]!;
    if (match.index > last) current.push(decodeEntities(html.slice(last, match.index)));
    if (match[1] !== undefined) {
      const span = { className: match[1], children: [] as HighlightNode[] };
      current.push(span);
      stack.push(span.children);
    } else if (stack.length > 1) {
      stack.pop();
    }
    last = match.index + match[0].length;
  }
  if (last < html.length) stack[stack.length - 1]!.push(decodeEntities(html.slice(last)));
  return root;
}

/** Highlights `code` as `language`, or by detection for short unlabelled blocks; plain text otherwise. */
export function highlight(code: string, language: string): HighlightNode[] {
  try {
    if (language && hljs.getLanguage(language)) {
      return parseHighlighted(hljs.highlight(code, { language, ignoreIllegals: true }).value);
    }
    if (!language && code.length <= AUTO_DETECT_LIMIT) {
      return parseHighlighted(hljs.highlightAuto(code).value);
    }
  } catch {
    // A grammar failure leaves the code plain.
  }
  return [code];
}

export function installHighlightStyles(node: Node): void {
  adoptStyles(node, 'tl-highlight', highlightStyles);
}
