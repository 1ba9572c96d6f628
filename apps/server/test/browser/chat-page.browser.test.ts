import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('GET / in Chromium', () => {
  let server: ChildServer;
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    await ensureBuilt();
    server = await startChildServer(
      {
        CHATKIT_UPLOAD_STRATEGY: 'disabled',
        CHATKIT_TITLE: 'Threadline <Demo>',
        // Opt-in to OpenAI's runtime: these tests cover the page around a foreign script.
        CHATKIT_SCRIPT_URL: 'https://cdn.platform.openai.com/deployments/chatkit/chatkit.js',
      },
      ['--demo'],
    );
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`says clearly that the ChatKit script could not load (${scheme} scheme)`, async () => {
      const page = await browser.newPage({ colorScheme: scheme });
      try {
        // Light: the real attempt (the CDN is unreachable here; a network error or the load timeout).
        // Dark: the request is failed at once, as an offline browser would.
        if (scheme === 'dark') {
          await page.route('https://cdn.platform.openai.com/**', (route) =>
            route.abort('internetdisconnected'),
          );
        }
        const response = await page.goto(`${server.url}/`);
        expect(response?.status()).toBe(200);
        expect(await page.title()).toBe('Threadline <Demo>');
        const alert = page.locator('.threadline-status[data-state="error"]');
        await alert.waitFor({ state: 'visible', timeout: 30_000 });
        const text = await alert.innerText();
        expect(text).toContain('The chat interface could not be loaded');
        expect(text).toContain('https://cdn.platform.openai.com/deployments/chatkit/chatkit.js');
        expect(text).toContain(`${server.url}/chatkit?agent_id=assistant`);
        expect(await alert.getAttribute('role')).toBe('alert');
        const box = await alert.locator('.box').boundingBox();
        expect(box?.width).toBeGreaterThan(200);
        await page.screenshot({ path: `/tmp/threadline-page-${scheme}.png` });
      } finally {
        await page.close();
      }
    }, 60_000);
  }

  it('mounts <openai-chatkit> and configures it once the element is defined', async () => {
    const page = await browser.newPage({ colorScheme: 'dark' });
    try {
      // Stand-in for chatkit.js: defines the element and records the options it receives.
      await page.route('https://cdn.platform.openai.com/**', (route) =>
        route.fulfill({
          contentType: 'text/javascript',
          body: `customElements.define('openai-chatkit', class extends HTMLElement {
            setOptions(o) { window.__chatkitOptions = o; this.textContent = 'chat ready'; }
          });`,
        }),
      );
      await page.goto(`${server.url}/`);
      await page.waitForFunction(
        () => (window as unknown as { __chatkitOptions?: unknown }).__chatkitOptions !== undefined,
      );
      const options = await page.evaluate(() => {
        const o = (window as unknown as { __chatkitOptions: Record<string, unknown> })
          .__chatkitOptions;
        return JSON.parse(JSON.stringify(o)) as Record<string, unknown>;
      });
      expect(options).toMatchObject({
        api: { url: `${server.url}/chatkit?agent_id=assistant`, domainKey: 'local-dev' },
        theme: { colorScheme: 'dark' },
        header: { enabled: true, title: { enabled: true, text: 'Threadline <Demo>' } },
        history: { enabled: true, showDelete: true, showRename: true },
        startScreen: { greeting: 'How can I help today?' },
        composer: { attachments: { enabled: false } },
      });
      expect(await page.locator('.threadline-status').isHidden()).toBe(true);
      // The theme follows the host page.
      await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
      await page.waitForFunction(
        () =>
          (window as unknown as { __chatkitOptions: { theme: { colorScheme: string } } })
            .__chatkitOptions.theme.colorScheme === 'light',
      );
      // The custom fetch reaches the API with the visitor's cookie (anonymous demo mode).
      const status = await page.evaluate(async () => {
        const o = (
          window as unknown as { __chatkitOptions: { api: { fetch: typeof fetch; url: string } } }
        ).__chatkitOptions;
        const res = await o.api.fetch(o.api.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'threads.list', params: {} }),
        });
        return res.status;
      });
      expect(status).toBe(200);
    } finally {
      await page.close();
    }
  }, 60_000);
});
