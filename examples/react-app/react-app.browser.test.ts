import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startFakeModelServer,
  type FakeModelServer,
  type FakeRequest,
} from '@threadline/server/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../apps/server/test/helpers/build.js';
import {
  freePort,
  startChildServer,
  type ChildServer,
} from '../../apps/server/test/helpers/child-server.js';
import {
  chatkitRequests,
  launchChromium,
  recordRequests,
} from '../../apps/server/test/helpers/chromium.js';
import { JWT_SECRET, jwtFor } from '../../apps/server/test/helpers/tokens.js';
import { buildExample } from './build.mjs';
import { startExampleServer } from './serve.mjs';

// The example as a visitor meets it: built with its own build script, served by its own host
// server on one origin, talking to the built Threadline app (fake model) on another, in Chromium.

const USER = { id: 'ada', name: 'Ada Lovelace', email: 'ada@example.com' };
const SEA_STARS =
  'Ochre sea stars pry open mussels with their tube feet and can regrow a lost arm over about a year.';
const AGENTS = {
  agents: [{ id: 'assistant', name: 'Assistant', instructions: 'Be a guide.', model: 'fake' }],
};

/** The JSON of the `<request_metadata>` block of the instructions (exactly one block). */
function metadataInInstructions(request: FakeRequest): Record<string, unknown> {
  const instructions = (request.body as { instructions?: unknown }).instructions;
  expect(typeof instructions).toBe('string');
  const blocks = (instructions as string).split('<request_metadata>\n');
  expect(blocks).toHaveLength(2);
  return JSON.parse(blocks[1]!.split('\n</request_metadata>')[0]!) as Record<string, unknown>;
}

const modelRequestWith = (fake: FakeModelServer, text: string) =>
  fake.requests.find((r) => JSON.stringify(r.body.input).includes(text));

describe('examples/react-app against the built app (fake model)', () => {
  let fake: FakeModelServer;
  let server: ChildServer;
  let host: { url: string; close(): Promise<void> };
  let browser: Browser;
  let dist: string;
  let tmp: string;
  let token: string;

  beforeAll(async () => {
    fake = await startFakeModelServer((request) =>
      JSON.stringify(request.body.input).includes('regrow a lost arm')
        ? { text: 'Sea stars regenerate arms slowly.' }
        : { text: 'Tide pools are rocky hollows.' },
    );
    tmp = mkdtempSync(join(tmpdir(), 'threadline-react-example-'));
    const agents = join(tmp, 'agents.json');
    writeFileSync(agents, JSON.stringify(AGENTS));
    [, dist] = await Promise.all([ensureBuilt(), buildExample({ outdir: join(tmp, 'dist') })]);
    // The page's origin must be known before the app starts: it goes into CORS_ORIGINS.
    const hostPort = await freePort();
    token = await jwtFor(USER.id);
    server = await startChildServer({
      THREADLINE_AUTH: 'jwt',
      JWT_SECRET,
      CORS_ORIGINS: `http://127.0.0.1:${hostPort}`,
      OPENAI_API_KEY: 'sk-fake',
      OPENAI_BASE_URL: fake.baseURL,
      THREADLINE_MODEL_PROVIDER: 'openai-responses',
      THREADLINE_CONFIG: agents,
      CHATKIT_UPLOAD_STRATEGY: 'disabled',
      OPENAI_AGENTS_DISABLE_TRACING: '1',
    });
    host = await startExampleServer({
      port: hostPort,
      dist,
      threadlineUrl: server.url,
      token,
      user: USER,
    });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await server?.stop();
    await fake?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  const chat = (page: Page) => page.locator('openai-chatkit');
  const panel = (page: Page) => page.locator('#chat-panel');
  const launcher = (page: Page) => page.locator('button[aria-controls="chat-panel"]');
  const colorScheme = (page: Page) =>
    chat(page).evaluate((element) => getComputedStyle(element).colorScheme);

  async function openPage(): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage();
    await page.emulateMedia({ colorScheme: 'light' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${host.url}/`);
    return { page, errors };
  }

  it('sends the bearer token and page metadata with every request, and the model gets them', async () => {
    const { page, errors } = await openPage();
    const seen = recordRequests(page);
    const authorization: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/chatkit')
        authorization.push(request.headers().authorization ?? '');
    });
    try {
      // Launcher: closed at first, the chat mounts behind it; open shows it.
      expect(await launcher(page).getAttribute('aria-label')).toBe('Open chat');
      expect(await panel(page).isVisible()).toBe(false);
      await launcher(page).click();
      expect(await launcher(page).getAttribute('aria-expanded')).toBe('true');
      await chat(page).locator('textarea').waitFor({ timeout: 15_000 });
      expect(await chat(page).locator('.start').innerText()).toContain('Hi Ada Lovelace');

      await chat(page).locator('textarea').fill('What is a tide pool?');
      await chat(page).locator('button[aria-label="Send message"]').click();
      const answer = chat(page).locator('[data-item-type="assistant_message"]').last();
      await expect
        .poll(() => answer.innerText().catch(() => ''), { timeout: 30_000 })
        .toContain('Tide pools are rocky hollows.');

      const expected = {
        userInfo: USER,
        pageContext: {
          url: `${host.url}/`,
          title: 'Tide pools: a field guide',
          description:
            'What lives in rocky-shore tide pools, how it survives the tides, and how to visit without harm.',
          headings: [
            'Tide pools: a field guide',
            'Who lives there',
            'Surviving the tides',
            'Visiting without harm',
          ],
        },
      };
      // In the request body…
      const create = seen.find((r) => r.body?.type === 'threads.create');
      expect(create?.body?.metadata).toEqual(expected);
      expect(chatkitRequests(seen).length).toBeGreaterThan(0);
      expect(authorization.length).toBeGreaterThan(0);
      expect(new Set(authorization)).toEqual(new Set([`Bearer ${token}`]));
      // …and in what the model received.
      const modelRequest = modelRequestWith(fake, 'What is a tide pool?');
      expect(modelRequest).toBeDefined();
      expect(metadataInInstructions(modelRequest!)).toEqual(expected);

      // Closing hides the panel but keeps the chat (and its thread) mounted.
      await launcher(page).click();
      expect(await launcher(page).getAttribute('aria-label')).toBe('Open chat');
      expect(await panel(page).isVisible()).toBe(false);
      expect(await chat(page).count()).toBe(1);
      await launcher(page).click();
      expect(await answer.innerText()).toContain('Tide pools are rocky hollows.');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('asks about a text selection, opening the closed panel, and the model gets the quote', async () => {
    const { page, errors } = await openPage();
    try {
      await page.locator('#chat-panel openai-chatkit').waitFor({ state: 'attached' });
      expect(await panel(page).isVisible()).toBe(false);
      // A visitor selects a paragraph (triple click) and the button floats next to it.
      await page.locator('#sea-stars').click({ clickCount: 3 });
      const ask = page.getByRole('button', { name: 'Ask about this selection' });
      await ask.waitFor();
      const [button, paragraph] = await Promise.all([
        ask.boundingBox(),
        page.locator('#sea-stars').boundingBox(),
      ]);
      expect(Math.abs(button!.y - paragraph!.y)).toBeLessThan(120);

      await ask.click();
      await expect.poll(() => panel(page).isVisible()).toBe(true);
      expect(await ask.count()).toBe(0);
      const question = chat(page).locator('[data-item-type="user_message"]').last();
      await expect
        .poll(() => question.innerText().catch(() => ''), { timeout: 15_000 })
        .toContain(SEA_STARS);
      const answer = chat(page).locator('[data-item-type="assistant_message"]').last();
      await expect
        .poll(() => answer.innerText().catch(() => ''), { timeout: 30_000 })
        .toContain('Sea stars regenerate arms slowly.');

      const modelRequest = modelRequestWith(fake, SEA_STARS);
      expect(JSON.stringify(modelRequest?.body.input)).toContain(`> ${SEA_STARS}`);
      expect(metadataInInstructions(modelRequest!)).toMatchObject({ userInfo: USER });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

  it("follows the host page's theme and switches to the sidebar layout", async () => {
    const { page, errors } = await openPage();
    try {
      await launcher(page).click();
      await chat(page).locator('textarea').waitFor({ timeout: 15_000 });
      expect(await colorScheme(page)).toBe('light');
      // The page's own toggle…
      await page.locator('#theme-toggle').click();
      expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
      await expect.poll(() => colorScheme(page)).toBe('dark');
      // …or any other script changing the host theme.
      await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
      await expect.poll(() => colorScheme(page)).toBe('light');

      await page.locator('#layout-select').selectOption('sidebar');
      const viewport = page.viewportSize()!;
      const box = (await panel(page).boundingBox())!;
      expect(Math.round(box.x + box.width)).toBe(viewport.width);
      expect(Math.round(box.height)).toBe(viewport.height);
      // The article makes room for the sidebar instead of sitting under it.
      const article = (await page.locator('#article').boundingBox())!;
      expect(article.x + article.width).toBeLessThanOrEqual(box.x);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  describe('when the runtime cannot be used', () => {
    async function failingPage(options: { scriptUrl: string; scriptTimeoutMs?: number }) {
      const failing = await startExampleServer({
        port: 0,
        dist,
        threadlineUrl: server.url,
        token: 'unused',
        user: USER,
        ...options,
      });
      const page = await browser.newPage();
      return { page, close: () => Promise.all([page.close(), failing.close()]), url: failing.url };
    }

    it('shows a readable error when the script URL is unreachable', async () => {
      const scriptUrl = `http://127.0.0.1:${await freePort()}/chatkit/chatkit.js`;
      const { page, close, url } = await failingPage({ scriptUrl });
      try {
        await page.goto(`${url}/`);
        await launcher(page).click();
        const alert = page.getByRole('alert');
        await alert.waitFor({ timeout: 10_000 });
        expect(await alert.innerText()).toContain('The chat is unavailable.');
        expect(await alert.innerText()).toContain(`could not be loaded from ${scriptUrl}`);
        expect(await chat(page).count()).toBe(0);
      } finally {
        await close();
      }
    }, 30_000);

    it('shows a readable error when the script never defines <openai-chatkit>', async () => {
      const { page, close, url } = await failingPage({
        scriptUrl: '/not-chatkit.js',
        scriptTimeoutMs: 2000,
      });
      try {
        // A script that loads fine but is not the runtime (a wrong URL serving other code).
        await page.route(`${url}/not-chatkit.js`, (route) =>
          route.fulfill({ contentType: 'text/javascript', body: 'export {};' }),
        );
        await page.goto(`${url}/`);
        await launcher(page).click();
        const alert = page.getByRole('alert');
        await alert.waitFor({ timeout: 10_000 });
        expect(await alert.innerText()).toContain('did not define <openai-chatkit> within 2 s');
      } finally {
        await close();
      }
    }, 30_000);
  });
});
