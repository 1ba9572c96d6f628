import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** The file a URL path names in a static build: `/install` → `install/index.html`, as hosts do. */
function resolveFile(root: string, pathname: string): string | undefined {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  const base = join(root, relative);
  if (base !== root && !base.startsWith(root + sep)) return undefined;
  for (const candidate of [base, join(base, 'index.html'), `${base}.html`]) {
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
  }
  return undefined;
}

/**
 * Serves a directory over HTTP on 127.0.0.1 (port 0), the way a static host serves a Docusaurus
 * build. Files are looked up per request, so the server may start before the build exists.
 */
export async function startStaticServer(root: string): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://static');
    const file = resolveFile(root, pathname) ?? resolveFile(root, '/404.html');
    const status = file && !file.endsWith(`${sep}404.html`) ? 200 : 404;
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(status, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
