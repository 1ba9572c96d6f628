import { describe, expect, it } from 'vitest';
import {
  catalogProblems,
  LOCALES,
  matchLocale,
  parseAcceptLanguage,
  SDK_CATALOGS,
  SDK_MESSAGE_KEYS,
  translator,
} from '../../src/index.js';
import { CustomStreamError } from '../../src/errors.js';
import { FormInteractions, validateAnswers, type FormSpec } from '../../src/forms/index.js';
import {
  assertInputLength,
  resolveToolChoice,
  selectModel,
  toFriendlyError,
} from '../../src/turn/index.js';
import { FRIENDLY_ERROR_MESSAGES } from '../../src/turn/friendly-errors.js';
import { DEFAULT_FORM_TEXTS } from '../../src/forms/form-interactions.js';
import { DEFAULT_FORM_WIDGET_TEXTS } from '../../src/forms/form-widget.js';

describe('server texts in the client locales', () => {
  it('has a catalogue for every client locale but English, with every SDK key and its placeholders', () => {
    expect(Object.keys(SDK_CATALOGS).sort()).toEqual(LOCALES.filter((l) => l !== 'en').sort());
    expect(catalogProblems(SDK_CATALOGS, SDK_MESSAGE_KEYS)).toEqual([]);
  });

  it('lists every user-facing SDK text as a key', () => {
    const texts = [
      ...Object.values(FRIENDLY_ERROR_MESSAGES).map((m) => m.message),
      DEFAULT_FORM_TEXTS.reminder,
      DEFAULT_FORM_TEXTS.invalidTwice,
      ...Object.values(DEFAULT_FORM_WIDGET_TEXTS),
    ];
    for (const text of texts) expect(SDK_MESSAGE_KEYS as readonly string[]).toContain(text);
  });

  it('finds gaps: a missing key, an unknown key, other placeholders', () => {
    expect(
      catalogProblems({ fr: { 'Keep it under {max} characters.': 'Moins de {n}', Extra: 'x' } }, [
        'Keep it under {max} characters.',
        'Submit',
      ]),
    ).toEqual([
      'fr: "Keep it under {max} characters." has other placeholders',
      'fr: missing "Submit"',
      'fr: unknown key "Extra"',
    ]);
  });

  it('matches a locale by language and falls back to English', () => {
    expect(matchLocale('fr-CA')).toBe('fr');
    expect(matchLocale('zh-Hant-TW')).toBe('zh');
    expect(matchLocale(['pt-BR', 'de-AT'])).toBe('de');
    expect(matchLocale('pt-BR')).toBe('en');
    expect(matchLocale('not a locale!')).toBe('en');
    expect(matchLocale(undefined)).toBe('en');
  });

  it('reads Accept-Language by quality, dropping * and q=0', () => {
    expect(parseAcceptLanguage('de;q=0.5, fr-ch, en;q=0.8, *;q=0.1, ja;q=0')).toEqual([
      'fr-CH',
      'en',
      'de',
    ]);
    expect(parseAcceptLanguage(undefined)).toEqual([]);
    expect(parseAcceptLanguage('@@, es')).toEqual(['es']);
  });

  it('translates with parameters, an app catalogue first, English otherwise', () => {
    const app = { fr: { 'Calculating…': 'Calcul…' } };
    const t = translator([app, SDK_CATALOGS], 'fr-FR');
    expect(t('Calculating…')).toBe('Calcul…');
    expect(t('Keep it under {max} characters.', { max: 10 })).toBe('Restez sous 10 caractères.');
    expect(t('Not in any catalogue {x}', { x: 1 })).toBe('Not in any catalogue 1');
    expect(translator([app, SDK_CATALOGS], 'sv')('Calculating…')).toBe('Calculating…');
  });

  it('friendly errors speak the locale; custom messages are kept as written', () => {
    const rateLimited = Object.assign(new Error('429'), { status: 429 });
    const fr = toFriendlyError(rateLimited, { locale: 'fr' }) as CustomStreamError;
    expect(fr).toBeInstanceOf(CustomStreamError);
    expect(fr.message).toBe(SDK_CATALOGS.fr![FRIENDLY_ERROR_MESSAGES.rate_limit.message]);
    expect(fr.allowRetry).toBe(true);
    const en = toFriendlyError(rateLimited, { locale: 'xx-unknown' }) as CustomStreamError;
    expect(en.message).toBe(FRIENDLY_ERROR_MESSAGES.rate_limit.message);
    const custom = toFriendlyError(rateLimited, {
      locale: 'fr',
      messages: { rate_limit: { message: 'Slow down', allowRetry: false } },
    }) as CustomStreamError;
    expect(custom.message).toBe('Slow down');
  });

  it('form texts and validation errors follow the request locale', () => {
    const forms = new FormInteractions<{ lang?: string }>({
      locale: (context) => context.lang,
      texts: { widget: { cancel: 'Never mind' } },
    });
    const de = forms.textsFor({ lang: 'de' });
    expect(de.widget.submit).toBe('Senden');
    expect(de.widget.cancel).toBe('Never mind');
    expect(de.reminder).toBe(SDK_CATALOGS.de![DEFAULT_FORM_TEXTS.reminder]);
    // Only the model reads the tool result: it stays English.
    expect(de.toolResult).toBe(DEFAULT_FORM_TEXTS.toolResult);
    expect(forms.textsFor({}).widget.submit).toBe('Submit');
    const spec: FormSpec = {
      title: 'T',
      fields: [{ name: 'a', label: 'A', type: 'text' as const, required: true }],
    };
    expect(validateAnswers(spec, {}, forms.textsFor({ lang: 'ja' }).translate)).toMatchObject({
      ok: false,
      errors: { a: 'この項目は必須です。' },
    });
  });

  it('turn checks (input limit, model and tool choice) answer in the locale', () => {
    const input = {
      type: 'user_message',
      id: 'msg_1',
      thread_id: 'thr_1',
      created_at: new Date().toISOString(),
      content: [{ type: 'input_text', text: 'x'.repeat(12) }],
      attachments: [],
      inference_options: {},
    } as unknown as Parameters<typeof assertInputLength>[0];
    expect(() => assertInputLength(input, { maxChars: 5, locale: 'ja' })).toThrow(
      'メッセージが長すぎます（12 文字）。5 文字以内に短くして、もう一度お試しください。',
    );
    expect(() => assertInputLength(input, { maxChars: 5 })).toThrow(
      'Your message is too long (12 characters). Please shorten it to 5 characters or fewer',
    );
    expect(() =>
      selectModel({ model: 'gpt-x' }, { allowed: ['a'], default: 'a', locale: 'es' }),
    ).toThrow('El modelo «gpt-x» no está disponible. Elige otro modelo.');
    expect(() =>
      resolveToolChoice({ tool_choice: { id: 'draw' } }, {}, { onUnknown: 'error', locale: 'de' }),
    ).toThrow('Das Werkzeug „draw“ ist nicht verfügbar.');
  });
});
