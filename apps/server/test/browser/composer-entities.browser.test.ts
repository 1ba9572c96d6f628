import {
  startFakeModelServer,
  type FakeModelServer,
  type FakeRequest,
} from '@threadline/server/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildServer } from '../helpers/child-server.js';
import { chatkitRequests, launchChromium, recordRequests } from '../helpers/chromium.js';
import { hostRecord, routeHostPage } from '../helpers/host-page.js';
import { startModelApp } from '../helpers/model-app.js';

// @-mentions, a nested slash command and a `chatkit-link://` deeplink through the app (fake
// model): the tags reach the stored user message and the model, the deeplink reaches the host page.
const AGENTS = {
  agents: [{ id: 'assistant', name: 'Assistant', instructions: 'Help.', model: 'fake' }],
};

const lastInput = (request: FakeRequest): string => JSON.stringify(request.body.input ?? '');

interface StoredItem {
  id: string;
  type: string;
  content?: unknown[];
}

describe('entities, commands and deeplinks through the app', () => {
  let fake: FakeModelServer;
  let server: ChildServer;
  let browser: Browser;
  let page: Page;
  let seen: ReturnType<typeof recordRequests>;
  beforeAll(async () => {
    fake = await startFakeModelServer(() => ({
      text: 'Noted. See [order 42](chatkit-link://orders/42?tab=items) for details.',
    }));
    server = await startModelApp(fake, AGENTS);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    seen = recordRequests(page);
    await page.goto(await routeHostPage(page, server.url));
    await chat().locator('textarea').waitFor({ timeout: 15_000 });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await fake?.close();
  });

  const chat = () => page.locator('openai-chatkit');
  const answers = () => chat().locator('[data-item-type="assistant_message"]');

  /** The page's thread, read back over HTTP with the visitor's cookie (`items.list`). */
  async function storedItems(): Promise<StoredItem[]> {
    const change = (await hostRecord(page)).events.find((e) => e.type === 'chatkit.thread.change');
    const threadId = (change?.detail as { threadId?: string } | undefined)?.threadId;
    expect(threadId).toMatch(/./);
    const response = await page.request.post(`${server.url}/chatkit?agent_id=assistant`, {
      data: { type: 'items.list', params: { thread_id: threadId, order: 'asc', limit: 50 } },
    });
    expect(response.status()).toBe(200);
    return ((await response.json()) as { data: StoredItem[] }).data;
  }

  it('@ searches the host, the picked entity is sent as input_tag, stored and shown to the model', async () => {
    const textarea = chat().locator('textarea');
    await textarea.pressSequentially('Ask @ad');
    const listbox = chat().getByRole('listbox', { name: 'Mentions' });
    await expect
      .poll(() => listbox.getByRole('option').allTextContents())
      .toEqual(['Ada LovelacePeople']);
    expect((await hostRecord(page)).searches.at(-1)).toBe('ad');
    await listbox.getByRole('option').click();
    expect(await chat().locator('.tag-chip').innerText()).toBe('@Ada Lovelace');
    await textarea.pressSequentially('about the plan');
    await textarea.press('Enter');
    await expect.poll(() => answers().count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => answers().innerText()).toContain('for details.');

    const tag = {
      type: 'input_tag',
      id: 'person_ada',
      text: 'Ada Lovelace',
      data: { email: 'ada@example.com' },
      group: 'People',
      interactive: false,
    };
    const create = chatkitRequests(seen).find((r) => r.type === 'threads.create');
    expect((create!.params.input as { content: unknown[] }).content).toContainEqual(tag);
    const user = (await storedItems()).find((item) => item.type === 'user_message');
    expect(user?.content).toEqual([
      { type: 'input_text', text: 'Ask ' },
      tag,
      { type: 'input_text', text: ' about the plan' },
    ]);
    // The model read the mention (resolved by the app's input converter), not just the text.
    expect(lastInput(fake.requests.at(-1)!)).toContain('Ada Lovelace');
  });

  it('a nested slash command inserts its entity, sent as input_tag', async () => {
    const textarea = chat().locator('textarea');
    await textarea.pressSequentially('/Peo');
    const listbox = chat().getByRole('listbox', { name: 'Commands' });
    await expect
      .poll(() => listbox.getByRole('option').allTextContents())
      .toEqual(['PeopleInsert a person']);
    expect((await hostRecord(page)).commandSearches.at(-1)).toBe('Peo');
    await listbox.getByRole('option').click();
    await expect.poll(() => listbox.getByRole('option').allTextContents()).toEqual(['Alan Turing']);
    await listbox.getByRole('option').click();
    expect((await hostRecord(page)).selected).toEqual(['people', 'person_alan']);
    expect(await chat().locator('.tag-chip').innerText()).toBe('@Alan Turing');
    await textarea.pressSequentially('can review it?');
    await textarea.press('Enter');
    await expect.poll(() => answers().count(), { timeout: 20_000 }).toBe(2);

    const sent = chatkitRequests(seen).filter((r) => r.type === 'threads.add_user_message');
    expect(sent).toHaveLength(1);
    expect((sent[0]!.params.input as { content: unknown[] }).content).toContainEqual(
      expect.objectContaining({ type: 'input_tag', id: 'person_alan', text: 'Alan Turing' }),
    );
    const users = (await storedItems()).filter((item) => item.type === 'user_message');
    expect(users).toHaveLength(2);
    expect(users[1]!.content).toContainEqual(
      expect.objectContaining({ type: 'input_tag', id: 'person_alan', text: 'Alan Turing' }),
    );
  });

  it('a chatkit-link:// link fires chatkit.deeplink on the host and does not navigate', async () => {
    const before = page.url();
    const link = answers().last().getByRole('link', { name: 'order 42' });
    await link.click();
    await expect
      .poll(async () =>
        (await hostRecord(page)).events.filter((e) => e.type === 'chatkit.deeplink'),
      )
      .toEqual([
        {
          type: 'chatkit.deeplink',
          detail: { name: 'orders/42', data: { tab: 'items' } },
        },
      ]);
    expect(page.url()).toBe(before);
    // The tag chip in the sent message reports clicks to the host (`entities.onClick`).
    await chat().locator('[data-item-type="user_message"] .tag').first().click();
    expect((await hostRecord(page)).clicks).toEqual([{ id: 'person_ada', title: 'Ada Lovelace' }]);
  });
});
