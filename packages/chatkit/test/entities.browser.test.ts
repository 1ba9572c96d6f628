import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../apps/server/test/helpers/chromium.js';
import { startTestServer, type Script, type TestServer } from './helpers/test-server.js';

// @-mentions (`entities.onTagSearch` → `input_tag`), `entities.onClick` and `chatkit-link://`
// deeplinks, in Chromium against a real ChatKit server.
const PACKAGE = new URL('..', import.meta.url).pathname;

const script: Script = async function* (text, { thread, server, context }) {
  if (text?.includes('link')) {
    yield server.message(thread, 'See [order 42](chatkit-link://orders/42?tab=items).', context);
  } else {
    yield server.message(thread, `Echo: ${text}`, context);
  }
};

interface PageLog {
  queries: string[];
  commands: string[];
  previews: string[];
  clicks: unknown[];
  deeplinks: unknown[];
}

describe('entities and deeplinks in Chromium', () => {
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
  const log = (page: Page) => page.evaluate(() => (window as unknown as { log: PageLog }).log);

  async function openPage(): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.evaluate(() => customElements.whenDefined('openai-chatkit'));
    await page.evaluate(() => {
      const log: PageLog = { queries: [], commands: [], previews: [], clicks: [], deeplinks: [] };
      (window as unknown as { log: PageLog }).log = log;
      const people = [
        { id: 'u_alice', title: 'Alice', group: 'People', data: { email: 'alice@example.com' } },
        { id: 'u_alan', title: 'Alan', group: 'People', interactive: true, data: { team: 'ops' } },
        { id: 'u_bob', title: 'Bob', group: 'People' },
      ];
      const el = document.querySelector('openai-chatkit')!;
      el.addEventListener('chatkit.deeplink', (e) => log.deeplinks.push((e as CustomEvent).detail));
      (el as unknown as { setOptions(o: unknown): void }).setOptions({
        api: { url: '/api', domainKey: 'unused' },
        entities: {
          onTagSearch: async (query: string) => {
            log.queries.push(query);
            return people.filter((p) => p.title.toLowerCase().startsWith(query.toLowerCase()));
          },
          onClick: (entity: unknown) => log.clicks.push(entity),
          showComposerMenu: true,
          onRequestPreview: async (entity: { id: string; title: string }) => {
            log.previews.push(entity.id);
            return {
              preview: {
                type: 'Basic',
                children: [{ type: 'Text', value: `Profile of ${entity.title}` }],
              },
            };
          },
        },
        commands: {
          enabled: true,
          onSearch: async (query: string) =>
            [
              { id: 'summarize', label: 'Summarize', description: 'Sum up the thread' },
              { id: 'assign', label: 'Assign', description: 'Pick a person' },
            ].filter((c) => c.id.startsWith(query)),
          onSelect: async (command: { id: string }) => {
            log.commands.push(command.id);
            if (command.id === 'assign')
              return { type: 'menu', commands: [{ id: 'assign:bob', label: 'Bob' }] };
            if (command.id === 'assign:bob')
              return { type: 'entity', entity: { ...people[2], data: { role: 'owner' } } };
            return undefined;
          },
        },
      });
    });
    await chat(page).locator('textarea').waitFor();
    return page;
  }

  /** The stored items of the page's only thread, read back with `threads.list` + `items.list`. */
  async function storedItems(): Promise<{ type: string; content?: unknown[] }[]> {
    const post = async (body: unknown) =>
      (await (
        await fetch(`${server.url}/api`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json()) as { data: { id: string; type: string; content?: unknown[] }[] };
    const threads = await post({ type: 'threads.list', params: { limit: 1, order: 'desc' } });
    const items = await post({
      type: 'items.list',
      params: { thread_id: threads.data[0]!.id, order: 'asc' },
    });
    return items.data;
  }

  it('searches on @, picks with the keyboard, sends an input_tag and reports clicks', async () => {
    const page = await openPage();
    try {
      const textarea = chat(page).locator('textarea');
      await textarea.pressSequentially('Ask @al');
      const listbox = chat(page).getByRole('listbox', { name: 'Mentions' });
      await expect
        .poll(() => listbox.getByRole('option').allTextContents())
        .toEqual(['AlicePeople', 'AlanPeople']);
      expect(await textarea.getAttribute('role')).toBe('combobox');
      expect(await textarea.getAttribute('aria-expanded')).toBe('true');
      expect((await log(page)).queries.at(-1)).toBe('al');

      await textarea.press('ArrowDown');
      const selected = listbox.locator('[aria-selected="true"]');
      expect(await selected.innerText()).toContain('Alan');
      expect(await textarea.getAttribute('aria-activedescendant')).toBe(
        await selected.getAttribute('id'),
      );
      await textarea.press('ArrowUp');
      expect(await selected.innerText()).toContain('Alice');
      await textarea.press('Enter');

      await expect.poll(() => listbox.count()).toBe(0);
      expect(await textarea.inputValue()).toBe('Ask @Alice ');
      expect(await chat(page).locator('.tag-chip').innerText()).toBe('@Alice');
      expect(await textarea.getAttribute('aria-expanded')).toBe('false');

      await textarea.pressSequentially('about it');
      await textarea.press('Enter');
      await expect
        .poll(() =>
          chat(page)
            .locator('[data-item-type="assistant_message"]')
            .innerText()
            .catch(() => ''),
        )
        .toBe('Echo: Ask Alice about it');

      const user = (await storedItems()).find((i) => i.type === 'user_message');
      expect(user?.content).toEqual([
        { type: 'input_text', text: 'Ask ' },
        {
          type: 'input_tag',
          id: 'u_alice',
          text: 'Alice',
          data: { email: 'alice@example.com' },
          group: 'People',
          interactive: false,
        },
        { type: 'input_text', text: ' about it' },
      ]);

      await chat(page).locator('[data-item-type="user_message"] .tag').click();
      expect((await log(page)).clicks).toEqual([
        {
          id: 'u_alice',
          title: 'Alice',
          group: 'People',
          interactive: false,
          data: { email: 'alice@example.com' },
        },
      ]);
    } finally {
      await page.close();
    }
  });

  it('closes the mention list on Escape; the mention button opens it', async () => {
    const page = await openPage();
    try {
      const textarea = chat(page).locator('textarea');
      await textarea.pressSequentially('@b');
      const options = chat(page).getByRole('option');
      await expect.poll(() => options.allTextContents()).toEqual(['BobPeople']);
      await textarea.press('Escape');
      await expect.poll(() => options.count()).toBe(0);
      expect(await textarea.inputValue()).toBe('@b');
      expect(await chat(page).locator('.tag-chip').count()).toBe(0);

      // The composer's mention button (showComposerMenu) types "@" and opens the full list.
      await textarea.fill('hi');
      await chat(page).getByRole('button', { name: 'Mention' }).click();
      expect(await textarea.inputValue()).toBe('hi @');
      await expect.poll(() => options.count()).toBe(3);
      expect((await log(page)).queries.at(-1)).toBe('');
    } finally {
      await page.close();
    }
  });

  it('runs / commands: an effect-only command, and a nested menu that inserts an entity', async () => {
    const page = await openPage();
    try {
      const textarea = chat(page).locator('textarea');
      const listbox = chat(page).getByRole('listbox', { name: 'Commands' });
      await textarea.pressSequentially('/su');
      await expect
        .poll(() => listbox.getByRole('option').allTextContents())
        .toEqual(['SummarizeSum up the thread']);
      await textarea.press('Enter');
      await expect.poll(async () => (await log(page)).commands).toEqual(['summarize']);
      await expect.poll(() => listbox.count()).toBe(0);
      expect(await textarea.inputValue()).toBe('');

      await textarea.pressSequentially('/as');
      await expect
        .poll(() => listbox.getByRole('option').allTextContents())
        .toEqual(['AssignPick a person']);
      await textarea.press('Enter');
      await expect.poll(() => listbox.getByRole('option').allTextContents()).toEqual(['Bob']);
      await textarea.press('Enter');
      await expect.poll(() => textarea.inputValue()).toBe('@Bob ');
      expect((await log(page)).commands).toEqual(['summarize', 'assign', 'assign:bob']);
      await textarea.pressSequentially('please review');
      await textarea.press('Enter');
      await expect
        .poll(() =>
          chat(page)
            .locator('[data-item-type="assistant_message"]')
            .innerText()
            .catch(() => ''),
        )
        .toBe('Echo: Bob please review');
      const user = (await storedItems()).find((i) => i.type === 'user_message');
      expect(user?.content).toEqual([
        {
          type: 'input_tag',
          id: 'u_bob',
          text: 'Bob',
          data: { role: 'owner' },
          group: 'People',
          interactive: false,
        },
        { type: 'input_text', text: ' please review' },
      ]);
    } finally {
      await page.close();
    }
  });

  it('previews an interactive tag with entities.onRequestPreview, once', async () => {
    const page = await openPage();
    try {
      await page.evaluate(() =>
        (
          document.querySelector('openai-chatkit') as unknown as {
            sendUserMessage(p: unknown): Promise<void>;
          }
        ).sendUserMessage({
          content: [
            { type: 'input_text', text: 'ping ' },
            {
              type: 'input_tag',
              id: 'u_alan',
              text: 'Alan',
              data: { team: 'ops' },
              interactive: true,
            },
            { type: 'input_text', text: ' and ' },
            { type: 'input_tag', id: 'u_bob', text: 'Bob', data: {}, interactive: false },
          ],
        }),
      );
      const alan = chat(page).locator('[data-item-type="user_message"] .tag[data-tag-id="u_alan"]');
      const bob = chat(page).locator('[data-item-type="user_message"] .tag[data-tag-id="u_bob"]');
      await alan.hover();
      const tooltip = chat(page).getByRole('tooltip');
      await expect.poll(() => tooltip.innerText().catch(() => '')).toBe('Profile of Alan');
      expect(await alan.getAttribute('aria-describedby')).toBe(await tooltip.getAttribute('id'));
      await bob.hover();
      await expect.poll(() => tooltip.count()).toBe(0);
      await alan.focus();
      await expect.poll(() => tooltip.count()).toBe(1);
      expect((await log(page)).previews).toEqual(['u_alan']);
    } finally {
      await page.close();
    }
  });

  it('re-emits chatkit-link:// clicks as chatkit.deeplink with {name, data}', async () => {
    const page = await openPage();
    try {
      const textarea = chat(page).locator('textarea');
      await textarea.fill('show a link');
      await textarea.press('Enter');
      const link = chat(page).locator('a', { hasText: 'order 42' });
      await link.click();
      expect((await log(page)).deeplinks).toEqual([{ name: 'orders/42', data: { tab: 'items' } }]);
      expect(page.url()).toBe(`${server.url}/`);
    } finally {
      await page.close();
    }
  });
});
