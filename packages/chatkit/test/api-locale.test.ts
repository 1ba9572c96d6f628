import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../src/api/client.js';

/** The `locale` option reaches the server as `Accept-Language` (docs/protocol.md §1.1). */
describe('ApiClient locale', () => {
  let server: Server;
  let url = '';
  const seen: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/chatkit`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the locale option, read at each request, and nothing of its own without one', async () => {
    let locale: string | undefined = 'fr-CA';
    const client = new ApiClient({ url }, () => locale);
    await client.request({ type: 'threads.list', params: {} });
    locale = 'ja';
    await client.request({ type: 'threads.list', params: {} });
    await new ApiClient({ url }).request({ type: 'threads.list', params: {} });
    expect(seen.slice(0, 2).map((h) => h['accept-language'])).toEqual(['fr-CA', 'ja']);
    // Without the option the fetch's default goes out: "*" from Node (a browser sends the user's).
    expect(['*', undefined]).toContain(seen[2]!['accept-language']);
  });
});
