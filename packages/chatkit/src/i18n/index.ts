// Gettext-style translation keyed by the English text: `t('Send message')`. Views call `t` with a
// literal (a test checks every literal has a translation in every catalog); text decided
// elsewhere is marked with `msg('…')` where it is written and translated where it is shown.
import { ar } from './catalogs/ar.js';
import { de } from './catalogs/de.js';
import { es } from './catalogs/es.js';
import { fr } from './catalogs/fr.js';
import { ja } from './catalogs/ja.js';
import { zh } from './catalogs/zh.js';
import { browserLocales, directionOf, matchLocale, type CatalogLocale } from './locale.js';
import type { Catalog } from './messages.js';

export { CATALOG_LOCALES, directionOf, matchLocale, type CatalogLocale } from './locale.js';
export { MESSAGES, type Catalog, type Message } from './messages.js';

export type TranslationVars = Record<string, string | number>;

export interface Translator {
  /** The translation of `text` (English when missing), with `{name}` placeholders filled from `vars`. */
  t: (text: string, vars?: TranslationVars) => string;
  /** The catalog in use (`en`, `es`, `fr`, `de`, `ja`, `zh`, `ar`). */
  locale: CatalogLocale;
  /** The requested locale (canonical) for `Intl` dates and numbers, e.g. `fr-CA`. */
  formatLocale: string;
  dir: 'ltr' | 'rtl';
}

const CATALOGS: Record<Exclude<CatalogLocale, 'en'>, Catalog> = { ar, de, es, fr, ja, zh };

/** Marks `text` for translation without translating it (it is translated where it is shown). */
export const msg = <T extends string>(text: T): T => text;

/** Replaces `{name}` with `vars.name`; unknown placeholders stay as written. */
export function interpolate(text: string, vars: TranslationVars | undefined): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : placeholder,
  );
}

/**
 * A translator for `locale` (default: the browser's languages). Locales are matched by language
 * (`fr-CA` → French); unsupported ones get English.
 */
export function createTranslator(locale?: string): Translator {
  const { catalog, formatLocale } = matchLocale(locale ?? browserLocales());
  const messages: Readonly<Record<string, string>> | undefined =
    catalog === 'en' ? undefined : CATALOGS[catalog];
  return {
    t(text, vars) {
      const translated = messages && Object.hasOwn(messages, text) ? messages[text]! : text;
      return interpolate(translated, vars);
    },
    locale: catalog,
    formatLocale,
    dir: directionOf(catalog),
  };
}

export { historySection, type HistorySection } from './history-sections.js';
