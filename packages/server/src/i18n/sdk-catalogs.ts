import type { Catalogs } from './catalog.js';
import { ar } from './catalogs/ar.js';
import { de } from './catalogs/de.js';
import { es } from './catalogs/es.js';
import { fr } from './catalogs/fr.js';
import { ja } from './catalogs/ja.js';
import { zh } from './catalogs/zh.js';

/** Translations of the SDK's user-facing texts (friendly errors, forms) in every `LOCALES` but English. */
export const SDK_CATALOGS: Catalogs = { es, fr, de, ja, zh, ar };
