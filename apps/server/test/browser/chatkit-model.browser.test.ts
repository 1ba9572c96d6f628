import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startFakeModelServer,
  type FakeModelServer,
  type FakeRequest,
} from '@threadline/server/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { chatkitRequests, launchChromium, recordRequests } from '../helpers/chromium.js';

const hasToolResult = (request: FakeRequest): boolean =>
  JSON.stringify(request.body).includes('function_call_output');

const AGENTS = {
  agents: [
    {
      id: 'assistant',
      name: 'Assistant',
      instructions: 'Be a test assistant.',
      model: 'fake-default',
      models: ['fake-big'],
      tools: ['calculate'],
      composerTools: [
        {
          id: 'math',
          label: 'Math',
          icon: 'analytics',
          instructions: 'Always compute with calculate.',
          forceTool: 'calculate',
        },
      ],
    },
  ],
};

describe('the built-in client with a real model path (fake OpenAI server)', () => {
  let fake: FakeModelServer;
  let server: ChildServer;
  let browser: Browser;
  beforeAll(async () => {
    fake = await startFakeModelServer((request) =>
      hasToolResult(request)
        ? { text: 'The answer is 395.' }
        : JSON.stringify(request.body).includes('Always compute with calculate.')
          ? { toolCalls: [{ name: 'calculate', arguments: { expression: '(17 * 23) + 4' } }] }
          : { text: 'Plain answer.' },
    );
    await ensureBuilt();
    const file = join(mkdtempSync(join(tmpdir(), 'threadline-client-model-')), 'agents.json');
    writeFileSync(file, JSON.stringify(AGENTS));
    server = await startChildServer({
      THREADLINE_AUTH: 'anonymous',
      OPENAI_API_KEY: 'sk-fake',
      OPENAI_BASE_URL: fake.baseURL,
      THREADLINE_MODEL_PROVIDER: 'openai-responses',
      THREADLINE_CONFIG: file,
      OPENAI_AGENTS_DISABLE_TRACING: '1',
    });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await fake?.close();
  });

  it('sends the composer model and tool choice as inference_options, and the model gets them', async () => {
    const page = await browser.newPage();
    const seen = recordRequests(page);
    try {
      await page.goto(`${server.url}/`);
      const chat = page.locator('openai-chatkit');
      const models = chat.locator('select[aria-label="Model"]');
      await models.waitFor({ timeout: 15_000 });
      expect(await models.inputValue()).toBe('fake-default');
      await models.selectOption('fake-big');
      await chat.locator('select[aria-label="Tools"]').selectOption('math');
      await chat.locator('textarea').fill('What is 17 times 23 plus 4?');
      await chat.locator('button[aria-label="Send message"]').click();
      const answer = chat.locator('[data-item-type="assistant_message"]').last();
      await expect
        .poll(() => answer.innerText().catch(() => ''), { timeout: 30_000 })
        .toContain('The answer is 395.');

      const create = chatkitRequests(seen).find((r) => r.type === 'threads.create');
      expect((create?.params.input as Record<string, unknown>).inference_options).toEqual({
        tool_choice: { id: 'math' },
        model: 'fake-big',
      });
      const first = fake.requests.find((r) =>
        JSON.stringify(r.body).includes('What is 17 times 23'),
      );
      expect(first?.body.model).toBe('fake-big');
      expect(JSON.stringify(first?.body)).toContain('Always compute with calculate.');
      // A non-persistent tool is cleared after the turn; the model choice stays.
      expect(await chat.locator('select[aria-label="Tools"]').inputValue()).toBe('');
      expect(await models.inputValue()).toBe('fake-big');
      const outside = seen.filter((r) => new URL(r.url).origin !== server.url);
      expect(outside).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);
});
