import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, normalize, sep } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';

/** Where the app serves `@threadline/chatkit` (same origin, so the chat works with no network). */
export const BUNDLED_SCRIPT_PATH = '/chatkit/chatkit.js';

/** True when the page loads our bundle (an ES module with lazy chunks) rather than another script. */
export const isBundledScript = (scriptUrl: string): boolean =>
  scriptUrl === BUNDLED_SCRIPT_PATH || scriptUrl.endsWith(BUNDLED_SCRIPT_PATH);

function bundleDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('@threadline/chatkit'));
  } catch {
    return null;
  }
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * `GET /chatkit/chatkit.js`, `/chatkit/chunks/*` and `/chatkit/assets/*` (KaTeX fonts): the built
 * client. Chunk and asset names carry a content hash, so they are cached for a year; the entry is
 * revalidated.
 */
export function clientBundleRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const cache = new Map<string, Buffer>();
  const dir = bundleDir();
  const serve = async (relative: string, immutable: boolean) => {
    const type = TYPES[relative.slice(relative.lastIndexOf('.'))];
    if (!dir || !type) return null;
    const path = normalize(join(dir, relative));
    if (!path.startsWith(dir + sep)) return null;
    let body = cache.get(path);
    if (!body) {
      try {
        body = await readFile(path);
      } catch {
        return null;
      }
      cache.set(path, body);
    }
    return new Response(new Uint8Array(body), {
      headers: {
        'content-type': type,
        'x-content-type-options': 'nosniff',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        'access-control-allow-origin': '*',
      },
    });
  };
  const missing = (c: { text: (t: string, s: 404) => Response }) =>
    c.text(
      dir
        ? 'Not found'
        : 'The ChatKit client is not built: run `npm run build -w @threadline/chatkit`.',
      404,
    );
  for (const file of ['chatkit.js', 'chatkit.js.map']) {
    app.get(`/${file}`, async (c) => (await serve(file, false)) ?? missing(c));
  }
  app.get(
    '/chunks/:name{[A-Za-z0-9_.-]+}',
    async (c) => (await serve(`chunks/${c.req.param('name')}`, true)) ?? missing(c),
  );
  app.get(
    '/assets/:name{[A-Za-z0-9_.-]+}',
    async (c) => (await serve(`assets/${c.req.param('name')}`, true)) ?? missing(c),
  );
  return app;
}
