import {
  canonicalLocale,
  SDK_CATALOGS,
  translator,
  type Catalogs,
  type Translate,
} from '@threadline/server';
import { ar } from './catalogs/ar.js';
import { de } from './catalogs/de.js';
import { es } from './catalogs/es.js';
import { fr } from './catalogs/fr.js';
import { ja } from './catalogs/ja.js';
import { zh } from './catalogs/zh.js';

export { APP_MESSAGE_KEYS } from './app-messages.js';

/** The app's texts in the client's locales (the SDK's own are in `SDK_CATALOGS`). */
export const APP_CATALOGS: Catalogs = { es, fr, de, ja, zh, ar };

/** The app's and the SDK's texts in the user's locale (`context.locale`), English by default. */
export const translatorFor = (locale: string | undefined): Translate =>
  translator([APP_CATALOGS, SDK_CATALOGS], locale);

/**
 * The instructions line telling the model the user's locale (any valid tag, not only the
 * catalogue languages: the model may well speak Portuguese). Undefined when none was sent.
 */
export function localeInstructions(locale: string | undefined): string | undefined {
  const tag = locale === undefined ? undefined : canonicalLocale(locale);
  if (!tag) return undefined;
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames(['en'], { type: 'language' }).of(tag);
  } catch {
    name = undefined;
  }
  return (
    `The user's locale is ${tag}${name && name !== tag ? ` (${name})` : ''}. ` +
    'Answer in that language unless the user writes in another one.'
  );
}
