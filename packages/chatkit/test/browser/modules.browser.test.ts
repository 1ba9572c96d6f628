// The client modules in Chromium against the SDK handler over HTTP: dictation from the fake
// microphone (playing a generated WAV) through input.transcribe, uploads with XMLHttpRequest
// progress (both strategies), image previews, and the theme and RTL locale applied to a page.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AudioInput } from '../../../server/src/protocol/index.js';
import { startChatKitTestApp, type ChatKitTestApp } from '../helpers/chatkit-test-app.js';
import { TEST_PAGE, bundle } from './bundle.js';
import type { TestModules } from './fixtures/modules-page.js';
import { toneWav } from './wav.js';

const CHROMIUM = '/usr/bin/chromium';
const ENTRY = fileURLToPath(new URL('./fixtures/modules-page.ts', import.meta.url));
const FONT_FILE = '/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf';

declare global {
  interface Window {
    tl: TestModules;
  }
}

let app: ChatKitTestApp;
let browser: Browser;
let tempDir: string;
const heard: AudioInput[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  tempDir = await mkdtemp(join(tmpdir(), 'threadline-client-browser-'));
  const wav = join(tempDir, 'tone.wav');
  await writeFile(wav, toneWav(4));
  app = await startChatKitTestApp({
    hooks: {
      transcribe: async (audio) => {
        heard.push(audio);
        return { text: 'hello from the fake microphone' };
      },
    },
    files: {
      '/': { contentType: 'text/html', body: TEST_PAGE },
      '/modules.js': { contentType: 'text/javascript', body: await bundle(ENTRY) },
      '/fonts/brand.ttf': {
        contentType: 'font/ttf',
        body: new Uint8Array(readFileSync(FONT_FILE)),
      },
    },
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${wav}`,
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
});

async function openPage(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${app.origin}/`);
  await page.waitForFunction(() => 'tl' in window);
  return page;
}

describe('dictation', () => {
  it('records the microphone and returns the transcription', async () => {
    const page = await openPage();
    try {
      const before = heard.length;
      const text = await page.evaluate(async () => {
        const request = (body: object) =>
          fetch('/chatkit', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          }).then((r) => r.json() as Promise<unknown>);
        const dictation = window.tl.startDictation({ request });
        await dictation.ready;
        await new Promise((resolve) => setTimeout(resolve, 1500));
        return dictation.stop();
      });
      expect(text).toBe('hello from the fake microphone');
      expect(heard).toHaveLength(before + 1);
      const audio = heard.at(-1)!;
      expect(audio.mime_type).toMatch(/^audio\/webm;codecs=opus$/);
      expect(audio.media_type).toBe('audio/webm');
      // A WebM file (EBML magic) with about 1.5 s of Opus in it.
      expect([...audio.data.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
      expect(audio.data.length).toBeGreaterThan(2_000);
    } finally {
      await page.close();
    }
  });

  it('sends nothing when cancelled', async () => {
    const page = await openPage();
    try {
      const before = app.requests.length;
      const result = await page.evaluate(async () => {
        const sent: unknown[] = [];
        const dictation = window.tl.startDictation({ request: async (body) => sent.push(body) });
        await dictation.ready;
        await new Promise((resolve) => setTimeout(resolve, 300));
        dictation.cancel();
        const error = await dictation.stop().catch((e: { code?: string }) => e.code);
        return { sent: sent.length, error };
      });
      expect(result).toEqual({ sent: 0, error: 'cancelled' });
      expect(app.requests).toHaveLength(before);
    } finally {
      await page.close();
    }
  });
});

describe('uploads with XMLHttpRequest', () => {
  for (const strategy of ['direct', 'two_phase'] as const) {
    it(`reports byte progress and returns the attachment (${strategy})`, async () => {
      const page = await openPage();
      try {
        // Slow the upload down so progress events have time to fire.
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: 0,
          downloadThroughput: -1,
          uploadThroughput: 4 * 1024 * 1024,
        });
        const result = await page.evaluate(async (strategy) => {
          // A 6 MB "PNG": a real 1×1 PNG, then filler.
          const png = Uint8Array.from(
            atob(
              'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
            ),
            (c) => c.charCodeAt(0),
          );
          const bytes = new Uint8Array(6_000_000);
          bytes.set(png);
          for (let i = png.length; i < bytes.length; i++) bytes[i] = i % 251;
          const file = new File([bytes], 'big.png', { type: 'image/png' });
          const progress: number[] = [];
          const request = (body: object) =>
            fetch('/chatkit', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(body),
            }).then((r) => r.json() as Promise<unknown>);
          const attachment = await window.tl.uploadAttachment({
            file,
            strategy:
              strategy === 'direct'
                ? { type: 'direct', uploadUrl: '/chatkit/upload' }
                : { type: 'two_phase' },
            request,
            onProgress: (fraction) => progress.push(fraction),
          });
          const preview = await fetch((attachment as { preview_url: string }).preview_url);
          return { attachment, progress, previewBytes: (await preview.arrayBuffer()).byteLength };
        }, strategy);
        expect(result.attachment).toMatchObject({ type: 'image', name: 'big.png' });
        expect(result.previewBytes).toBe(6_000_000);
        const { progress } = result;
        expect(progress[0]).toBe(0);
        expect(progress.at(-1)).toBe(1);
        expect(
          progress.some((f) => f > 0.05 && f < 0.95),
          progress.join(),
        ).toBe(true);
        expect([...progress].sort((a, b) => a - b)).toEqual(progress);
      } finally {
        await page.close();
      }
    }, 60_000);
  }

  it('previews a picked image from an object URL', async () => {
    const page = await openPage();
    try {
      const size = await page.evaluate(async () => {
        const png = Uint8Array.from(
          atob(
            'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
          ),
          (c) => c.charCodeAt(0),
        );
        const preview = window.tl.previewUrl(new File([png], 'dot.png', { type: 'image/png' }))!;
        const image = new Image();
        image.src = preview.url;
        await image.decode();
        preview.revoke();
        const text = window.tl.previewUrl(new File(['x'], 'a.txt', { type: 'text/plain' }));
        return { width: image.naturalWidth, scheme: preview.url.split(':')[0], text };
      });
      expect(size).toEqual({ width: 1, scheme: 'blob', text: null });
    } finally {
      await page.close();
    }
  });
});

describe('theme and locale in the page', () => {
  it('applies the custom properties in a shadow root and lays out Arabic right to left', async () => {
    const page = await openPage();
    try {
      const result = await page.evaluate(() => {
        const host = document.createElement('div');
        document.body.append(host);
        const root = host.attachShadow({ mode: 'open' });
        const { t, dir } = window.tl.createTranslator('ar-EG');
        const style = document.createElement('style');
        style.textContent = `${window.tl.themeStyles({
          colorScheme: 'dark',
          radius: 'soft',
          color: { accent: { primary: '#ff5500', level: 1 } },
        })}
        button { background: var(--tl-accent); color: var(--tl-accent-contrast); border-radius: var(--tl-radius-control); }`;
        const button = document.createElement('button');
        button.textContent = t('Send message');
        const wrapper = document.createElement('div');
        wrapper.dir = dir;
        wrapper.append(button);
        root.append(style, wrapper);
        const computed = getComputedStyle(button);
        return {
          background: computed.backgroundColor,
          radius: computed.borderRadius,
          direction: computed.direction,
          text: button.textContent,
          scheme: getComputedStyle(host).colorScheme,
        };
      });
      expect(result).toEqual({
        background: 'rgb(255, 85, 0)',
        radius: '8px',
        direction: 'rtl',
        text: 'إرسال الرسالة',
        scheme: 'dark',
      });
    } finally {
      await page.close();
    }
  });

  it('loads the typography.fontSources faces for the shadow tree', async () => {
    const page = await openPage();
    try {
      const result = await page.evaluate(async () => {
        const theme = {
          typography: {
            fontFamily: '"Brand Serif", sans-serif',
            fontSources: [{ family: 'Brand Serif', src: '/fonts/brand.ttf', weight: 400 }],
          },
        };
        // @font-face only counts at document level: the rules go to <head>, the properties to the shadow root.
        window.tl.installFontFaces(document, theme.typography.fontSources);
        const host = document.createElement('div');
        document.body.append(host);
        const root = host.attachShadow({ mode: 'open' });
        const style = document.createElement('style');
        style.textContent = `${window.tl.themeStyles(theme)} p { font-family: var(--tl-font-family); }`;
        const text = document.createElement('p');
        text.textContent = 'Typography';
        root.append(style, text);
        const faces = await document.fonts.load('16px "Brand Serif"');
        window.tl.installFontFaces(document, []);
        return {
          loaded: faces.map((face) => [face.family, face.status]),
          family: getComputedStyle(text).fontFamily,
          styleLeft: document.head.querySelectorAll('style[data-threadline-chatkit-fonts]').length,
        };
      });
      expect(result).toEqual({
        loaded: [['Brand Serif', 'loaded']],
        family: '"Brand Serif", sans-serif',
        styleLeft: 0,
      });
    } finally {
      await page.close();
    }
  });
});
