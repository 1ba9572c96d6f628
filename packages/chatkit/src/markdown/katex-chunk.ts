// Lazy chunk: KaTeX with its stylesheet and fonts, all served from this bundle. `@font-face` rules go
// to the document (fonts declared inside a shadow root are ignored); the rest of the stylesheet
// goes to the root that shows the math.
import katex from 'katex';
import katexCss from 'katex/dist/katex.min.css' with { type: 'text' };
import { adoptDocumentStyles, adoptStyles } from './adopt-styles.js';
import { KATEX_FONTS } from './katex-fonts.js';

const FONT_FACE = /@font-face\{[^}]*\}/g;

function fontFaces(): string {
  return (katexCss.match(FONT_FACE) ?? [])
    .map((rule) => {
      const file = /url\(fonts\/([\w-]+)\.woff2\)/.exec(rule)?.[1];
      const url = file === undefined ? undefined : KATEX_FONTS[file];
      if (url === undefined) return '';
      const resolved = new URL(url, import.meta.url).href;
      return rule.replace(/src:[^;}]+/, `src:url(${JSON.stringify(resolved)}) format("woff2")`);
    })
    .join('');
}

export function installMathStyles(node: Node): void {
  const doc = node.ownerDocument;
  if (doc) adoptDocumentStyles(doc, 'tl-katex-fonts', fontFaces());
  adoptStyles(node, 'tl-katex', katexCss.replace(FONT_FACE, ''));
}

/** KaTeX HTML for `tex`; errors render as KaTeX's own red source text instead of throwing. */
export function typeset(tex: string, display: boolean): string {
  return katex.renderToString(tex, {
    displayMode: display,
    throwOnError: false,
    trust: false,
    strict: 'ignore',
    maxSize: 20,
    maxExpand: 500,
    output: 'htmlAndMathml',
  });
}
