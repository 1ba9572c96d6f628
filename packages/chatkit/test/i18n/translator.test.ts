import { describe, expect, it } from 'vitest';
import { createTranslator, interpolate, matchLocale, msg } from '../../src/i18n/index.js';

describe('matchLocale', () => {
  it('matches by language with Intl, keeping the regional tag for formatting', () => {
    expect(matchLocale('fr-CA')).toEqual({ catalog: 'fr', formatLocale: 'fr-CA' });
    expect(matchLocale('es-419')).toEqual({ catalog: 'es', formatLocale: 'es-419' });
    expect(matchLocale('de-DE')).toEqual({ catalog: 'de', formatLocale: 'de-DE' });
    expect(matchLocale('ja-JP').catalog).toBe('ja');
    expect(matchLocale('zh-Hant-TW').catalog).toBe('zh');
    expect(matchLocale('AR-eg')).toEqual({ catalog: 'ar', formatLocale: 'ar-EG' });
  });

  it('falls back to English for unknown or malformed locales', () => {
    expect(matchLocale('pt-BR')).toEqual({ catalog: 'en', formatLocale: 'en' });
    expect(matchLocale('not a locale!')).toEqual({ catalog: 'en', formatLocale: 'en' });
    expect(matchLocale(undefined).catalog).toBe('en');
    expect(matchLocale([]).catalog).toBe('en');
  });

  it('takes the first supported locale of a preference list', () => {
    expect(matchLocale(['pt-PT', 'xx', 'ja', 'fr']).catalog).toBe('ja');
  });
});

describe('createTranslator', () => {
  it('translates, with English fallback for unknown strings', () => {
    const fr = createTranslator('fr-CA');
    expect(fr.locale).toBe('fr');
    expect(fr.formatLocale).toBe('fr-CA');
    expect(fr.dir).toBe('ltr');
    expect(fr.t('Send message')).toBe('Envoyer le message');
    expect(fr.t('A string nobody translated')).toBe('A string nobody translated');
    expect(createTranslator('en-GB').t('Send message')).toBe('Send message');
  });

  it('is right-to-left for Arabic', () => {
    const ar = createTranslator('ar');
    expect(ar.dir).toBe('rtl');
    expect(ar.t('New chat')).toBe('دردشة جديدة');
    expect(createTranslator('he').dir).toBe('ltr'); // no Hebrew catalog: English, left-to-right
  });

  it('fills placeholders in the translation', () => {
    const de = createTranslator('de');
    expect(de.t('You can attach at most {count} files', { count: 3 })).toBe(
      'Du kannst höchstens 3 Dateien anhängen',
    );
    const ja = createTranslator('ja');
    expect(ja.t('This file is too large (maximum {size})', { size: '5 MB' })).toBe(
      'ファイルが大きすぎます（最大 5 MB）',
    );
  });

  it('uses the browser languages when no locale is given', () => {
    const original = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', {
      value: { languages: ['es-MX', 'en-US'], language: 'es-MX' },
      configurable: true,
    });
    try {
      expect(createTranslator().t('History')).toBe('Historial');
      expect(createTranslator().formatLocale).toBe('es-MX');
    } finally {
      if (original) Object.defineProperty(globalThis, 'navigator', original);
      else delete (globalThis as { navigator?: unknown }).navigator;
    }
  });
});

describe('interpolate and msg', () => {
  it('leaves unknown placeholders and ignores inherited names', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(interpolate('{toString}', {})).toBe('{toString}');
    expect(interpolate('no vars', undefined)).toBe('no vars');
  });

  it('msg marks without translating', () => {
    expect(msg('Upload failed')).toBe('Upload failed');
  });
});
