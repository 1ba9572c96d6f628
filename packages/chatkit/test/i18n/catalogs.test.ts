// Every catalog translates every message, keeps its placeholders, and nothing more.
import { describe, expect, it } from 'vitest';
import { ar } from '../../src/i18n/catalogs/ar.js';
import { de } from '../../src/i18n/catalogs/de.js';
import { es } from '../../src/i18n/catalogs/es.js';
import { fr } from '../../src/i18n/catalogs/fr.js';
import { ja } from '../../src/i18n/catalogs/ja.js';
import { zh } from '../../src/i18n/catalogs/zh.js';
import { MESSAGES, type Catalog } from '../../src/i18n/index.js';

const CATALOGS: Record<string, Catalog> = { ar, de, es, fr, ja, zh };
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each(Object.entries(CATALOGS))('catalog %s', (name, catalog) => {
  it('has exactly the messages, each translated', () => {
    const missing = MESSAGES.filter((key) => !Object.hasOwn(catalog, key));
    const extra = Object.keys(catalog).filter(
      (key) => !(MESSAGES as readonly string[]).includes(key),
    );
    const empty = MESSAGES.filter((key) => !catalog[key]?.trim());
    expect({ name, missing, extra, empty }).toEqual({ name, missing: [], extra: [], empty: [] });
  });

  it('keeps every placeholder', () => {
    const broken = MESSAGES.filter(
      (key) => placeholders(key).join() !== placeholders(catalog[key] ?? '').join(),
    );
    expect(broken).toEqual([]);
  });
});

it('lists each message once', () => {
  expect(new Set(MESSAGES).size).toBe(MESSAGES.length);
});
