import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SAMPLE_PNG,
  sampleWav,
  startFakeModelServer,
  type FakeModelServer,
} from '@threadline/server/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ar } from '../../../../packages/chatkit/src/i18n/catalogs/ar.js';
import { ensureBuilt } from '../helpers/build.js';
import { freePort, startChildServer, type ChildServer } from '../helpers/child-server.js';
import { CHROMIUM, chatkitRequests, launchChromium, recordRequests } from '../helpers/chromium.js';

// The built-in client on the app's page: two-phase uploads, colour schemes and a right-to-left
// locale, against the offline demo model.

describe('the built-in ChatKit client in Chromium: uploads and appearance', () => {
  let server: ChildServer;
  let browser: Browser;
  /** The app's address (the child's own `url` names the port it picked, which PORT overrides). */
  let origin: string;
  /** Screenshots go here, outside the repository. */
  let shots: string;
  beforeAll(async () => {
    await ensureBuilt();
    // Signed upload URLs are absolute: without PUBLIC_URL they name `localhost`, another origin
    // than the page's 127.0.0.1, so the app is told its public address.
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    server = await startChildServer(
      {
        PORT: String(port),
        PUBLIC_URL: origin,
        CHATKIT_UPLOAD_STRATEGY: 'two_phase',
      },
      ['--demo'],
    );
    browser = await launchChromium();
    shots = mkdtempSync(join(tmpdir(), 'threadline-shots-'));
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const chat = (page: Page) => page.locator('openai-chatkit');
  const composer = (page: Page) => chat(page).locator('textarea');
  const apiUrl = () => `${origin}/chatkit?agent_id=assistant`;

  async function openPage(): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    await composer(page).waitFor({ timeout: 15_000 });
    return page;
  }

  /** A ChatKit request sent from the page, with its session cookie. */
  const request = (page: Page, body: unknown) =>
    page.evaluate(
      async ([url, payload]) => {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(payload),
          credentials: 'include',
        });
        return (await res.json()) as Record<string, unknown>;
      },
      [apiUrl(), body] as const,
    );

  it('uploads an image in two phases and sends it with the message', async () => {
    const page = await openPage();
    const seen = recordRequests(page);
    try {
      const created = page.waitForResponse(
        (r) => r.request().postData()?.includes('"attachments.create"') ?? false,
      );
      await chat(page)
        .locator('input[type="file"]')
        .setInputFiles([{ name: 'dot.png', mimeType: 'image/png', buffer: SAMPLE_PNG }]);
      const attachment = (await (await created).json()) as {
        id: string;
        upload_descriptor: { url: string; method: string };
      };
      expect(attachment.id).toMatch(/\S/);
      const target = attachment.upload_descriptor.url;
      expect(new URL(target).origin).toBe(origin);
      const chip = chat(page).locator('.composer .chip[data-status="done"]');
      await chip.waitFor({ timeout: 10_000 });

      await composer(page).fill('Here is a picture');
      await composer(page).press('Enter');
      const user = chat(page).locator('[data-item-type="user_message"]').last();
      await expect
        .poll(() => user.innerText().catch(() => ''), { timeout: 15_000 })
        .toContain('Here is a picture');

      const create = chatkitRequests(seen).find((r) => r.type === 'attachments.create');
      expect(create?.params).toMatchObject({
        name: 'dot.png',
        size: SAMPLE_PNG.length,
        mime_type: 'image/png',
      });
      // Phase 2: the bytes went to the URL the server handed out, with the method it named.
      const upload = seen.find((r) => r.url === target);
      expect(upload?.method).toBe(attachment.upload_descriptor.method);
      expect(['PUT', 'POST']).toContain(upload?.method);
      const threadCreate = chatkitRequests(seen).find((r) => r.type === 'threads.create');
      expect((threadCreate?.params.input as { attachments: string[] }).attachments).toEqual([
        attachment.id,
      ]);

      // The stored user message carries the attachment.
      const threads = (await request(page, { type: 'threads.list', params: { limit: 10 } }))
        .data as { id: string }[];
      expect(threads).toHaveLength(1);
      const items = (
        await request(page, { type: 'items.list', params: { thread_id: threads[0]!.id } })
      ).data as { type: string; attachments?: { id: string; name: string; mime_type: string }[] }[];
      const stored = items.find((i) => i.type === 'user_message');
      expect(stored?.attachments).toEqual([
        expect.objectContaining({ id: attachment.id, name: 'dot.png', mime_type: 'image/png' }),
      ]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('renders light, dark and Arabic (right-to-left, translated) and screenshots each', async () => {
    const page = await openPage();
    try {
      const root = chat(page).locator('.root');
      const send = chat(page).locator('.composer button[type="submit"]');
      const background = () => root.evaluate((el) => getComputedStyle(el).backgroundColor);
      /** Replaces the element's options with its current ones plus `change`, as a host page would. */
      const update = (change: Record<string, unknown>) =>
        page.evaluate((patch) => {
          const el = document.querySelector('openai-chatkit') as HTMLElement & {
            options: Record<string, unknown>;
            setOptions(options: Record<string, unknown>): void;
          };
          el.setOptions({ ...el.options, ...patch });
        }, change);
      const shoot = async (name: string) => {
        const path = join(shots, `${name}.png`);
        await page.screenshot({ path });
        expect(existsSync(path) && statSync(path).size).toBeGreaterThan(1000);
      };

      await shoot('light');
      const light = await background();
      expect(await root.getAttribute('dir')).toBe('ltr');
      expect(await send.getAttribute('aria-label')).toBe('Send message');

      await update({ theme: { colorScheme: 'dark' } });
      await expect.poll(background).not.toBe(light);
      const dark = await background();
      await shoot('dark');
      // Dark means a darker surface, not just another colour.
      const luminance = (rgb: string) =>
        (rgb.match(/\d+/g) ?? []).slice(0, 3).reduce((sum, n) => sum + Number(n), 0);
      expect(luminance(dark)).toBeLessThan(luminance(light));

      await update({ theme: { colorScheme: 'light' }, locale: 'ar' });
      await expect.poll(() => root.getAttribute('dir')).toBe('rtl');
      await shoot('arabic');
      expect(await root.getAttribute('lang')).toMatch(/^ar/);
      expect(await send.getAttribute('aria-label')).toBe(ar['Send message']);
      expect(await chat(page).locator('label[for="tl-composer-input"]').innerText()).toBe(
        ar['Message input'],
      );
      expect(await background()).toBe(light);
    } finally {
      await page.close();
    }
  }, 60_000);
});

describe('dictation in the built-in ChatKit client (fake microphone, fake transcription API)', () => {
  let fake: FakeModelServer;
  let server: ChildServer;
  let browser: Browser;
  beforeAll(async () => {
    fake = await startFakeModelServer([], { transcript: 'Book a table for two.' });
    await ensureBuilt();
    server = await startChildServer({
      // Anonymous browser sessions, as in the demo, but with a real (fake) model provider.
      THREADLINE_AUTH: 'anonymous',
      OPENAI_API_KEY: 'sk-fake',
      OPENAI_BASE_URL: fake.baseURL,
      THREADLINE_MODEL_PROVIDER: 'openai-chat',
      THREADLINE_TRANSCRIBE_MODEL: 'whisper-test',
      MAX_BODY_BYTES: '4194304',
    });
    // Chromium's fake microphone plays this file; the fake UI grants the permission.
    const wav = join(mkdtempSync(join(tmpdir(), 'threadline-audio-')), 'speech.wav');
    writeFileSync(wav, sampleWav(2));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-audio-capture=${wav}`,
      ],
    });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await fake?.close();
  });

  it('records, transcribes through the app and puts the text in the composer', async () => {
    const page = await browser.newPage();
    const seen = recordRequests(page);
    try {
      await page.goto(`${server.url}/`);
      const chat = page.locator('openai-chatkit');
      const composer = chat.locator('textarea');
      await composer.waitFor({ timeout: 15_000 });
      await page.evaluate(() => {
        const el = document.querySelector('openai-chatkit') as HTMLElement & {
          options: Record<string, unknown> & { composer?: Record<string, unknown> };
          setOptions(options: Record<string, unknown>): void;
        };
        el.setOptions({
          ...el.options,
          composer: { ...el.options.composer, dictation: { enabled: true } },
        });
      });
      await chat.locator('button[aria-label="Start dictation"]').click();
      const stop = chat.locator('button[aria-label="Stop dictation"]');
      await stop.waitFor({ timeout: 10_000 });
      await page.waitForTimeout(1_000);
      await stop.click();
      await expect
        .poll(() => composer.inputValue(), { timeout: 15_000 })
        .toContain('Book a table for two.');
      const transcribe = chatkitRequests(seen).find((r) => r.type === 'input.transcribe');
      expect(String(transcribe?.params.mime_type)).toMatch(/^audio\//);
      expect(String(transcribe?.params.audio_base64).length).toBeGreaterThan(100);
      // The app forwarded the recording to the transcription API with the configured model.
      expect(fake.transcriptions).toHaveLength(1);
      expect(fake.transcriptions[0]!.fields.model).toBe('whisper-test');
      expect(fake.transcriptions[0]!.file.toString('base64')).toBe(transcribe?.params.audio_base64);
    } finally {
      await page.close();
    }
  }, 60_000);
});
