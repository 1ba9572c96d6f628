import { matchLocale, type Locale } from './locales.js';

/**
 * Translations of one locale, gettext style: the English text is the key, `{name}` marks a
 * parameter (`'Searching for "{query}"…'`). English needs no catalogue: a key is its own text.
 */
export type Messages = Readonly<Record<string, string>>;

/** Translations by locale; a missing locale or key falls back to the English key. */
export type Catalogs = Readonly<Partial<Record<Locale, Messages>>>;

/** Parameters of a message: each `{name}` is replaced by `params.name`. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** A message in the chosen locale: `t('Calculating…')`, `t('Keep it under {max} characters.', { max })`. */
export type Translate = (key: string, params?: MessageParams) => string;

/** Replaces `{name}` placeholders; an unknown name is left as written. */
export function formatMessage(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : match,
  );
}

/**
 * A translator for the requested locale(s), over one or more catalogues (an app's own, then the
 * SDK's `SDK_CATALOGS`…; the first that has the key wins).
 *
 * @example
 * ```ts
 * import { translator, type Catalogs } from '@threadline/server';
 *
 * const catalogs: Catalogs = { fr: { 'Calculating…': 'Calcul en cours…' } };
 * const t = translator(catalogs, 'fr-CA');
 * t('Calculating…'); // 'Calcul en cours…'
 * translator(catalogs, 'pt-BR')('Calculating…'); // 'Calculating…' (English fallback)
 * ```
 */
export function translator(
  catalogs: Catalogs | readonly Catalogs[],
  requested: string | readonly string[] | undefined,
): Translate {
  const locale = matchLocale(requested);
  const list: readonly Catalogs[] = Array.isArray(catalogs)
    ? (catalogs as readonly Catalogs[])
    : [catalogs as Catalogs];
  const tables = locale === 'en' ? [] : list.map((c) => c[locale]).filter((m) => m !== undefined);
  return (key, params) => {
    for (const table of tables) {
      const text = Object.hasOwn(table, key) ? table[key] : undefined;
      if (text !== undefined) return formatMessage(text, params);
    }
    return formatMessage(key, params);
  };
}

/** `{name}` placeholders of a message, sorted (a translation must keep the key's). */
export const placeholdersOf = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

/**
 * Gaps in `catalogs` for the given English keys: a locale without a key, a translation of an
 * unknown key, or one whose placeholders differ from the key's. Empty when complete (a test
 * asserts it for the SDK's and the app's catalogues).
 */
export function catalogProblems(catalogs: Catalogs, keys: readonly string[]): string[] {
  const problems: string[] = [];
  const known = new Set(keys);
  for (const locale of Object.keys(catalogs) as Locale[]) {
    const messages = catalogs[locale] ?? {};
    for (const key of keys) {
      if (!Object.hasOwn(messages, key)) problems.push(`${locale}: missing "${key}"`);
      else if (placeholdersOf(messages[key]!).join() !== placeholdersOf(key).join())
        problems.push(`${locale}: "${key}" has other placeholders`);
    }
    for (const key of Object.keys(messages))
      if (!known.has(key)) problems.push(`${locale}: unknown key "${key}"`);
  }
  return problems;
}
