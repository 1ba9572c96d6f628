import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startFakeModelServer,
  type FakeModelServer,
  type FakeRequest,
} from '@threadline/server/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, ensureBuilt } from '../helpers/build.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { chatkitRequests, launchChromium, recordRequests } from '../helpers/chromium.js';

// The example MCP server's widget gallery and a Markdown answer, rendered by the built-in client
// on the app's page: every card, math with the bundled KaTeX fonts, hostile HTML inert, actions.
const hasToolResult = (request: FakeRequest): boolean =>
  JSON.stringify(request.body).includes('function_call_output');

const ANSWER = [
  'Here is the **gallery**.',
  '$$a^2+b^2=c^2$$',
  '```python\nprint("hi")\n```',
  '<img src=x onerror="alert(1)"> [bad](javascript:alert(2))',
].join('\n\n');

const AGENTS = {
  mcpServers: {
    tasks: {
      transport: 'stdio',
      command: process.execPath,
      args: ['--import', 'tsx', 'packages/server/examples/mcp-tasks/server-stdio.ts'],
      cwd: REPO_ROOT,
    },
  },
  agents: [
    {
      id: 'assistant',
      name: 'Assistant',
      instructions: 'Show widgets.',
      model: 'fake',
      mcpServers: ['tasks'],
    },
  ],
};

const CARDS = [
  'gallery-text',
  'gallery-badges',
  'gallery-layout',
  'gallery-controls',
  'gallery-buttons',
  'gallery-chart',
  'gallery-table',
  'gallery-confirm',
  'gallery-listview',
];
const SCREENSHOTS = join(tmpdir(), 'threadline-app-widget-gallery');

describe('the widget gallery from the example MCP server, in the built-in client', () => {
  let fake: FakeModelServer;
  let server: ChildServer;
  let browser: Browser;
  let page: Page;
  let seen: ReturnType<typeof recordRequests>;
  beforeAll(async () => {
    fake = await startFakeModelServer((request) =>
      // A server action resumes the model with the action as hidden context.
      JSON.stringify(request.body).includes('WIDGET_ACTION')
        ? { text: 'Got the action.' }
        : hasToolResult(request)
          ? { text: ANSWER }
          : { toolCalls: [{ name: 'show_widget_gallery', arguments: {} }] },
    );
    await ensureBuilt();
    const file = join(mkdtempSync(join(tmpdir(), 'threadline-gallery-')), 'agents.json');
    writeFileSync(file, JSON.stringify(AGENTS));
    server = await startChildServer(
      {
        THREADLINE_AUTH: 'anonymous',
        OPENAI_API_KEY: 'sk-fake',
        OPENAI_BASE_URL: fake.baseURL,
        THREADLINE_MODEL_PROVIDER: 'openai-responses',
        THREADLINE_CONFIG: file,
        OPENAI_AGENTS_DISABLE_TRACING: '1',
      },
      [],
      { timeoutMs: 60_000 },
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
    await page.addInitScript(() => {
      (window as unknown as { __alerts: unknown[] }).__alerts = [];
      window.alert = (message?: unknown) => {
        (window as unknown as { __alerts: unknown[] }).__alerts.push(message);
      };
    });
    seen = recordRequests(page);
    await page.goto(`${server.url}/`);
    const composer = page.locator('openai-chatkit textarea').first();
    await composer.waitFor({ timeout: 15_000 });
    await composer.fill('Show me the widget gallery');
    await composer.press('Enter');
    await page
      .locator('openai-chatkit [data-key="gallery-chart"] svg[role="img"]')
      .first()
      .waitFor({ timeout: 30_000 });
    await page.locator('openai-chatkit .katex-display').waitFor({ timeout: 30_000 });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await fake?.close();
  });

  it('renders every gallery card (a screenshot each)', async () => {
    const widget = page.locator('openai-chatkit [data-item-type="widget"]');
    expect(await widget.count()).toBe(1);
    const keys = await widget
      .locator('[data-key]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-key')));
    expect(keys).toEqual(CARDS);
    for (const key of CARDS) {
      const card = widget.locator(`[data-key="${key}"]`);
      expect((await card.boundingBox())!.height, key).toBeGreaterThan(40);
      await card.screenshot({ path: join(SCREENSHOTS, `${key}.png`) });
    }
  });

  it('renders the Markdown answer: math in KaTeX fonts from the app, highlighted code, inert HTML', async () => {
    const answer = page.locator('openai-chatkit [data-item-type="assistant_message"]').last();
    await answer.locator('.hljs-built_in, .hljs-string').first().waitFor();
    expect(
      await page.evaluate(
        async () => (await document.fonts.ready, document.fonts.check('16px KaTeX_Main')),
      ),
    ).toBe(true);
    expect(await answer.locator('img').count()).toBe(0);
    expect(await answer.locator('a[href^="javascript"]').count()).toBe(0);
    expect(await answer.innerText()).toContain('<img src=x onerror="alert(1)">');
    expect(
      await page.evaluate(() => (window as unknown as { __alerts: unknown[] }).__alerts),
    ).toEqual([]);
    const origin = new URL(server.url).origin;
    expect(seen.filter((r) => !r.url.startsWith(origin) && !r.url.startsWith('data:'))).toEqual([]);
    expect(seen.some((r) => /\/chatkit\/assets\/KaTeX_Main-Regular-\w+\.woff2$/.test(r.url))).toBe(
      true,
    );
  });

  it('sends a server action and a form submit with the form values', async () => {
    const widget = page.locator('openai-chatkit [data-item-type="widget"]');
    const itemId = await widget.getAttribute('data-item-id');
    const serverButton = widget.getByRole('button', { name: 'Server action' });
    await serverButton.click();
    await expect
      .poll(() => chatkitRequests(seen).filter((r) => r.type === 'threads.custom_action').length)
      .toBe(1);
    // The action resumes the model (one stream at a time): its button is busy until that ends.
    await expect.poll(() => serverButton.getAttribute('aria-busy'), { timeout: 20_000 }).toBeNull();
    const form = widget.locator('[data-key="gallery-controls"]');
    await form.getByLabel('Name').fill('Ana');
    await form.getByRole('button', { name: 'Submit form' }).click();
    await expect
      .poll(() => chatkitRequests(seen).filter((r) => r.type === 'threads.custom_action').length, {
        timeout: 15_000,
      })
      .toBe(2);
    const [server, submit] = chatkitRequests(seen).filter(
      (r) => r.type === 'threads.custom_action',
    );
    expect(server!.params).toMatchObject({
      item_id: itemId,
      action: { type: 'gallery.server', payload: { source: 'gallery' } },
    });
    expect(submit!.params).toMatchObject({
      item_id: itemId,
      action: {
        type: 'gallery.form_submit',
        payload: { source: 'gallery', name: 'Ana', agree: true, color: 'red', when: '2026-01-15' },
      },
    });
  });
});
