import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { catalogProblems, LOCALES, SDK_MESSAGE_KEYS } from '@threadline/server';
import { describe, expect, it } from 'vitest';
import { AssistantServer } from '../../src/assistant/assistant-server.js';
import type { AppContext } from '../../src/context.js';
import {
  APP_CATALOGS,
  APP_MESSAGE_KEYS,
  localeInstructions,
  translatorFor,
} from '../../src/i18n/index.js';

const SRC = new URL('../../src/', import.meta.url).pathname;
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });

describe('the app catalogue', () => {
  it('has every key, with its placeholders, for every client locale but English', () => {
    expect(Object.keys(APP_CATALOGS).sort()).toEqual(LOCALES.filter((l) => l !== 'en').sort());
    expect(catalogProblems(APP_CATALOGS, APP_MESSAGE_KEYS)).toEqual([]);
  });

  it('knows every literal the source translates with t(…)', () => {
    const keys = new Set<string>([...APP_MESSAGE_KEYS, ...SDK_MESSAGE_KEYS]);
    const used = files(SRC).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!),
    );
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((key) => !keys.has(key))).toEqual([]);
  });

  it('translates app and SDK texts together, English for other locales', () => {
    expect(translatorFor('fr-BE')('Calculating…')).toBe('Calcul en cours…');
    expect(translatorFor('fr-BE')('Submit')).toBe('Envoyer');
    expect(translatorFor('ar')('Executing {tool}…', { tool: 'X' })).toBe('جارٍ تنفيذ X…');
    expect(translatorFor('ko')('Calculating…')).toBe('Calculating…');
    expect(translatorFor(undefined)('Calculating…')).toBe('Calculating…');
  });

  it('tells the model the locale when there is a valid one', () => {
    expect(localeInstructions('ja-jp')).toBe(
      "The user's locale is ja-JP (Japanese (Japan)). Answer in that language unless the user writes in another one.",
    );
    expect(localeInstructions('not a tag')).toBeUndefined();
    expect(localeInstructions(undefined)).toBeUndefined();
  });

  it('takes the locale from request metadata over Accept-Language', () => {
    const server = Object.create(AssistantServer.prototype) as AssistantServer;
    const base: AppContext = {
      userId: 'u',
      requestId: 'r',
      agentId: 'a',
      authMethod: 'anonymous',
      locale: 'de',
    };
    const withMeta = (metadata: Record<string, unknown>) =>
      server.contextForRequest({ type: 'threads.list', params: {}, metadata } as never, base)
        .locale;
    expect(withMeta({ locale: 'fr-ca' })).toBe('fr-CA');
    expect(withMeta({ locale: 'not a tag!' })).toBe('de');
    expect(withMeta({ locale: 42 })).toBe('de');
    expect(withMeta({})).toBe('de');
  });
});
