// Minimal translator: English text as the key, `{name}` placeholders. Replaced by the catalogs when
// they land.
const RTL = new Set(['ar', 'he', 'fa', 'ur']);

export interface Translator {
  t: (text: string, vars?: Record<string, string | number>) => string;
  locale: string;
  dir: 'ltr' | 'rtl';
}

export function createTranslator(locale?: string): Translator {
  const resolved = locale ?? (typeof navigator === 'undefined' ? 'en' : navigator.language) ?? 'en';
  const lang = resolved.toLowerCase().split('-')[0] ?? 'en';
  return {
    locale: resolved,
    dir: RTL.has(lang) ? 'rtl' : 'ltr',
    t: (text, vars) =>
      vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text,
  };
}
