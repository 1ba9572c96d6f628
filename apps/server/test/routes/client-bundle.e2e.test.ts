import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { clientBundleRoutes } from '../../src/pages/client-bundle.js';
import { REPO_ROOT, ensureBuilt } from '../helpers/build.js';

describe('the built client bundle routes', () => {
  beforeAll(async () => {
    await ensureBuilt();
  }, 300_000);

  it('serves the KaTeX fonts the math chunk loads, cached as immutable', async () => {
    const fonts = readdirSync(join(REPO_ROOT, 'packages/chatkit/dist/assets')).filter((name) =>
      name.endsWith('.woff2'),
    );
    expect(fonts.length).toBe(20);
    const font = fonts.find((name) => name.startsWith('KaTeX_Main-Regular-'))!;
    const response = await clientBundleRoutes().request(`/assets/${font}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('font/woff2');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(new TextDecoder().decode((await response.arrayBuffer()).slice(0, 4))).toBe('wOF2');
  });

  it('serves nothing else from the assets folder', async () => {
    const routes = clientBundleRoutes();
    expect((await routes.request('/assets/..%2Fchatkit.js')).status).toBe(404);
    expect((await routes.request('/assets/missing.woff2')).status).toBe(404);
  });
});
