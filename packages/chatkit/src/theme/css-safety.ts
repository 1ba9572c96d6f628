// Theme values come from the host page's options and end up inside a <style>: anything that could
// close a declaration or a rule (`;`, `{`, `}`), open a comment or escape is refused, so a value can
// only ever change the one property it is meant for.

const SAFE_VALUE = /^[#a-z0-9\s(),.%+\-/]{1,200}$/i;
const SAFE_FONT_FAMILY = /^[\p{L}\p{N}\s"',\-._]{1,300}$/u;

/** A colour or length as given, or `undefined` when it is missing or not a plain CSS value. */
export function safeCssValue(value: string | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return SAFE_VALUE.test(trimmed) && !trimmed.includes('/*') ? trimmed : undefined;
}

/** A `font-family` list (`"Inter", system-ui, sans-serif`), or `undefined` when unsafe. */
export function safeFontFamily(value: string | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (!SAFE_FONT_FAMILY.test(trimmed)) return undefined;
  // Quotes must pair up, or the rest of the rule would be swallowed into a string.
  const doubles = trimmed.split('"').length - 1;
  const singles = trimmed.split("'").length - 1;
  return doubles % 2 === 0 && singles % 2 === 0 ? trimmed : undefined;
}

/** A CSS string literal: quotes, backslashes and line breaks escaped. */
export function cssString(value: string): string {
  const escaped = value.replace(/["\\\n\r\f<>]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `);
  return `"${escaped}"`;
}
