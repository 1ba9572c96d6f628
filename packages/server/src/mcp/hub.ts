import type { Implementation } from '@modelcontextprotocol/sdk/types.js';
import { ConfigurationError } from '../errors.js';
import { consoleLogger, type Logger } from '../server/logger.js';
import { McpConnection } from './connection.js';
import type { McpHeaders, McpHeadersInit, McpServerConfig } from './server-config.js';
import { McpToolset, type McpToolsetOptions } from './toolset.js';

/** Options of {@link McpHub}. */
export interface McpHubOptions<TContext> {
  servers: readonly McpServerConfig<TContext>[];
  logger?: Logger | undefined;
  /** How the client introduces itself to servers; default `{ name: 'threadline', version: '0.1.0' }`. */
  clientInfo?: Implementation | undefined;
  /**
   * Open sessions kept per HTTP server whose headers depend on the request (one per distinct
   * credential); the least recently used is closed beyond it. Default 50.
   */
  maxSessionsPerServer?: number | undefined;
  /** After a failed connect, calls to that server fail fast for this long; default 1000 ms. */
  reconnectDelayMs?: number | undefined;
}

const DEFAULT_CLIENT_INFO: Implementation = { name: 'threadline', version: '0.1.0' };

/** Headers without the entries left `undefined`. */
function compactHeaders(init: McpHeadersInit): McpHeaders {
  const headers: McpHeaders = {};
  for (const [name, value] of Object.entries(init)) if (value !== undefined) headers[name] = value;
  return headers;
}

/** Stable key of a header set (names are case-insensitive). */
function headersKey(headers: McpHeaders | undefined): string {
  if (!headers) return '';
  return JSON.stringify(
    Object.entries(headers)
      .map(([name, value]) => [name.toLowerCase(), value])
      .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0)),
  );
}

/**
 * The MCP servers of an application and their client sessions, shared by every agent: one
 * session per stdio server (one child process), one per HTTP server and distinct header set.
 * Agents pick servers and tools through {@link McpHub.toolset}. Close it on shutdown.
 *
 * @example
 * ```ts
 * import { McpHub } from '@threadline/server/mcp';
 *
 * const mcp = new McpHub<{ token: string }>({
 *   servers: [
 *     { name: 'tasks', transport: 'stdio', command: 'node', args: ['tasks-server.js'] },
 *     {
 *       name: 'crm',
 *       transport: 'http',
 *       url: 'https://crm.example/mcp',
 *       headers: (ctx) => ({ Authorization: `Bearer ${ctx.token}` }),
 *     },
 *   ],
 * });
 * const supportTools = mcp.toolset({ servers: ['crm'], deny: ['delete_contact'] });
 * ```
 */
export class McpHub<TContext = unknown> {
  readonly logger: Logger;
  private readonly servers = new Map<string, McpServerConfig<TContext>>();
  private readonly sessions = new Map<string, Map<string, McpConnection>>();
  private readonly clientInfo: Implementation;
  private readonly maxSessions: number;
  private closed = false;

  constructor(private readonly options: McpHubOptions<TContext>) {
    this.logger = options.logger ?? consoleLogger;
    this.clientInfo = options.clientInfo ?? DEFAULT_CLIENT_INFO;
    this.maxSessions = options.maxSessionsPerServer ?? 50;
    for (const server of options.servers) {
      if (this.servers.has(server.name)) {
        throw new ConfigurationError(`Two MCP servers are named "${server.name}"`);
      }
      this.servers.set(server.name, server);
    }
  }

  /** The configured servers, in order. */
  get serverConfigs(): readonly McpServerConfig<TContext>[] {
    return this.options.servers;
  }

  /** The configuration of server `name`. */
  server(name: string): McpServerConfig<TContext> {
    const server = this.servers.get(name);
    if (!server) throw new ConfigurationError(`Unknown MCP server "${name}"`);
    return server;
  }

  /** A selection of servers and tools for one agent. */
  toolset(options: McpToolsetOptions = {}): McpToolset<TContext> {
    for (const name of options.servers ?? []) this.server(name);
    return new McpToolset(this, options);
  }

  /** The headers a request context gets for `server` (HTTP servers only). */
  async resolveHeaders(
    server: McpServerConfig<TContext>,
    context: TContext,
  ): Promise<McpHeaders | undefined> {
    if (server.transport !== 'http' || server.headers === undefined) return undefined;
    return compactHeaders(
      typeof server.headers === 'function' ? await server.headers(context) : server.headers,
    );
  }

  /** The session for `server` with `headers`, created (not yet connected) when missing. */
  connection(server: McpServerConfig<TContext>, headers?: McpHeaders): McpConnection {
    if (this.closed) throw new ConfigurationError('This McpHub was closed');
    let pool = this.sessions.get(server.name);
    if (!pool) this.sessions.set(server.name, (pool = new Map<string, McpConnection>()));
    const key = headersKey(headers);
    let connection = pool.get(key);
    if (connection) {
      // Most recently used last.
      pool.delete(key);
      pool.set(key, connection);
      return connection;
    }
    connection = new McpConnection({
      server,
      headers,
      logger: this.logger,
      clientInfo: this.clientInfo,
      reconnectDelayMs: this.options.reconnectDelayMs,
    });
    pool.set(key, connection);
    if (pool.size > this.maxSessions) {
      const [oldestKey, oldest] = pool.entries().next().value as [string, McpConnection];
      pool.delete(oldestKey);
      oldest
        .close()
        .catch((error: unknown) => this.logger.warn('Closing an MCP session failed', error));
    }
    return connection;
  }

  /**
   * Connects to every server whose headers do not depend on the request and lists its tools, so
   * the first turn does not wait for process start-up. Failures are logged, not thrown (the
   * first turn retries and tells the user).
   */
  async warmUp(): Promise<void> {
    await Promise.all(
      this.options.servers
        .filter((server) => !(server.transport === 'http' && typeof server.headers === 'function'))
        .map(async (server) => {
          try {
            const fixed =
              server.transport === 'http' && server.headers && typeof server.headers !== 'function';
            await this.connection(
              server,
              fixed ? compactHeaders(server.headers as McpHeadersInit) : undefined,
            ).listTools();
          } catch (error) {
            this.logger.warn(`MCP server "${server.name}" is not available yet`, error);
          }
        }),
    );
  }

  /** Closes every session (and stops every stdio server process). */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.sessions.values()].flatMap((pool) => [...pool.values()]);
    this.sessions.clear();
    await Promise.all(all.map((connection) => connection.close()));
  }
}
