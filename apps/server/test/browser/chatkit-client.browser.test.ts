import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoReply } from '../../src/assistant/responders/demo.js';
import { ensureBuilt } from '../helpers/build.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { chatkitRequests, launchChromium, recordRequests } from '../helpers/chromium.js';

// The built-in client (`@threadline/chatkit`) on the app's own page, against the offline demo model.
/** The last words of every demo answer: seen only once the whole answer has streamed. */
const FULL_ANSWER_END = demoReply('').slice(-24);

describe('the built-in ChatKit client in Chromium (demo model)', () => {
  let server: ChildServer;
  let browser: Browser;
  beforeAll(async () => {
    await ensureBuilt();
    // Slow enough words that a test can stop the answer midway.
    server = await startChildServer(
      { THREADLINE_DEMO_DELAY_MS: '80', CHATKIT_UPLOAD_MAX_BYTES: '1000' },
      ['--demo'],
    );
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const chat = (page: Page) => page.locator('openai-chatkit');
  const composer = (page: Page) => chat(page).locator('textarea');
  const lastAnswer = (page: Page) =>
    chat(page).locator('[data-item-type="assistant_message"]').last();

  async function openPage(): Promise<{ page: Page; events: () => Promise<string[]> }> {
    const page = await browser.newPage();
    // Element events bubble out of the shadow root; record them from the very first one.
    await page.addInitScript(() => {
      const names = [
        'chatkit.ready',
        'chatkit.response.start',
        'chatkit.response.end',
        'chatkit.thread.change',
        'chatkit.thread.load.start',
        'chatkit.thread.load.end',
        'chatkit.history.open',
        'chatkit.history.close',
        'chatkit.error',
      ];
      const log: string[] = [];
      (window as unknown as { __events: string[] }).__events = log;
      for (const name of names) document.addEventListener(name, () => log.push(name));
    });
    await page.goto(`${server.url}/`);
    await composer(page).waitFor({ timeout: 15_000 });
    return {
      page,
      events: () => page.evaluate(() => (window as unknown as { __events: string[] }).__events),
    };
  }

  async function send(page: Page, text: string) {
    await composer(page).fill(text);
    await composer(page).press('Enter');
  }

  it('streams an answer with every request going to the app origin only', async () => {
    const { page, events } = await openPage();
    const seen = recordRequests(page);
    try {
      expect(await chat(page).locator('.start h2').innerText()).toBe('How can I help today?');
      await send(page, 'Hello from the browser');
      await expect
        .poll(() => lastAnswer(page).innerText(), { timeout: 20_000 })
        .toContain(FULL_ANSWER_END);
      await expect.poll(events).toContain('chatkit.response.end');
      expect(await chat(page).locator('[data-item-type="user_message"]').innerText()).toContain(
        'Hello from the browser',
      );
      // The widget item renders through the widget view, not as a broken item.
      expect(await chat(page).locator('[data-item-type="widget"]').count()).toBe(1);
      expect(chatkitRequests(seen).map((r) => r.type)).toEqual(['threads.create']);
      const list = await events();
      expect(list[0]).toBe('chatkit.ready');
      expect(list).toEqual(
        expect.arrayContaining([
          'chatkit.response.start',
          'chatkit.thread.change',
          'chatkit.response.end',
        ]),
      );
      // Reload: the app page reopens the last thread (initialThread) from the server.
      await page.reload();
      await expect
        .poll(() => lastAnswer(page).innerText(), { timeout: 15_000 })
        .toContain(FULL_ANSWER_END);
      const outside = seen.filter((r) => new URL(r.url).origin !== server.url);
      expect(outside).toEqual([]);
      expect(seen.some((r) => r.url.endsWith('/chatkit/chatkit.js'))).toBe(true);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('stops an answer midway, keeps the partial answer across a reload, and retries it', async () => {
    const { page } = await openPage();
    const seen = recordRequests(page);
    try {
      await chat(page).locator('button[aria-label="New chat"]').first().click();
      await send(page, 'Please stop me');
      const stop = chat(page).locator('button[aria-label="Stop"]');
      await stop.waitFor({ timeout: 10_000 });
      await expect.poll(() => lastAnswer(page).innerText(), { timeout: 10_000 }).toContain('This');
      await stop.click();
      await chat(page).locator('button[aria-label="Send message"]').waitFor();
      const partial = (await lastAnswer(page).innerText()).trim();
      expect(partial).toMatch(/^You said "Please stop me"/);
      expect(partial).not.toContain(FULL_ANSWER_END);

      await page.reload();
      await expect
        .poll(() => chat(page).locator('[data-item-type="user_message"]').count(), {
          timeout: 15_000,
        })
        .toBe(1);
      const saved = (await lastAnswer(page).innerText()).trim();
      // The server saved what had streamed when the client went away (a word or two more at most).
      expect(saved.startsWith(partial.slice(0, -1).trim().slice(0, 30))).toBe(true);
      expect(saved).not.toContain(FULL_ANSWER_END);

      await lastAnswer(page).locator('button[aria-label="Retry"]').click();
      await expect
        .poll(() => lastAnswer(page).innerText(), { timeout: 20_000 })
        .toContain(FULL_ANSWER_END);
      expect(await chat(page).locator('[data-item-type="assistant_message"]').count()).toBe(1);
      const retry = chatkitRequests(seen).find((r) => r.type === 'threads.retry_after_item');
      expect(retry?.params.item_id).toMatch(/\S/);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('sends feedback on an answer', async () => {
    const { page } = await openPage();
    const seen = recordRequests(page);
    try {
      await chat(page).locator('button[aria-label="New chat"]').first().click();
      await send(page, 'Rate me');
      await expect
        .poll(() => lastAnswer(page).innerText(), { timeout: 20_000 })
        .toContain(FULL_ANSWER_END);
      const good = lastAnswer(page).locator('button[aria-label="Good response"]');
      const request = page.waitForRequest(
        (r) => r.postData()?.includes('"items.feedback"') ?? false,
      );
      await good.click();
      expect((await (await request).response())?.status()).toBe(200);
      expect(await good.getAttribute('aria-pressed')).toBe('true');
      const feedback = chatkitRequests(seen).find((r) => r.type === 'items.feedback');
      expect(feedback?.params.kind).toBe('positive');
      expect((feedback?.params.item_ids as string[]).length).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('renames and deletes a thread from the history panel, by keyboard', async () => {
    const { page, events } = await openPage();
    try {
      await chat(page).locator('button[aria-label="New chat"]').first().click();
      await send(page, 'A thread to rename');
      await expect
        .poll(() => lastAnswer(page).innerText(), { timeout: 20_000 })
        .toContain(FULL_ANSWER_END);
      const threadId = await page.evaluate(() => localStorage.length);
      expect(threadId).toBeGreaterThan(0);

      await chat(page).locator('button[aria-label="History"]').click();
      const panel = chat(page).locator('[role="dialog"][aria-label="History"]');
      await panel.waitFor();
      await expect.poll(events).toContain('chatkit.history.open');
      const current = panel.locator('li[aria-current="true"]');
      await current.waitFor();
      const id = await current.getAttribute('data-thread-id');
      await current.locator('button[aria-label^="Rename"]').click();
      const input = panel.locator('input[aria-label="Rename conversation"]');
      await input.fill('Renamed by a test');
      await input.press('Enter');
      await expect
        .poll(() => panel.locator(`li[data-thread-id="${id}"] .open`).innerText())
        .toBe('Renamed by a test');

      // Close with Escape and reopen: the title comes back from the server.
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'detached' });
      expect(await chat(page).locator('header h1').innerText()).toBe('Threadline');
      await chat(page).locator('button[aria-label="History"]').click();
      await expect
        .poll(() => panel.locator(`li[data-thread-id="${id}"] .open`).innerText())
        .toBe('Renamed by a test');

      await panel.locator(`li[data-thread-id="${id}"] button[aria-label^="Delete"]`).click();
      await panel.locator(`li[data-thread-id="${id}"] button`, { hasText: 'Delete' }).click();
      await panel.locator(`li[data-thread-id="${id}"]`).waitFor({ state: 'detached' });
      // The deleted thread was open: the view is back at the start screen.
      await page.keyboard.press('Escape');
      await chat(page).locator('.start').waitFor();
      const listed = await page.evaluate(async (url) => {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'threads.list', params: { limit: 100 } }),
          credentials: 'include',
        });
        return ((await res.json()) as { data: { id: string }[] }).data.map((t) => t.id);
      }, `${server.url}/chatkit?agent_id=assistant`);
      expect(listed).not.toContain(id);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('uploads an attachment directly, refuses a file over the size limit, and sends the message', async () => {
    const { page } = await openPage();
    const seen = recordRequests(page);
    try {
      await chat(page).locator('button[aria-label="New chat"]').first().click();
      await chat(page)
        .locator('input[type="file"]')
        .setInputFiles([
          { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello notes') },
          { name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.alloc(5000, 'x') },
        ]);
      const chip = chat(page).locator('.composer .chip[data-status="done"]');
      await chip.waitFor({ timeout: 10_000 });
      expect(await chip.innerText()).toContain('notes.txt');
      const errors = chat(page).locator('.composer-errors');
      expect(await errors.innerText()).toContain('big.txt');
      await send(page, 'See the file');
      const user = chat(page).locator('[data-item-type="user_message"]').last();
      await expect
        .poll(() => user.innerText().catch(() => ''), { timeout: 15_000 })
        .toContain('notes.txt');
      const upload = seen.find((r) => r.url.includes('/chatkit/upload'));
      expect(upload?.method).toBe('POST');
      const create = chatkitRequests(seen).find((r) => r.type === 'threads.create');
      expect((create?.params.input as { attachments: string[] }).attachments).toHaveLength(1);
      expect(seen.filter((r) => new URL(r.url).origin !== server.url)).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
