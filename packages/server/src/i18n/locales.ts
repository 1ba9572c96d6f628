/**
 * The locales server texts are translated into: the same seven as the `@threadline/chatkit` client
 * (`packages/chatkit/src/i18n/locale.ts`), so a user sees one language in the UI and in what the
 * server writes. Any other locale falls back to English.
 */
export const LOCALES = ['en', 'es', 'fr', 'de', 'ja', 'zh', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

const isLocale = (language: string): language is Locale =>
  (LOCALES as readonly string[]).includes(language);

/** The canonical BCP 47 tag (`fr-ca` → `fr-CA`), or undefined when `tag` is not one. */
export function canonicalLocale(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag.trim())[0];
  } catch {
    return undefined;
  }
}

/**
 * The catalogue for the first requested locale whose language has one (`fr-CA` → `fr`,
 * `zh-Hant-TW` → `zh`); English when none has, or when nothing valid was requested.
 */
export function matchLocale(requested: string | readonly string[] | undefined): Locale {
  const candidates = typeof requested === 'string' ? [requested] : (requested ?? []);
  for (const candidate of candidates) {
    const canonical = typeof candidate === 'string' ? canonicalLocale(candidate) : undefined;
    if (!canonical) continue;
    const language = new Intl.Locale(canonical).language;
    if (isLocale(language)) return language;
  }
  return 'en';
}

/**
 * The locales of an `Accept-Language` header, most preferred first (by `q`, then order); `*`,
 * `q=0` and malformed tags are dropped. The ChatKit client sends its active locale there
 * (docs/protocol.md §1.1).
 */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  const ranked: { tag: string; q: number; index: number }[] = [];
  header.split(',').forEach((part, index) => {
    const [rawTag = '', ...params] = part.split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    const tag = rawTag.trim() === '*' ? undefined : canonicalLocale(rawTag);
    if (tag && Number.isFinite(q) && q > 0) ranked.push({ tag, q, index });
  });
  return ranked.sort((a, b) => b.q - a.q || a.index - b.index).map((entry) => entry.tag);
}
