import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranslator } from '../../../../packages/chatkit/src/i18n/index.js';
import { ensureBuilt } from '../helpers/build.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { launchChromium } from '../helpers/chromium.js';
import { demoReply } from '../../src/assistant/responders/demo.js';

// axe-core inside the app's page (it reads open shadow roots): no serious or critical violations
// on the start screen, in a thread, and with the history panel open, in both colour schemes and in
// Arabic (right to left).
const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

declare global {
  interface Window {
    axe: {
      run(
        context: Document,
        options: object,
      ): Promise<{ violations: Violation[]; passes: Violation[] }>;
    };
  }
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SOURCE });
  const { violations, passes } = await page.evaluate(() => window.axe.run(document, {}));
  // axe reached into the element's shadow root (a shadow node's target is a path of selectors).
  const shadowChecks = passes
    .flatMap((rule) => rule.nodes)
    .filter((n) => Array.isArray(n.target[0]));
  expect(shadowChecks.length).toBeGreaterThan(10);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id} (${v.help}): ${v.nodes
          .map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`)
          .join(' | ')}`,
    );
}

describe('accessibility of the built-in client (axe-core)', () => {
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

  const cases = [
    { colorScheme: 'light', locale: 'en-US' },
    { colorScheme: 'dark', locale: 'en-US' },
    { colorScheme: 'light', locale: 'ar-EG' },
  ] as const;
  for (const { colorScheme, locale } of cases) {
    it(`has no serious or critical violations: start screen, thread, history (${colorScheme}, ${locale})`, async () => {
      const { t, dir } = createTranslator(locale);
      // bypassCSP: the page's CSP (rightly) refuses the injected axe script.
      const page = await browser.newPage({ colorScheme, locale, bypassCSP: true });
      try {
        await page.goto(`${server.url}/`);
        await chat(page).locator('.start').waitFor({ timeout: 15_000 });
        // The UI follows the browser's language (right to left in Arabic).
        expect(await chat(page).locator(`[dir="${dir}"]`).count()).toBeGreaterThan(0);
        expect(await seriousViolations(page), 'start screen').toEqual([]);

        const composer = chat(page).locator('textarea');
        await composer.fill('Hello, accessibility');
        await composer.press('Enter');
        await expect
          .poll(
            () => chat(page).locator('[data-item-type="assistant_message"]').last().innerText(),
            {
              timeout: 20_000,
            },
          )
          .toContain(demoReply('').slice(-24));
        await chat(page)
          .locator(`button[aria-label="${t('Send message')}"]`)
          .waitFor();
        expect(await seriousViolations(page), 'thread').toEqual([]);

        await chat(page)
          .locator(`button[aria-label="${t('History')}"]`)
          .click();
        await chat(page)
          .locator(`[role="dialog"][aria-label="${t('History')}"] li`)
          .first()
          .waitFor();
        expect(await seriousViolations(page), 'history panel').toEqual([]);
        await page.screenshot({ path: `/tmp/threadline-a11y-${colorScheme}-${locale}.png` });
      } finally {
        await page.close();
      }
    }, 90_000);
  }
});
