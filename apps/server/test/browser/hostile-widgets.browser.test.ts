import { startFakeModelServer, type FakeModelServer } from '@threadline/server/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/build.js';
import type { ChildServer } from '../helpers/child-server.js';
import { launchChromium, recordRequests } from '../helpers/chromium.js';
import { hostRecord, routeHostPage } from '../helpers/host-page.js';
import { startModelApp } from '../helpers/model-app.js';

// A widget from an MCP tool whose strings try to run script or reach another origin
// (fixtures/hostile-mcp-server.ts), rendered by the built-in client through the app: nothing runs,
// no dialog opens, no link or image is navigable to `javascript:`/`data:text/html`, and no style
// string makes it fetch from elsewhere (remote https images are allowed by design: not tested here).
// Every payload would push to `window.__pwned`.
const AGENTS = {
  mcpServers: {
    hostile: {
      transport: 'stdio',
      command: process.execPath,
      args: ['--import', 'tsx', 'apps/server/test/browser/fixtures/hostile-mcp-server.ts'],
      cwd: REPO_ROOT,
    },
  },
  agents: [
    {
      id: 'assistant',
      name: 'Assistant',
      instructions: 'Show the widget.',
      model: 'fake',
      mcpServers: ['hostile'],
    },
  ],
};

declare global {
  interface Window {
    __pwned: string[];
  }
}

/** Attributes of every element under the widget (the locator pierces the shadow root). */
interface ElementInfo {
  tag: string;
  attributes: [string, string][];
}

describe('hostile widget payloads through the app render inert', () => {
  let fake: FakeModelServer;
  let server: ChildServer;
  let browser: Browser;
  let page: Page;
  let seen: ReturnType<typeof recordRequests>;
  const dialogs: string[] = [];
  const navigations: string[] = [];
  beforeAll(async () => {
    fake = await startFakeModelServer((request) =>
      JSON.stringify(request.body).includes('function_call_output')
        ? { text: 'Done.' }
        : { toolCalls: [{ name: 'show_hostile_widget', arguments: {} }] },
    );
    server = await startModelApp(fake, AGENTS);
    browser = await launchChromium();
    page = await browser.newPage();
    await page.addInitScript(() => {
      window.__pwned = [];
    });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    seen = recordRequests(page);
    await page.goto(await routeHostPage(page, server.url));
    const composer = chat().getByRole('combobox', { name: 'Message input' });
    await composer.waitFor({ timeout: 15_000 });
    await composer.fill('Show the hostile widget');
    await composer.press('Enter');
    await widget().locator('[data-key="hostile"]').waitFor({ timeout: 30_000 });
    await chat()
      .locator('[data-item-type="assistant_message"]', { hasText: 'Done.' })
      .waitFor({ timeout: 30_000 });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await fake?.close();
  });

  const chat = () => page.locator('openai-chatkit');
  const widget = () => chat().locator('[data-item-type="widget"]');
  const pwned = () => page.evaluate(() => window.__pwned);
  const elements = (): Promise<ElementInfo[]> =>
    widget()
      .locator('*')
      .evaluateAll((els) =>
        els.map((el) => ({
          tag: el.tagName.toLowerCase(),
          attributes: [...el.attributes].map((a): [string, string] => [a.name, a.value]),
        })),
      );

  it('shows the hostile strings as text and runs none of them', async () => {
    const text = await widget().innerText();
    expect(text).toContain(`<script>window.__pwned.push('text')</script>`);
    expect(text).toContain(`<svg onload=`);
    expect(text).toContain(`<img src=x onerror=`);
    const all = await elements();
    expect(all.length).toBeGreaterThan(10);
    expect(all.filter((el) => ['script', 'iframe', 'object', 'embed'].includes(el.tag))).toEqual(
      [],
    );
    expect(all.flatMap((el) => el.attributes.filter(([name]) => /^on/i.test(name)))).toEqual([]);
    // Let lazy images and timers settle before checking nothing ran.
    await page.waitForTimeout(300);
    expect(await pwned()).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('no URL in the widget is javascript:, data:text/html or another origin', async () => {
    const origin = new URL(server.url).origin;
    const urls = (await elements()).flatMap((el) =>
      el.attributes.filter(([name]) =>
        ['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href'].includes(name),
      ),
    );
    for (const [name, value] of urls) {
      const url = value.trim().toLowerCase();
      expect(url, name).not.toMatch(/^(javascript|vbscript):/);
      expect(url, name).not.toMatch(/^data:text\/html/);
      expect(url.includes('leak.invalid'), `${name}=${value}`).toBe(false);
    }
    // The blocked images show their alt text instead.
    for (const alt of ['js image', 'attribute image', 'html image'])
      expect(await widget().getByRole('img', { name: alt }).count(), alt).toBeGreaterThan(0);
    const styles = await widget()
      .locator('[style]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('style') ?? ''));
    expect(styles.filter((style) => /url\(/i.test(style))).toEqual([]);
    expect(
      seen.filter((r) => !r.url.startsWith(origin) && !r.url.startsWith('data:')).map((r) => r.url),
    ).toEqual([]);
  });

  it('clicking every link, image and the button navigates nowhere and runs nothing', async () => {
    const before = page.url();
    const navigated = navigations.length;
    const targets = widget().locator('a, img, [role="img"], button');
    const count = await targets.count();
    // Three blocked images and the button at least (the Markdown links may render as plain text).
    expect(count).toBeGreaterThanOrEqual(4);
    for (let i = 0; i < count; i++) await targets.nth(i).click({ timeout: 5_000 });
    for (const label of ['js link', 'JS upper', 'html data', 'raw anchor'])
      await widget().getByText(label).first().click({ timeout: 5_000 });
    await page.waitForTimeout(300);
    expect(page.url()).toBe(before);
    expect(navigations.slice(navigated)).toEqual([]);
    expect(await pwned()).toEqual([]);
    expect(dialogs).toEqual([]);
    // The client action reached the host as data, its URL never followed.
    expect((await hostRecord(page)).actions.map((a) => a.action)).toEqual([
      { type: 'open_url', payload: { href: "javascript:window.__pwned.push('button-href')" } },
    ]);
  });
});
