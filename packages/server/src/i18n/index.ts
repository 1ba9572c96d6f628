/**
 * Server texts in the client's locales: gettext-style catalogues (English keys), locale matching
 * (`Accept-Language`, a `locale` in request metadata), and the SDK's own translations.
 */
export {
  catalogProblems,
  formatMessage,
  translator,
  type Catalogs,
  type MessageParams,
  type Messages,
  type Translate,
} from './catalog.js';
export {
  canonicalLocale,
  LOCALES,
  matchLocale,
  parseAcceptLanguage,
  type Locale,
} from './locales.js';
export { SDK_MESSAGE_KEYS, type SdkMessageKey } from './sdk-messages.js';
export { SDK_CATALOGS } from './sdk-catalogs.js';
