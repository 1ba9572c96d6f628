import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

/** A tiny stand-in for POST /v1/chatkit/sessions, driven by the real openai SDK. */
export async function startSessionsStub(): Promise<{
  server: Server;
  baseURL: string;
  seen: Seen[];
  fail: { next: boolean };
}> {
  const seen: Seen[] = [];
  const fail = { next: false };
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      seen.push({ path: req.url ?? '', headers: req.headers, body });
      if (fail.next) {
        fail.next = false;
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: {
              message: 'workflow wf_secret_internal not found',
              type: 'invalid_request_error',
            },
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'cksess_1',
          object: 'chatkit.session',
          client_secret: `ek_secret_for_${String(body.user)}`,
          expires_at: 1_900_000_000,
          max_requests_per_1_minute: 10,
          status: 'active',
          user: body.user,
          workflow: body.workflow,
          chatkit_configuration: {},
          rate_limits: { max_requests_per_1_minute: 10 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    seen,
    fail,
  };
}
