// The Markdown renderer and the widget gallery in Chromium: lazy chunks (highlighting, KaTeX with
// its bundled fonts, charts, Lucide) load from the bundle's own origin, hostile input stays inert,
// and every action kind reaches onAction with its form data and loading state.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOTS = join(tmpdir(), 'threadline-widget-gallery');
const BASELINES = fileURLToPath(new URL('./baselines/', import.meta.url));

/** Compares two PNGs in the page: same size, and the share of pixels differing by more than a little. */
async function comparePngs(page: Page, baseline: Buffer, actual: Buffer) {
  return page.evaluate(
    async ([a, b]) => {
      const load = async (base64: string) => {
        const image = new Image();
        image.src = `data:image/png;base64,${base64}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        return context.getImageData(0, 0, image.width, image.height);
      };
      const [x, y] = await Promise.all([load(a), load(b)]);
      const size = `${x.width}x${x.height} vs ${y.width}x${y.height}`;
      if (x.width !== y.width || x.height !== y.height)
        return { sameSize: false, size, changedRatio: 1 };
      let changed = 0;
      for (let i = 0; i < x.data.length; i += 4) {
        const delta = Math.max(
          Math.abs(x.data[i]! - y.data[i]!),
          Math.abs(x.data[i + 1]! - y.data[i + 1]!),
          Math.abs(x.data[i + 2]! - y.data[i + 2]!),
        );
        if (delta > 48) changed += 1;
      }
      return { sameSize: true, size, changedRatio: changed / (x.width * x.height) };
    },
    [baseline.toString('base64'), actual.toString('base64')] as const,
  );
}
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

describe('Markdown and widgets in Chromium', () => {
  let dir: string;
  let server: Server;
  let origin: string;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    dir = mkdtempSync(join(tmpdir(), 'tl-render-page-'));
    // The same bundling as build.mjs: ES modules, lazy chunks, fonts as files.
    await build({
      entryPoints: { page: fileURLToPath(new URL('./fixtures/render-page.tsx', import.meta.url)) },
      bundle: true,
      format: 'esm',
      splitting: true,
      minify: true,
      target: 'es2022',
      outdir: dir,
      chunkNames: 'chunks/[name]-[hash]',
      assetNames: 'assets/[name]-[hash]',
      loader: { '.woff2': 'file' },
      jsx: 'automatic',
      jsxImportSource: 'preact',
      conditions: ['@threadline/source'],
      logLevel: 'error',
    });
    const html =
      '<!doctype html><html><head><meta charset="utf-8"><title>render</title></head><body style="margin:0"><div id="host"></div><script type="module" src="/page.js"></script></body></html>';
    server = createServer((req, res) => {
      const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(
        /^(\.\.[/\\])+/,
        '',
      );
      if (path === '/') {
        res.writeHead(200, { 'content-type': 'text/html' }).end(html);
        return;
      }
      const file = join(dir, path);
      if (!file.startsWith(dir) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 720, height: 900 } });
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(`${origin}/`);
    // Lazy chunks: the highlighter, KaTeX, the chart and the Lucide icons.
    await page.locator('#markdown .hljs-keyword').first().waitFor();
    await page.locator('#markdown .katex-display').waitFor();
    await page.locator('[data-key="gallery-chart"] svg[role="img"]').first().waitFor();
    await page
      .locator('svg[data-icon="lucide:rocket"] path')
      .first()
      .waitFor({ state: 'attached' });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders Markdown with highlighting, KaTeX from the bundle, safe links and RTL', async () => {
    const report = await page.evaluate(async () => {
      const root = document.getElementById('host')!.shadowRoot!;
      const md = root.querySelector('#markdown')!;
      const links = [...md.querySelectorAll('a')].map((a) => ({
        href: a.getAttribute('href'),
        target: a.getAttribute('target'),
        rel: a.getAttribute('rel'),
      }));
      await document.fonts.ready;
      const rtl = [...md.querySelectorAll('p')].find((p) => p.textContent?.startsWith('مرحبا'))!;
      return {
        links,
        fontLoaded: document.fonts.check('16px KaTeX_Main'),
        katexInline: md.querySelectorAll('.katex').length,
        keywordColor: getComputedStyle(md.querySelector('.hljs-keyword')!).color,
        rtlDirection: getComputedStyle(rtl).direction,
        rootDirection: getComputedStyle(md.querySelector('.tl-md')!).direction,
      };
    });
    expect(report.links).toEqual([
      { href: 'https://example.com/page', target: '_blank', rel: 'noopener noreferrer' },
      { href: 'chatkit-link://open-order?id=42', target: null, rel: null },
    ]);
    expect(report.fontLoaded).toBe(true);
    expect(report.katexInline).toBe(2);
    expect(report.keywordColor).not.toBe(
      await page.evaluate(() => getComputedStyle(document.body).color),
    );
    expect(report.rtlDirection).toBe('rtl');
    expect(report.rootDirection).toBe('ltr');
    await page.locator('#markdown').screenshot({ path: join(SCREENSHOTS, 'markdown.png') });
  });

  it('keeps hostile Markdown and widget JSON inert: nothing runs, no handler attributes, no script URLs', async () => {
    const report = await page.evaluate(() => {
      const root = document.getElementById('host')!.shadowRoot!;
      const all = [...root.querySelectorAll('*')];
      return {
        alerts: (window as unknown as { tlTest: { alerts: unknown[] } }).tlTest.alerts,
        scripts: root.querySelectorAll('script,iframe,object,embed').length,
        handlers: all.filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
        badUrls: all.filter((el) =>
          ['href', 'src'].some((a) =>
            /^\s*(javascript|vbscript|data:text|data:image\/svg)/i.test(el.getAttribute(a) ?? ''),
          ),
        ).length,
        styleUrls: all.filter((el) => /url\(/i.test(el.getAttribute('style') ?? '')).length,
        blockedImages: root.querySelectorAll('#hostile .tl-w-image-blocked').length,
      };
    });
    expect(report).toEqual({
      alerts: [],
      scripts: 0,
      handlers: 0,
      badUrls: 0,
      styleUrls: 0,
      blockedImages: 2,
    });
  });

  it('hands chatkit-link:// clicks to the host as a deeplink event', async () => {
    await page.locator('#markdown a[href^="chatkit-link:"]').click();
    const deeplinks = await page.evaluate(
      () => (window as unknown as { tlTest: { deeplinks: unknown[] } }).tlTest.deeplinks,
    );
    expect(deeplinks).toEqual([
      { url: 'chatkit-link://open-order?id=42', name: 'open-order', data: { id: '42' } },
    ]);
    expect(page.url()).toBe(`${origin}/`);
  });

  it('renders each gallery card (one screenshot per component family)', async () => {
    const keys = await page
      .locator('#gallery [data-key]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-key')));
    expect(keys).toEqual([
      'gallery-text',
      'gallery-badges',
      'gallery-layout',
      'gallery-controls',
      'gallery-buttons',
      'gallery-chart',
      'gallery-table',
      'gallery-confirm',
      'gallery-listview',
    ]);
    for (const key of keys) {
      const card = page.locator(`#gallery [data-key="${key}"]`);
      const box = await card.boundingBox();
      expect(box!.height, key!).toBeGreaterThan(40);
      const shot = await card.screenshot({
        path: join(SCREENSHOTS, `${key}.png`),
        animations: 'disabled',
        caret: 'hide',
      });
      // UPDATE_WIDGET_BASELINES=1 rewrites the committed baselines from this run.
      const baselinePath = join(BASELINES, `${key}.png`);
      if (process.env.UPDATE_WIDGET_BASELINES === '1') writeFileSync(baselinePath, shot);
      const diff = await comparePngs(page, readFileSync(baselinePath), shot);
      expect(diff.sameSize, `${key}: ${diff.size}`).toBe(true);
      expect(diff.changedRatio, `${key}: changed pixels`).toBeLessThan(0.01);
    }
    // Every ChatKit icon draws something; the Lucide ones arrived from their chunk.
    const empty = await page
      .locator('#gallery svg.tl-w-icon')
      .evaluateAll((icons) =>
        icons
          .filter((icon) => icon.childElementCount === 0)
          .map((icon) => icon.getAttribute('data-icon')),
      );
    expect(empty).toEqual([]);
    // Stacked bars: two series × four months, and a line.
    expect(await page.locator('[data-key="gallery-chart"] rect.tl-w-bar').count()).toBe(8);
    expect(
      await page.locator('[data-key="gallery-chart"] path[data-series="visits"]').count(),
    ).toBe(1);
  });

  async function actions() {
    return page.evaluate(() =>
      (
        window as unknown as { tlTest: { actions: { action: unknown; context: unknown }[] } }
      ).tlTest.actions.map(({ action, context }) => ({ action, context })),
    );
  }
  async function settleAll() {
    await page.evaluate(() => {
      const t = (window as unknown as { tlTest: { actions: { settle: () => void }[] } }).tlTest;
      t.actions.forEach((a) => a.settle());
      t.actions.length = 0;
    });
  }

  it('validates the form, then submits every field value', async () => {
    const form = page.locator('[data-key="gallery-controls"]');
    await form.getByRole('button', { name: 'Submit form' }).click();
    expect(await actions()).toEqual([]);
    expect(
      await form
        .locator('input[name="name"]')
        .evaluate((el: HTMLInputElement) => el.validity.valueMissing),
    ).toBe(true);

    await form.getByLabel('Name').fill('Ana');
    await form.getByLabel('Notes').fill('Two lines\nhere');
    await form.locator('select[name="size"]').selectOption('l');
    await form.getByLabel('I agree').uncheck();
    await form.getByLabel('Green').check();
    await form.locator('input[name="when"]').fill('2026-02-03');
    await settleAll(); // the select's onChangeAction
    await form.getByRole('button', { name: 'Submit form' }).click();
    const [submitted] = await actions();
    expect(submitted).toEqual({
      action: { type: 'gallery.form_submit', payload: { source: 'gallery' } },
      context: {
        itemId: 'item_gallery',
        formData: {
          name: 'Ana',
          notes: 'Two lines\nhere',
          size: 'l',
          when: '2026-02-03',
          agree: false,
          color: 'green',
        },
      },
    });
    // Submitting disables the whole widget until the action settles.
    expect(await page.locator('#gallery .tl-widget').getAttribute('aria-busy')).toBe('true');
    await settleAll();
    await expect
      .poll(() => page.locator('#gallery .tl-widget').getAttribute('aria-busy'))
      .toBeNull();
  });

  it('fires a select change with its new value (loadingBehavior none)', async () => {
    await page.locator('select[name="size"]').selectOption('s');
    const [change] = await actions();
    expect(change!.action).toMatchObject({
      type: 'gallery.select_change',
      loadingBehavior: 'none',
    });
    expect(change!.context).toMatchObject({ formData: { size: 's', name: 'Ana' } });
    expect(await page.locator('#gallery .tl-widget').getAttribute('aria-busy')).toBeNull();
    await settleAll();
  });

  it('sends server, sync and client actions as declared, showing the button busy meanwhile', async () => {
    const buttons = page.locator('[data-key="gallery-buttons"]');
    for (const [label, expected] of [
      ['Server action', { type: 'gallery.server' }],
      ['Sync action', { type: 'gallery_sync', streaming: false }],
      ['Client action', { type: 'gallery.client', handler: 'client' }],
    ] as const) {
      const button = buttons.getByRole('button', { name: label });
      await button.click();
      const [fired] = await actions();
      expect(fired!.action).toMatchObject(expected);
      expect(fired!.context).toEqual({ itemId: 'item_gallery' });
      expect(await button.getAttribute('aria-busy')).toBe('true');
      expect(await button.isDisabled()).toBe(true);
      await settleAll();
      await expect.poll(() => button.isDisabled()).toBe(false);
    }
    await buttons.getByRole('button', { name: 'Container loading' }).click();
    expect(await page.locator('#gallery .tl-widget').getAttribute('aria-busy')).toBe('true');
    await settleAll();
  });

  it('confirms an asForm card with its field values, and clicks list rows', async () => {
    const card = page.locator('[data-key="gallery-confirm"]');
    await card.getByRole('button', { name: 'Approve' }).click();
    const [confirm] = await actions();
    expect(confirm).toMatchObject({
      action: { type: 'gallery.approve' },
      context: { formData: { reason: 'Looks good' } },
    });
    await settleAll();

    const list = page.locator('[data-key="gallery-listview"]');
    expect(await list.getByRole('listitem').count()).toBe(2);
    await list.getByRole('button', { name: /Show more/ }).click();
    expect(await list.getByRole('listitem').count()).toBe(3);
    await list.getByRole('listitem').nth(2).press('Enter');
    const [row] = await actions();
    expect(row!.action).toMatchObject({ type: 'gallery.row_click', payload: { row: 2 } });
    await settleAll();
  });

  it('loaded everything from its own origin, without page errors', () => {
    expect(pageErrors).toEqual([]);
    const outside = requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'));
    expect(outside).toEqual([]);
    expect(requests.some((url) => /\/assets\/KaTeX_Main-Regular-\w+\.woff2$/.test(url))).toBe(true);
  });
});
