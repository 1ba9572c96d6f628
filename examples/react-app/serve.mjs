/* global URL, process, console */
// The host site for the example: serves the built page (dist/) and stands in for the site's own
// backend at /api/session, which hands the signed-in visitor's Threadline token to the page.
// In a real site that endpoint checks the visitor's login and mints the token itself.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const TYPES = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.js.map': 'application/json; charset=utf-8',
};

/** JSON that cannot end the <script> element it is written into. */
const inertJson = (value) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * Starts the host server. `threadlineUrl` is the Threadline server's origin; `token` and `user`
 * are what /api/session answers. Resolves with its URL and a `close()`.
 */
export async function startExampleServer({
  port = 5173,
  host = '127.0.0.1',
  dist = fileURLToPath(new URL('./dist/', import.meta.url)),
  threadlineUrl = 'http://localhost:8000',
  scriptUrl,
  scriptTimeoutMs,
  token,
  user = { id: 'ada', name: 'Ada' },
}) {
  const config = inertJson({ threadlineUrl, scriptUrl, scriptTimeoutMs });
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    if (path === '/api/session') {
      if (!token) {
        response.writeHead(503, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: 'Set THREADLINE_TOKEN (see the README)' }));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify({ token, user }));
      return;
    }
    const file = path === '/' ? 'index.html' : path.slice(1);
    if (!(file in TYPES)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    try {
      let body = await readFile(`${dist}/${file}`);
      if (file === 'index.html') {
        body = body
          .toString('utf8')
          .replace(
            '<!--threadline-config-->',
            `<script type="application/json" id="threadline-config">${config}</script>`,
          );
      }
      response.writeHead(200, { 'content-type': TYPES[file], 'cache-control': 'no-cache' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not built: npm run build');
    }
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  const { port: bound } = server.address();
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${bound}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startExampleServer({
    port: Number(process.env.PORT ?? 5173),
    host: process.env.HOST ?? '127.0.0.1',
    threadlineUrl: process.env.THREADLINE_URL ?? 'http://localhost:8000',
    token: process.env.THREADLINE_TOKEN,
    user: {
      id: process.env.THREADLINE_USER ?? 'ada',
      name: process.env.THREADLINE_USER_NAME ?? 'Ada',
    },
  });
  console.log(
    `Example page on ${server.url} (Threadline at ${process.env.THREADLINE_URL ?? 'http://localhost:8000'})`,
  );
}
