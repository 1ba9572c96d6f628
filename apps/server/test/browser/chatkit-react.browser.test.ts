import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { chatkitRequests, launchChromium, recordRequests } from '../helpers/chromium.js';
import { routeReactPage } from '../helpers/react-page.js';
import { demoReply } from '../../src/assistant/responders/demo.js';

// The built-in client driven by @openai/chatkit-react 1.6.1, unmodified: a React user gets our
// runtime by loading our script and nothing else. Demo model, app as a child process.
// The end of the demo model's answer: it is on screen once the stream has finished.
const FULL_ANSWER_END = demoReply('').slice(-24);

interface HookMethods {
  sendUserMessage(input: { text: string }): Promise<void>;
  setThreadId(id: string | null): Promise<void>;
  focusComposer(): Promise<void>;
  setComposerValue(value: { text: string }): Promise<void>;
  showHistory(): Promise<void>;
  hideHistory(): Promise<void>;
  fetchUpdates(): Promise<void>;
}

declare global {
  interface Window {
    __chatkit: HookMethods;
    __reactEvents: string[];
  }
}

describe('the built-in client under @openai/chatkit-react', () => {
  let server: ChildServer;
  let browser: Browser;
  beforeAll(async () => {
    await ensureBuilt();
    server = await startChildServer({}, ['--demo']);
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const chat = (page: Page) => page.locator('openai-chatkit');
  const events = (page: Page) => page.evaluate(() => window.__reactEvents);

  it('renders, takes the options, streams, switches threads and opens history through the hook', async () => {
    const page = await browser.newPage();
    const seen = recordRequests(page);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(await routeReactPage(page, server.url));
      await expect.poll(() => events(page), { timeout: 15_000 }).toContain('ready');
      // The options React passed arrived: greeting, prompt, placeholder, theme.
      await expect
        .poll(() => chat(page).locator('.start').innerText())
        .toContain('Hello from React');
      expect(await chat(page).locator('.start').innerText()).toContain('Say hello');
      expect(await chat(page).locator('textarea').getAttribute('placeholder')).toBe(
        'Ask the React page',
      );
      const accent = await chat(page).evaluate((el) =>
        getComputedStyle(el).getPropertyValue('--tl-accent').trim(),
      );
      expect(accent).toBe('#ff5500');

      // The hook's methods reach the element.
      await page.evaluate(() => window.__chatkit.sendUserMessage({ text: 'Hello from React' }));
      const answer = chat(page).locator('[data-item-type="assistant_message"]').last();
      await expect.poll(() => answer.innerText(), { timeout: 20_000 }).toContain(FULL_ANSWER_END);
      await expect.poll(() => events(page)).toContain('response.end');
      const threadId = await page.locator('#thread').innerText();
      expect(threadId).toMatch(/^thr_/);

      await page.evaluate(() => window.__chatkit.setThreadId(null));
      await chat(page).locator('.start').waitFor();
      await page.evaluate(() => window.__chatkit.setComposerValue({ text: 'typed by React' }));
      // Views render on the next frame, as in OpenAI's runtime: the value shows up, not synchronously.
      await expect.poll(() => chat(page).locator('textarea').inputValue()).toBe('typed by React');

      await page.evaluate((id) => window.__chatkit.setThreadId(id), threadId);
      await expect
        .poll(() => chat(page).locator('[data-item-type="user_message"]').innerText())
        .toContain('Hello from React');

      await page.evaluate(() => window.__chatkit.showHistory());
      const panel = chat(page).locator('[role="dialog"][aria-label="History"]');
      await panel.locator(`li[data-thread-id="${threadId}"]`).waitFor();
      await page.evaluate(() => window.__chatkit.hideHistory());
      await panel.waitFor({ state: 'detached' });
      await page.evaluate(() => window.__chatkit.fetchUpdates());

      expect(await events(page)).toEqual(
        expect.arrayContaining([
          'ready',
          'response.start',
          'response.end',
          'thread.change',
          'history.open',
          'history.close',
        ]),
      );
      expect((await events(page)).filter((e) => e.startsWith('error'))).toEqual([]);
      expect(errors).toEqual([]);
      expect(chatkitRequests(seen).map((r) => r.type)).toEqual(
        expect.arrayContaining(['threads.create', 'threads.get_by_id', 'threads.list']),
      );
      const outside = seen.filter((r) => new URL(r.url).origin !== server.url);
      expect(outside).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);
});
