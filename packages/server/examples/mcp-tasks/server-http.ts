/**
 * The example task MCP server over streamable HTTP (stateful sessions) at `POST/GET/DELETE /mcp`:
 *   PORT=3333 MCP_TOKEN=secret npx tsx packages/server/examples/mcp-tasks/server-http.ts
 * With `MCP_TOKEN` (or the `token` option) every request must carry `Authorization: Bearer <token>`;
 * every Authorization header received is recorded, so tests can see a forwarded token arrive.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createTasksServer } from './tasks-server.js';
import { TaskService } from './task-service.js';

/** Options of {@link startTasksHttpServer}. */
export interface TasksHttpServerOptions {
  port?: number;
  host?: string;
  /** When set, requests without `Authorization: Bearer <token>` get 401. */
  token?: string | undefined;
  service?: TaskService;
}

/** A running example HTTP server. */
export interface TasksHttpServer {
  /** The MCP endpoint, e.g. `http://127.0.0.1:3333/mcp`. */
  url: string;
  port: number;
  /** The Authorization header of every request, in order (undefined when absent). */
  authorizations: (string | undefined)[];
  service: TaskService;
  close(): Promise<void>;
}

function sendJsonRpcError(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

/** Starts the example task server over streamable HTTP. */
export async function startTasksHttpServer(
  options: TasksHttpServerOptions = {},
): Promise<TasksHttpServer> {
  const service = options.service ?? new TaskService();
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const authorizations: (string | undefined)[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if ((req.url ?? '/').split('?')[0] !== '/mcp') return sendJsonRpcError(res, 404, 'Not found');
    const authorization = req.headers.authorization;
    authorizations.push(authorization);
    if (options.token !== undefined && authorization !== `Bearer ${options.token}`) {
      return sendJsonRpcError(res, 401, 'Unauthorized');
    }
    const sessionId = req.headers['mcp-session-id'];
    let transport = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
    if (typeof sessionId === 'string' && !transport)
      return sendJsonRpcError(res, 404, 'Unknown session');
    if (!transport) {
      if (req.method !== 'POST') return sendJsonRpcError(res, 400, 'Initialize with POST first');
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          sessions.set(id, created);
        },
      });
      created.onclose = () => {
        if (created.sessionId) sessions.delete(created.sessionId);
      };
      const server = await createTasksServer(service);
      await server.connect(created);
      transport = created;
    }
    await transport.handleRequest(req, res);
  };

  const http = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('tasks MCP server:', error);
      if (!res.headersSent) sendJsonRpcError(res, 500, 'Internal error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) =>
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/mcp`,
    port,
    authorizations,
    service,
    async close() {
      await Promise.all(
        [...sessions.values()].map((transport) => transport.close().catch(() => undefined)),
      );
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await startTasksHttpServer({
    port: Number(process.env.PORT ?? 3333),
    token: process.env.MCP_TOKEN,
  });
  console.log(`Task MCP server listening on ${server.url}`);
}
