import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startFakeModelServer,
  type FakeModelServer,
  type FakeRequest,
} from '@threadline/server/testing';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../apps/server/test/helpers/build.js';
import { startChildServer, type ChildServer } from '../../apps/server/test/helpers/child-server.js';
import { launchChromium } from '../../apps/server/test/helpers/chromium.js';
import { buildSite, ensureSiteInstalled, typecheckSite } from './test/site.js';
import { startStaticServer, type StaticServer } from './test/static-server.js';

const AGENTS = {
  agents: [
    {
      id: 'assistant',
      name: 'Docs',
      instructions: 'Answer questions about the docs.',
      model: 'fake',
    },
  ],
};

/** The `<request_metadata>` JSON block of the instructions (Responses API `instructions`). */
function requestMetadata(request: FakeRequest): Record<string, unknown> {
  const instructions = request.body.instructions;
  expect(typeof instructions).toBe('string');
  const match = /<request_metadata>\n([\s\S]*?)\n<\/request_metadata>/.exec(instructions as string);
  expect(match).not.toBeNull();
  return JSON.parse(match![1]!) as Record<string, unknown>;
}

/** The model request whose input holds `text` (the user's message of that turn). */
const requestFor = (fake: FakeModelServer, text: string): FakeRequest | undefined =>
  fake.requests.find((r) => JSON.stringify(r.body.input).includes(text));

async function send(chat: Locator, text: string): Promise<void> {
  await chat.locator('textarea').fill(text);
  await chat.locator('button[aria-label="Send message"]').click();
}

describe('the Docusaurus example: a floating chat sending the doc it is opened on', () => {
  let fake: FakeModelServer;
  let docs: StaticServer;
  let server: ChildServer;
  let browser: Browser;
  let outDir: string;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    // Each answer names the page the model was told about, streamed in three deltas.
    fake = await startFakeModelServer((request) => {
      const title = /"title":"([^"|]+)/.exec(String(request.body.instructions))?.[1] ?? 'no page';
      return { text: ['You are reading ', `${title.trim()}`, '.'] };
    });
    // The docs origin must exist before the app starts (CORS) and the app's URL before the build.
    outDir = mkdtempSync(join(tmpdir(), 'threadline-docusaurus-'));
    docs = await startStaticServer(outDir);
    await ensureBuilt();
    const agentsFile = join(
      mkdtempSync(join(tmpdir(), 'threadline-docusaurus-agents-')),
      'agents.json',
    );
    writeFileSync(agentsFile, JSON.stringify(AGENTS));
    server = await startChildServer({
      THREADLINE_AUTH: 'anonymous',
      CORS_ORIGINS: docs.origin,
      OPENAI_API_KEY: 'sk-fake',
      OPENAI_BASE_URL: fake.baseURL,
      THREADLINE_MODEL_PROVIDER: 'openai-responses',
      THREADLINE_CONFIG: agentsFile,
      CHATKIT_UPLOAD_STRATEGY: 'disabled',
      OPENAI_AGENTS_DISABLE_TRACING: '1',
    });
    timings.install = await ensureSiteInstalled();
    timings.typecheck = await typecheckSite();
    timings.build = await buildSite(outDir, {
      THREADLINE_URL: server.url,
      THREADLINE_CHAT_TITLE: 'Ask Acme',
      SITE_URL: docs.origin,
    });
    console.info(`docusaurus example: ${JSON.stringify(timings)} ms`);
    browser = await launchChromium();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await docs?.close();
    await fake?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('streams an answer in the panel, and the model is told the page, before and after navigating', async () => {
    const page: Page = await browser.newPage();
    try {
      await page.goto(`${docs.origin}/install`);
      await page.locator('h1', { hasText: 'Installation' }).waitFor();
      // Neither the chat nor its script is in the page until the reader opens it.
      expect(await page.locator('openai-chatkit').count()).toBe(0);
      expect(await page.locator('script[data-threadline-chatkit]').count()).toBe(0);
      await page.getByRole('button', { name: 'Ask Acme' }).click();
      const chat = page.locator('#threadline-chat-panel openai-chatkit');
      await chat.locator('textarea').waitFor({ timeout: 20_000 });

      await send(chat, 'How do I install it?');
      const answers = chat.locator('[data-item-type="assistant_message"]');
      await expect
        .poll(
          () =>
            answers
              .last()
              .innerText()
              .catch(() => ''),
          { timeout: 30_000 },
        )
        .toContain('You are reading Installation.');
      const first = requestMetadata(requestFor(fake, 'How do I install it?')!);
      expect(first).toEqual({
        pageContext: {
          url: `${docs.origin}/install`,
          path: '/install',
          title: 'Installation | Acme Widgets',
          description: 'Install the Acme Widgets package and check that it works.',
          headings: [
            'Installation',
            'Requirements',
            'Install the package',
            'Check the installation',
          ],
        },
      });

      // A client-side navigation (the sidebar link): the panel stays open with its thread.
      await page.locator('nav a', { hasText: 'Configuration' }).first().click();
      await page.waitForURL(`${docs.origin}/configuration`);
      await page.locator('h1', { hasText: 'Configuration' }).waitFor();
      await expect.poll(() => page.title()).toBe('Configuration | Acme Widgets');
      await expect.poll(() => answers.count()).toBe(1);

      await send(chat, 'And what can I configure?');
      await expect
        .poll(
          () =>
            answers
              .last()
              .innerText()
              .catch(() => ''),
          { timeout: 30_000 },
        )
        .toContain('You are reading Configuration.');
      const second = requestMetadata(requestFor(fake, 'And what can I configure?')!);
      expect(second).toEqual({
        pageContext: {
          url: `${docs.origin}/configuration`,
          path: '/configuration',
          title: 'Configuration | Acme Widgets',
          description: 'Every setting of Acme Widgets, with its default.',
          headings: ['Configuration', 'The configuration file', 'Themes', 'Rate limits'],
        },
      });

      // The panel follows the site's light/dark toggle (Docusaurus's `<html data-theme>`).
      const composerScheme = () =>
        chat.locator('textarea').evaluate((element) => getComputedStyle(element).colorScheme);
      expect(await composerScheme()).toBe('light');
      await page.getByRole('button', { name: /dark and light mode/ }).click();
      await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
      await expect.poll(composerScheme).toBe('dark');
    } finally {
      await page.close();
    }
  }, 120_000);
});
