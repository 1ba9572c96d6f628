// Serves a React test page (bundled with esbuild) at `<app origin>/react-test/` through Playwright
// routing, so it shares the app's origin, cookies and `/chatkit` API; the runtime script
// (`/chatkit/chatkit.js`) and every API call still go to the real app.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';

const ENTRY = fileURLToPath(new URL('../browser/react-page/app.mjs', import.meta.url));

let bundled: Promise<string> | undefined;

/** The React page's script (React in production mode), built once per test file. */
export function reactPageScript(): Promise<string> {
  bundled ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return bundled;
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ChatKit under React</title>
<script type="module" src="/chatkit/chatkit.js"></script>
<script type="module" src="/react-test/app.js"></script>
</head><body><div id="root"></div></body></html>`;

/** Routes `/react-test/` (the page) and `/react-test/app.js` (its bundle) for `page`. */
export async function routeReactPage(page: Page, origin: string): Promise<string> {
  const script = await reactPageScript();
  await page.route(`${origin}/react-test/`, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGE }),
  );
  await page.route(`${origin}/react-test/app.js`, (route) =>
    route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: script }),
  );
  return `${origin}/react-test/`;
}
