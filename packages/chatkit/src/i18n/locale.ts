// Picks the catalog for a locale with `Intl.Locale`: the language subtag decides (`fr-CA` → fr,
// `zh-Hant-TW` → zh), an unknown or malformed locale falls back to English.

export const CATALOG_LOCALES = ['en', 'es', 'fr', 'de', 'ja', 'zh', 'ar'] as const;
export type CatalogLocale = (typeof CATALOG_LOCALES)[number];

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

const isCatalogLocale = (language: string): language is CatalogLocale =>
  (CATALOG_LOCALES as readonly string[]).includes(language);

/** The canonical BCP 47 tag, or `undefined` when `tag` is not one. */
export function canonicalLocale(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

export interface LocaleMatch {
  /** The catalog used. */
  catalog: CatalogLocale;
  /** The requested locale, canonical, when its language has a catalog (for dates and numbers); else the catalog. */
  formatLocale: string;
}

/** The first requested locale whose language has a catalog; English when none has. */
export function matchLocale(requested: string | readonly string[] | undefined): LocaleMatch {
  const candidates = typeof requested === 'string' ? [requested] : (requested ?? []);
  for (const candidate of candidates) {
    const canonical = typeof candidate === 'string' ? canonicalLocale(candidate) : undefined;
    if (!canonical) continue;
    const language = new Intl.Locale(canonical).language;
    if (isCatalogLocale(language)) return { catalog: language, formatLocale: canonical };
  }
  return { catalog: 'en', formatLocale: 'en' };
}

export function directionOf(locale: string): 'ltr' | 'rtl' {
  const canonical = canonicalLocale(locale);
  if (!canonical) return 'ltr';
  return RTL_LANGUAGES.has(new Intl.Locale(canonical).language) ? 'rtl' : 'ltr';
}

/** The browser's preferred locales, when there is a browser. */
export function browserLocales(): readonly string[] {
  const nav = (globalThis as { navigator?: { languages?: readonly string[]; language?: string } })
    .navigator;
  if (nav?.languages?.length) return nav.languages;
  return nav?.language ? [nav.language] : [];
}
