// `typography.fontSources` → `@font-face` rules. Chromium ignores `@font-face` inside a shadow
// root, so the element also installs these rules in the document (`installFontFaces`).
import type { FontSource as FontObject } from '../options.js';
import { cssString } from './css-safety.js';

const STYLES = new Set(['normal', 'italic', 'oblique']);
const DISPLAYS = new Set(['auto', 'block', 'swap', 'fallback', 'optional']);
const SAFE_WEIGHT = /^(\d{1,4}(\s+\d{1,4})?|normal|bold|lighter|bolder)$/;
const SAFE_UNICODE_RANGE = /^[\sUu+0-9a-fA-F?,-]{1,500}$/;

function fontFace(font: FontObject): string | undefined {
  if (typeof font?.family !== 'string' || typeof font.src !== 'string') return undefined;
  if (!font.family.trim() || !font.src.trim()) return undefined;
  const lines = [`font-family:${cssString(font.family.trim())}`, `src:url(${cssString(font.src)})`];
  const weight = font.weight === undefined ? undefined : String(font.weight).trim();
  if (weight !== undefined && SAFE_WEIGHT.test(weight)) lines.push(`font-weight:${weight}`);
  if (font.style && STYLES.has(font.style)) lines.push(`font-style:${font.style}`);
  lines.push(`font-display:${font.display && DISPLAYS.has(font.display) ? font.display : 'swap'}`);
  if (font.unicodeRange && SAFE_UNICODE_RANGE.test(font.unicodeRange)) {
    lines.push(`unicode-range:${font.unicodeRange.trim()}`);
  }
  return `@font-face{${lines.join(';')}}`;
}

/** The `@font-face` rules for `fontSources` (invalid entries are skipped). */
export function fontFaceRules(sources: readonly FontObject[] | undefined): string {
  if (!Array.isArray(sources)) return '';
  return sources
    .map(fontFace)
    .filter((rule): rule is string => rule !== undefined)
    .join('\n');
}

const FONT_STYLE_ATTRIBUTE = 'data-threadline-chatkit-fonts';

/**
 * Puts the rules in one `<style>` in `document.head` (replaced on every call, removed when empty),
 * where the browser honours them for the shadow tree too.
 */
export function installFontFaces(doc: Document, sources: readonly FontObject[] | undefined): void {
  const rules = fontFaceRules(sources);
  let style = doc.head.querySelector<HTMLStyleElement>(`style[${FONT_STYLE_ATTRIBUTE}]`);
  if (!rules) {
    style?.remove();
    return;
  }
  if (!style) {
    style = doc.createElement('style');
    style.setAttribute(FONT_STYLE_ATTRIBUTE, '');
    doc.head.append(style);
  }
  if (style.textContent !== rules) style.textContent = rules;
}
