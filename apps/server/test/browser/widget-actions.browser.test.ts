import {
  startFakeModelServer,
  type FakeModelServer,
  type FakeRequest,
  type FakeTurn,
} from '@threadline/server/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/build.js';
import type { ChildServer } from '../helpers/child-server.js';
import { chatkitRequests, launchChromium, recordRequests } from '../helpers/chromium.js';
import { hostRecord, routeHostPage } from '../helpers/host-page.js';
import { startModelApp } from '../helpers/model-app.js';

// Every widget action kind round-tripping through the app (fake model, the example MCP server's
// gallery, the app's human-in-the-loop forms): server actions reach the model and show their
// loading state, client actions reach the host's `widgets.onAction`, the sync action replaces the
// widget in place (answered by the MCP server's `gallery_sync`), and a form comes back with its
// errors, then turns into its summary while the model continues; a `structured_input` item from
// the app's `ask_user_questions` tool is answered in place of the composer.
const field = (name: string, label: string, type: string, extra: Record<string, unknown> = {}) => ({
  name,
  label,
  type,
  required: true,
  options: null,
  placeholder: null,
  ...extra,
});

const TRIP_FORM = {
  title: 'Trip details',
  description: 'So I can book the right trip.',
  fields: [
    field('destination', 'Destination', 'text'),
    field('travel_class', 'Class', 'select', {
      options: [
        { value: 'economy', label: 'Economy' },
        { value: 'business', label: 'Business' },
      ],
    }),
  ],
};

const QUESTIONS = {
  questions: [
    { id: 'size', question: 'Which size?', options: ['Small', 'Large'], multiple: false },
    { id: 'colors', question: 'Which colours?', options: ['Red', 'Green', 'Blue'], multiple: true },
    { id: 'note', question: 'Anything else?', options: null, multiple: null },
  ],
};

/** The newest input item the model gets, as JSON. */
const lastInput = (request: FakeRequest): string =>
  JSON.stringify((request.body.input as unknown[] | undefined)?.at(-1) ?? null);

/** The two newest input items, as JSON. */
const lastTwoInputs = (request: FakeRequest): string =>
  JSON.stringify((request.body.input as unknown[] | undefined)?.slice(-2) ?? null);

function script(request: FakeRequest): FakeTurn {
  const last = lastInput(request);
  // The answered questions come back just before the stored result of the tool that asked them.
  const recent = lastTwoInputs(request);
  if (recent.includes('following status: answered')) return { text: 'Noted your answers.' };
  if (recent.includes('following status: skipped')) return { text: 'Skipped, I will guess.' };
  if (last.includes('The user answered the form')) return { text: 'Booked economy to Lisbon.' };
  if (last.includes('Ask me some questions'))
    return { toolCalls: [{ name: 'ask_user_questions', arguments: QUESTIONS }] };
  // Slow enough for the loading state to be seen while the action's stream runs.
  if (last.includes('WIDGET_ACTION'))
    return {
      text: `Got ${/gallery\.\w+/.exec(last)?.[0] ?? 'an action'} from the widget.`,
      delayMs: 150,
    };
  if (last.includes('function_call_output')) return { text: 'Here is the gallery.' };
  if (last.includes('Book a trip'))
    return { toolCalls: [{ name: 'ask_user_form', arguments: TRIP_FORM }] };
  return { toolCalls: [{ name: 'show_widget_gallery', arguments: {} }] };
}

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
      instructions: 'Show widgets and ask with forms.',
      model: 'fake',
      mcpServers: ['tasks'],
      forms: true,
    },
  ],
};

interface StoredItem {
  id: string;
  type: string;
  widget?: unknown;
}

describe('widget actions through the app, in the built-in client', () => {
  let fake: FakeModelServer;
  let server: ChildServer;
  let browser: Browser;
  let page: Page;
  let seen: ReturnType<typeof recordRequests>;
  beforeAll(async () => {
    fake = await startFakeModelServer(script);
    server = await startModelApp(fake, AGENTS);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
    seen = recordRequests(page);
    await page.goto(await routeHostPage(page, server.url));
    const composer = chat().locator('textarea');
    await composer.waitFor({ timeout: 15_000 });
    await composer.fill('Show me the widget gallery');
    await composer.press('Enter');
    await gallery().locator('[data-key="gallery-buttons"]').waitFor({ timeout: 30_000 });
    await answers().filter({ hasText: 'Here is the gallery.' }).waitFor({ timeout: 30_000 });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await fake?.close();
  });

  const chat = () => page.locator('openai-chatkit');
  const gallery = () => chat().locator('[data-item-type="widget"]').first();
  const answers = () => chat().locator('[data-item-type="assistant_message"]');
  const actionsOf = (type: string) => chatkitRequests(seen).filter((r) => r.type === type);

  async function storedItems(): Promise<StoredItem[]> {
    const change = (await hostRecord(page)).events.find((e) => e.type === 'chatkit.thread.change');
    const threadId = (change?.detail as { threadId?: string } | undefined)?.threadId;
    const response = await page.request.post(`${server.url}/chatkit?agent_id=assistant`, {
      data: { type: 'items.list', params: { thread_id: threadId, order: 'asc', limit: 100 } },
    });
    expect(response.status()).toBe(200);
    return ((await response.json()) as { data: StoredItem[] }).data;
  }

  it('a server action reaches the model (hidden context), the button busy until the answer ends', async () => {
    const button = gallery().getByRole('button', { name: 'Server action' });
    await button.click();
    await expect.poll(() => button.getAttribute('aria-busy')).toBe('true');
    expect(await button.isDisabled()).toBe(true);
    await expect
      .poll(() => answers().allInnerTexts(), { timeout: 20_000 })
      .toEqual(['Here is the gallery.', 'Got gallery.server from the widget.']);
    await expect.poll(() => button.getAttribute('aria-busy')).toBeNull();
    const [sent] = actionsOf('threads.custom_action');
    expect(sent!.params).toMatchObject({
      item_id: await gallery().getAttribute('data-item-id'),
      action: { type: 'gallery.server', payload: { source: 'gallery' } },
    });
    expect(lastInput(fake.requests.at(-1)!)).toContain(
      '<WIDGET_ACTION type=\\"gallery.server\\">{\\"source\\":\\"gallery\\"}</WIDGET_ACTION>',
    );
    // Hidden context is never listed to the client nor shown.
    expect((await storedItems()).map((item) => item.type)).not.toContain('hidden_context_item');
    expect(await chat().innerText()).not.toContain('WIDGET_ACTION');
  });

  it('loadingBehavior "container" marks the whole widget busy while the action runs', async () => {
    await gallery().getByRole('button', { name: 'Container loading' }).click();
    const root = gallery().locator('.tl-widget');
    await expect.poll(() => root.getAttribute('aria-busy')).toBe('true');
    await expect
      .poll(() => answers().last().innerText(), { timeout: 20_000 })
      .toBe('Got gallery.container from the widget.');
    await expect.poll(() => root.getAttribute('aria-busy')).toBeNull();
    // The earlier action's context was stored: the model reads it again in this turn.
    const input = JSON.stringify(fake.requests.at(-1)!.body.input);
    expect(input).toContain('WIDGET_ACTION type=\\"gallery.server\\"');
    expect(input).toContain('WIDGET_ACTION type=\\"gallery.container\\"');
  });

  it('loadingBehavior "none" (the select) shows nothing busy while its action streams', async () => {
    await gallery().locator('select[name="size"]').selectOption('s');
    // The action's stream runs (the thread is busy) while no part of the widget is.
    await expect.poll(() => chat().getByRole('log').getAttribute('aria-busy')).toBe('true');
    expect(await gallery().locator('[aria-busy="true"]').count()).toBe(0);
    await expect
      .poll(() => answers().last().innerText(), { timeout: 20_000 })
      .toBe('Got gallery.select_change from the widget.');
    const sent = actionsOf('threads.custom_action').at(-1)!;
    expect(sent.params.action).toMatchObject({
      type: 'gallery.select_change',
      payload: { source: 'gallery', size: 's' },
    });
  });

  it('a client action goes to the host’s widgets.onAction and not to the server', async () => {
    const before = chatkitRequests(seen).length;
    await gallery().getByRole('button', { name: 'Client action' }).click();
    await expect
      .poll(async () => (await hostRecord(page)).actions)
      .toEqual([
        {
          action: { type: 'gallery.client', payload: { source: 'gallery' } },
          itemId: await gallery().getAttribute('data-item-id'),
        },
      ]);
    expect(chatkitRequests(seen).slice(before)).toEqual([]);
  });

  it('a sync action replaces the widget in place with the MCP tool’s widget, and is saved', async () => {
    const itemId = await gallery().getAttribute('data-item-id');
    const answersBefore = await answers().count();
    await gallery().getByRole('button', { name: 'Sync action' }).click();
    await gallery().getByRole('button', { name: 'Synced 1×' }).waitFor({ timeout: 15_000 });
    await gallery().getByRole('button', { name: 'Synced 1×' }).click();
    await gallery().getByRole('button', { name: 'Synced 2×' }).waitFor({ timeout: 15_000 });
    expect(await gallery().getAttribute('data-item-id')).toBe(itemId);
    expect(await chat().locator('[data-item-type="widget"]').count()).toBe(1);
    expect(await answers().count()).toBe(answersBefore);
    expect(actionsOf('threads.sync_custom_action').map((r) => r.params.action)).toEqual([
      { type: 'gallery_sync', payload: { source: 'gallery', synced: 0 } },
      { type: 'gallery_sync', payload: { source: 'gallery', synced: 1 } },
    ]);
    const stored = (await storedItems()).find((item) => item.id === itemId);
    expect(JSON.stringify(stored?.widget)).toContain('Synced 2×');
    // Only tools that opt in answer sync actions: another tool's name is a 400, and nothing ran.
    const threadId = (
      (await hostRecord(page)).events.find((e) => e.type === 'chatkit.thread.change')?.detail as {
        threadId: string;
      }
    ).threadId;
    const refused = await page.request.post(`${server.url}/chatkit?agent_id=assistant`, {
      data: {
        type: 'threads.sync_custom_action',
        params: { thread_id: threadId, item_id: itemId, action: { type: 'show_widget_gallery' } },
      },
    });
    expect(refused.status()).toBe(400);
    expect(await refused.text()).toContain('Unknown sync action \\"show_widget_gallery\\"');
    expect(
      JSON.stringify((await storedItems()).find((item) => item.id === itemId)?.widget),
    ).toContain('Synced 2×');
  });

  it('a form submit comes back with its errors, then its summary replaces it and the model goes on', async () => {
    // An earlier test's action may still be streaming, and the client runs one stream at a time.
    await chat()
      .getByRole('button', { name: 'Stop' })
      .waitFor({ state: 'detached', timeout: 20_000 });
    const composer = chat().getByRole('combobox', { name: 'Message input' });
    await composer.fill('Book a trip');
    await composer.press('Enter');
    await chat()
      .locator('[data-item-type="user_message"]', { hasText: 'Book a trip' })
      .waitFor({ timeout: 20_000 });
    const form = chat().locator('[data-item-type="widget"]').nth(1);
    await form.getByRole('button', { name: 'Submit' }).waitFor({ timeout: 20_000 });
    await form.getByLabel('Destination *').fill('Lisbon');
    // The class is left empty: the server's validation answers, not the browser's.
    await form.getByRole('button', { name: 'Submit' }).click();
    await expect
      .poll(() => form.innerText(), { timeout: 15_000 })
      .toContain('This field is required.');
    expect(await form.getByLabel('Destination *').inputValue()).toBe('Lisbon');
    await form.locator('select[name="travel_class"]').selectOption('economy');
    await form.getByRole('button', { name: 'Submit' }).click();
    await expect
      .poll(() => answers().last().innerText(), { timeout: 20_000 })
      .toBe('Booked economy to Lisbon.');
    expect(await form.getByRole('button', { name: 'Submit' }).count()).toBe(0);
    const summary = await form.innerText();
    expect(summary).toContain('Lisbon');
    expect(summary).toContain('Economy');
    expect(summary).not.toContain('This field is required.');
    const submits = actionsOf('threads.custom_action').filter(
      (r) => (r.params.action as { type: string }).type === 'human.form_submit',
    );
    expect(submits.map((r) => (r.params.action as { payload: unknown }).payload)).toEqual([
      expect.objectContaining({ destination: 'Lisbon', travel_class: '' }),
      expect.objectContaining({ destination: 'Lisbon', travel_class: 'economy' }),
    ]);
    expect(JSON.stringify(fake.requests.at(-1)!.body)).toContain('Lisbon');
  });

  it('a structured_input item replaces the composer, is answered in the browser and the model goes on', async () => {
    const composer = chat().getByRole('combobox', { name: 'Message input' });
    await composer.fill('Ask me some questions');
    await composer.press('Enter');
    const panel = chat().getByRole('form', { name: 'Questions' });
    await panel.waitFor({ timeout: 20_000 });
    expect(await composer.count()).toBe(0);
    await panel.getByRole('radio', { name: 'Large' }).check();
    await panel.getByRole('checkbox', { name: 'Red' }).check();
    await panel.getByRole('checkbox', { name: 'Blue' }).check();
    await panel.getByRole('textbox', { name: 'Anything else?' }).fill('Gift wrap, please');
    await panel.getByRole('button', { name: 'Submit answers' }).click();
    await expect
      .poll(() => answers().last().innerText(), { timeout: 20_000 })
      .toBe('Noted your answers.');
    await composer.waitFor();
    expect(await panel.count()).toBe(0);

    const [sent] = actionsOf('threads.add_structured_input');
    const itemId = (sent!.params as { item_id: string }).item_id;
    expect(sent!.params.input).toEqual({
      status: 'answered',
      answers: {
        size: { values: ['Large'] },
        colors: { values: ['Red', 'Blue'] },
        note: { values: ['Gift wrap, please'] },
      },
    });
    // The answered item stays in the thread as a summary, and is stored answered.
    const summary = chat().locator(`[data-item-id="${itemId}"]`);
    expect(await summary.innerText()).toContain('Red, Blue');
    const stored = (await storedItems()).find((item) => item.id === itemId) as unknown as {
      status: string;
      inputs: { id: string; answer: unknown }[];
    };
    expect(stored.status).toBe('answered');
    expect(stored.inputs.map((input) => [input.id, input.answer])).toEqual([
      ['size', { values: ['Large'], skipped: false }],
      ['colors', { values: ['Red', 'Blue'], skipped: false }],
      ['note', { values: ['Gift wrap, please'], skipped: false }],
    ]);
    expect(JSON.stringify(fake.requests.at(-1)!.body.input)).toContain(
      '- Which colours?: Red, Blue',
    );
  });

  it('skipping the questions marks them skipped and the model goes on', async () => {
    const composer = chat().getByRole('combobox', { name: 'Message input' });
    await composer.fill('Ask me some questions again');
    await composer.press('Enter');
    const panel = chat().getByRole('form', { name: 'Questions' });
    await panel.waitFor({ timeout: 20_000 });
    await panel.getByRole('button', { name: 'Skip' }).click();
    await expect
      .poll(() => answers().last().innerText(), { timeout: 20_000 })
      .toBe('Skipped, I will guess.');
    await composer.waitFor();
    const sent = actionsOf('threads.add_structured_input');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.params.input).toEqual({ status: 'skipped' });
    const itemId = (sent[1]!.params as { item_id: string }).item_id;
    expect(await chat().locator(`[data-item-id="${itemId}"]`).innerText()).toContain('Skipped');
  });
});
