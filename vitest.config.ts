import { defineConfig } from 'vitest/config';

const ROOTS = ['packages/*/src', 'packages/*/test', 'apps/*/test', 'examples/*'];
/** The slow layer: tests that start processes (the built app, MCP servers over stdio) or drive Chromium. */
const E2E = ROOTS.flatMap((root) => [`${root}/**/*.e2e.test.ts`, `${root}/**/*.browser.test.ts`]);

export default defineConfig({
  resolve: { conditions: ['@threadline/source'] },
  ssr: { resolve: { conditions: ['@threadline/source'] } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { OPENAI_AGENTS_DISABLE_TRACING: '1' },
    // `npm run test:unit` / `npm run test:e2e` pick one layer (`--project`); `npm test` runs both.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ROOTS.map((root) => `${root}/**/*.test.ts`),
          exclude: ['**/node_modules/**', ...E2E],
          // Files share a worker's module cache instead of re-importing zod, the Agents SDK… per file.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: E2E,
        },
      },
    ],
    // CI asks for a JSON report (both layers, one file) to print its closing "N passed, N failed" line.
    reporters: process.env.VITEST_JSON_REPORT ? ['default', 'json'] : ['default'],
    outputFile: process.env.VITEST_JSON_REPORT
      ? { json: process.env.VITEST_JSON_REPORT }
      : undefined,
  },
});
