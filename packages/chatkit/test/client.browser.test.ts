import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chatkitRequests,
  launchChromium,
  recordRequests,
} from '../../../apps/server/test/helpers/chromium.js';
import { startTestServer, type Script, type TestServer } from './helpers/test-server.js';

// The runtime in Chromium against a real ChatKit server (the SDK over HTTP) scripted per message.
const PACKAGE = new URL('..', import.meta.url).pathname;

let failedOnce = false;
const script: Script = async function* (text, { thread, server, context }) {
  if (text === null) {
    const items = await server.store.loadThreadItems(thread.id, null, 5, 'desc', context);
    const call = items.data.find((i) => i.type === 'client_tool_call');
    const output = call && 'output' in call ? call.output : null;
    yield server.message(thread, `Tool said ${JSON.stringify(output)}`, context);
  } else if (text.includes('tool')) {
    yield {
      type: 'thread.item.done',
      item: {
        type: 'client_tool_call',
        id: server.store.generateItemId('tool_call', thread, context),
        thread_id: thread.id,
        created_at: new Date().toISOString(),
        status: 'pending',
        call_id: 'call_1',
        name: 'get_color',
        arguments: { shade: 'dark' },
      },
    };
  } else if (text.includes('effect')) {
    yield { type: 'client_effect', name: 'confetti', data: { count: 3 } };
    yield server.message(thread, 'Effect sent.', context);
  } else if (text.includes('fail') && !failedOnce) {
    failedOnce = true;
    yield { type: 'error', code: 'custom', message: 'The model is busy.', allow_retry: true };
  } else if (text.includes('work')) {
    yield { type: 'progress_update', text: 'Searching the archive…' };
    yield {
      type: 'thread.item.done',
      item: {
        type: 'workflow',
        id: server.store.generateItemId('workflow', thread, context),
        thread_id: thread.id,
        created_at: new Date().toISOString(),
        workflow: {
          type: 'custom',
          tasks: [{ type: 'custom', title: 'Read 3 files', status_indicator: 'complete' }],
          summary: { title: 'Looked things up' },
          expanded: true,
        },
      },
    };
    yield { type: 'notice', level: 'warning', message: 'Results may be **stale**.' };
    yield server.message(thread, 'Work done.', context);
  } else {
    yield server.message(thread, `Echo: ${text}`, context);
  }
};

describe('@threadline/chatkit in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    await promisify(execFile)(process.execPath, ['build.mjs'], { cwd: PACKAGE });
    server = await startTestServer(script);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const chat = (page: Page) => page.locator('openai-chatkit');
  const lastAnswer = (page: Page) =>
    chat(page).locator('[data-item-type="assistant_message"]').last();

  async function openPage(): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.evaluate(() => customElements.whenDefined('openai-chatkit'));
    await page.evaluate(() => {
      const w = window as unknown as { toolCalls: unknown[]; events: unknown[] };
      w.toolCalls = [];
      w.events = [];
      const el = document.querySelector('openai-chatkit')!;
      for (const name of [
        'chatkit.effect',
        'chatkit.history.open',
        'chatkit.history.close',
        'chatkit.tool.change',
      ])
        el.addEventListener(name, (e) => w.events.push([name, (e as CustomEvent).detail ?? null]));
      (el as unknown as { setOptions(o: unknown): void }).setOptions({
        api: { url: '/api', domainKey: 'unused' },
        threadItemActions: { feedback: true, retry: true },
        composer: { tools: [{ id: 'search', label: 'Search', icon: 'search' }] },
        onClientTool: async ({ name, params }: { name: string; params: unknown }) => {
          w.toolCalls.push({ name, params });
          await new Promise((r) => setTimeout(r, 10));
          return { color: 'blue' };
        },
      });
    });
    await chat(page).locator('textarea').waitFor();
    return page;
  }

  async function send(page: Page, text: string) {
    await chat(page).locator('textarea').fill(text);
    await chat(page).locator('textarea').press('Enter');
  }

  it('runs a client tool and sends its output back (threads.add_client_tool_output)', async () => {
    const page = await openPage();
    const seen = recordRequests(page);
    try {
      await send(page, 'use the tool');
      await expect
        .poll(() =>
          lastAnswer(page)
            .innerText()
            .catch(() => ''),
        )
        .toBe('Tool said {"color":"blue"}');
      expect(
        await page.evaluate(() => (window as unknown as { toolCalls: unknown[] }).toolCalls),
      ).toEqual([{ name: 'get_color', params: { shade: 'dark' } }]);
      const output = chatkitRequests(seen).find((r) => r.type === 'threads.add_client_tool_output');
      expect(output?.params.result).toEqual({ color: 'blue' });
    } finally {
      await page.close();
    }
  });

  it('dispatches client effects, shows an error with retry, and recovers on retry', async () => {
    const page = await openPage();
    const seen = recordRequests(page);
    try {
      await send(page, 'send an effect');
      await expect
        .poll(() =>
          lastAnswer(page)
            .innerText()
            .catch(() => ''),
        )
        .toBe('Effect sent.');
      const events = await page.evaluate(() => (window as unknown as { events: unknown[] }).events);
      expect(events).toContainEqual(['chatkit.effect', { name: 'confetti', data: { count: 3 } }]);

      await send(page, 'please fail');
      const alert = chat(page).locator('.error[role="alert"]');
      await alert.waitFor();
      expect(await alert.innerText()).toContain('The model is busy.');
      await alert.locator('button', { hasText: 'Retry' }).click();
      await expect.poll(() => lastAnswer(page).innerText()).toBe('Echo: please fail');
      expect(await alert.count()).toBe(0);
      expect(chatkitRequests(seen).map((r) => r.type)).toEqual([
        'threads.create',
        'threads.add_user_message',
        'threads.retry_after_item',
      ]);
    } finally {
      await page.close();
    }
  });

  it('renders progress, workflows and notices, and unknown item types as a neutral placeholder', async () => {
    const page = await openPage();
    try {
      await send(page, 'do some work');
      await expect
        .poll(() =>
          lastAnswer(page)
            .innerText()
            .catch(() => ''),
        )
        .toBe('Work done.');
      const workflow = chat(page).locator('[data-item-type="workflow"]');
      expect(await workflow.locator('summary').innerText()).toBe('Looked things up');
      expect(await workflow.locator('.task').innerText()).toContain('Read 3 files');
      expect(await chat(page).locator('.notice[data-level="warning"]').innerText()).toContain(
        'stale',
      );

      // A future item type from a newer server: shown as a placeholder, the thread goes on.
      await page.route('**/api', async (route) => {
        const body = route.request().postDataJSON() as {
          type: string;
          params: { thread_id: string };
        };
        if (body.type !== 'threads.add_user_message') return route.continue();
        const frames = [
          {
            type: 'thread.item.done',
            item: {
              id: 'x1',
              thread_id: body.params.thread_id,
              created_at: new Date().toISOString(),
              type: 'hologram',
              beam: 3,
            },
          },
          {
            type: 'thread.item.done',
            item: {
              id: 'x2',
              thread_id: body.params.thread_id,
              created_at: new Date().toISOString(),
              type: 'assistant_message',
              content: [{ type: 'output_text', text: 'Still here.', annotations: [] }],
            },
          },
        ];
        await route.fulfill({
          contentType: 'text/event-stream',
          body: frames.map((f) => `data: ${JSON.stringify(f)}\n\n`).join(''),
        });
      });
      await send(page, 'something new');
      await expect.poll(() => lastAnswer(page).innerText()).toBe('Still here.');
      const placeholder = chat(page).locator('[data-item-type="hologram"]');
      expect(await placeholder.innerText()).toBe('This content cannot be displayed');
    } finally {
      await page.close();
    }
  });

  it('implements the element API: methods and chatkit.* events', async () => {
    const page = await openPage();
    try {
      await page.evaluate(() =>
        (
          document.querySelector('openai-chatkit') as unknown as {
            sendUserMessage(p: unknown): Promise<void>;
          }
        ).sendUserMessage({ text: 'from the API' }),
      );
      await expect.poll(() => lastAnswer(page).innerText()).toBe('Echo: from the API');
      const el = 'document.querySelector("openai-chatkit")';
      await page.evaluate(`${el}.setComposerValue({ text: 'drafted', selectedToolId: 'search' })`);
      await expect.poll(() => chat(page).locator('textarea').inputValue()).toBe('drafted');
      expect(await chat(page).locator('select[aria-label="Tools"]').inputValue()).toBe('search');
      await page.evaluate(`${el}.focusComposer()`);
      expect(await page.evaluate(`${el}.shadowRoot.activeElement?.tagName`)).toBe('TEXTAREA');
      await page.evaluate(`${el}.showHistory()`);
      await chat(page).locator('[role="dialog"] li[data-thread-id]').first().waitFor();
      await page.evaluate(`${el}.hideHistory()`);
      await page.evaluate(`${el}.setThreadId(null)`);
      await chat(page).locator('.start').waitFor();
      const events = (
        await page.evaluate(() => (window as unknown as { events: [string, unknown][] }).events)
      ).map((e) => e[0]);
      expect(events).toEqual([
        'chatkit.tool.change',
        'chatkit.history.open',
        'chatkit.history.close',
      ]);
    } finally {
      await page.close();
    }
  });

  it('keeps another runtime when openai-chatkit is already defined', async () => {
    const page = await browser.newPage();
    try {
      await page.route(`${server.url}/`, (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: `<script>customElements.define('openai-chatkit', class extends HTMLElement { get who() { return 'other'; } });</script>
            <openai-chatkit></openai-chatkit><script type="module" src="/chatkit.js"></script>`,
        }),
      );
      const loaded = page.waitForResponse((r) => r.url().endsWith('/chatkit.js'));
      await page.goto(server.url);
      await loaded;
      await page.waitForLoadState('load');
      expect(
        await page.evaluate(
          () => (document.querySelector('openai-chatkit') as unknown as { who?: string }).who,
        ),
      ).toBe('other');
    } finally {
      await page.close();
    }
  });
});
