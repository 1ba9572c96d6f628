import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  ErrorCode,
  McpError,
  ToolListChangedNotificationSchema,
  type CallToolResult,
  type Implementation,
  type Progress,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../server/logger.js';
import {
  DEFAULT_CALL_TIMEOUT_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  type McpHeaders,
  type McpServerConfig,
} from './server-config.js';

/** Options of {@link McpConnection}. */
export interface McpConnectionOptions {
  server: McpServerConfig<never>;
  /** Resolved headers (HTTP servers only). */
  headers?: McpHeaders | undefined;
  logger: Logger;
  clientInfo: Implementation;
  /** After a failed connect, further attempts fail fast for this long; default 1000 ms. */
  reconnectDelayMs?: number | undefined;
}

/** Options of one tool call. */
export interface McpCallOptions {
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: Progress) => void) | undefined;
}

/** A lost session, a refused connection or a dead process; not a tool's own error. */
export function isConnectionFailure(error: unknown): boolean {
  if (error instanceof McpError) return error.code === (ErrorCode.ConnectionClosed as number);
  return true;
}

/**
 * One MCP client session with one server (and, for HTTP, one set of headers). Connects lazily,
 * caches the tool list until the server sends `notifications/tools/list_changed`, and reconnects
 * on the next use after the session was lost (process exit, closed HTTP session, failed call).
 */
export class McpConnection {
  private client: Client | undefined;
  private connecting: Promise<Client> | undefined;
  private tools: Tool[] | undefined;
  private toolsFresh = false;
  /** Bumped by every `tools/list_changed`; a listing started before a bump is not fresh. */
  private toolsGeneration = 0;
  private listing: Promise<Tool[]> | undefined;
  private failedAt = 0;
  private lastError: Error | undefined;
  private closed = false;

  constructor(private readonly options: McpConnectionOptions) {}

  /** The server's configured name. */
  get serverName(): string {
    return this.options.server.name;
  }

  /** The last tool list received, even if it may be outdated (e.g. the server is down). */
  get lastKnownTools(): readonly Tool[] | undefined {
    return this.tools;
  }

  /** The tool list: cached, refreshed after a `tools/list_changed` notification or a reconnect. */
  async listTools(): Promise<Tool[]> {
    if (this.tools && this.toolsFresh && this.client) return this.tools;
    this.listing ??= this.fetchTools().finally(() => {
      this.listing = undefined;
    });
    return this.listing;
  }

  /** Calls a tool; connection failures drop the session so the next use reconnects. */
  async callTool(
    name: string,
    args: Record<string, unknown>,
    options: McpCallOptions = {},
  ): Promise<CallToolResult> {
    const client = await this.connect();
    const requestOptions: RequestOptions = {
      timeout: options.timeoutMs ?? this.options.server.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onprogress: options.onProgress } : {}),
    };
    try {
      const result = await client.callTool({ name, arguments: args }, undefined, requestOptions);
      return result as CallToolResult;
    } catch (error) {
      if (!options.signal?.aborted && isConnectionFailure(error)) this.drop(client, error);
      throw error;
    }
  }

  /** Closes the session for good. */
  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    await client?.close().catch(() => undefined);
  }

  private async fetchTools(): Promise<Tool[]> {
    const generation = this.toolsGeneration;
    const client = await this.connect();
    const timeout = this.options.server.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const tools: Tool[] = [];
    let cursor: string | undefined;
    try {
      do {
        const page = await client.listTools(cursor === undefined ? {} : { cursor }, { timeout });
        tools.push(...page.tools);
        cursor = page.nextCursor;
      } while (cursor);
    } catch (error) {
      if (isConnectionFailure(error)) this.drop(client, error);
      throw error;
    }
    this.tools = tools;
    this.toolsFresh = generation === this.toolsGeneration && this.client === client;
    return tools;
  }

  private async connect(): Promise<Client> {
    if (this.closed) throw new Error(`MCP connection to "${this.serverName}" was closed`);
    if (this.client) return this.client;
    const delay = this.options.reconnectDelayMs ?? 1000;
    if (this.lastError !== undefined && Date.now() - this.failedAt < delay) throw this.lastError;
    this.connecting ??= this.open().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async open(): Promise<Client> {
    const { server, logger, clientInfo } = this.options;
    const client = new Client(clientInfo, { capabilities: {} });
    client.onerror = (error) => logger.debug(`MCP server "${server.name}": ${error.message}`);
    client.onclose = () => {
      if (this.client !== client) return;
      this.client = undefined;
      this.toolsFresh = false;
      if (!this.closed) logger.warn(`MCP server "${server.name}" closed the connection`);
    };
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      logger.debug(`MCP server "${server.name}" changed its tool list`);
      this.toolsGeneration += 1;
      this.toolsFresh = false;
      // Refresh eagerly (after a listing already under way) so the next turn sees the new list.
      const inFlight = this.listing ?? Promise.resolve([]);
      inFlight
        .catch(() => [])
        .then(() => this.listTools())
        .catch((error: unknown) =>
          logger.warn(`Refreshing the tools of MCP server "${server.name}" failed`, error),
        );
    });
    try {
      const transport = await this.createTransport();
      await client.connect(transport, {
        timeout: server.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      });
    } catch (error) {
      this.failedAt = Date.now();
      this.lastError = error instanceof Error ? error : new Error(String(error));
      await client.close().catch(() => undefined);
      throw error;
    }
    this.lastError = undefined;
    if (this.closed) {
      await client.close().catch(() => undefined);
      throw new Error(`MCP connection to "${server.name}" was closed`);
    }
    this.client = client;
    // A new session may serve another tool list (e.g. after a server restart).
    this.toolsFresh = false;
    return client;
  }

  private async createTransport(): Promise<Transport> {
    const { server, headers, logger } = this.options;
    // Transports load on first use: stdio needs `node:child_process`, HTTP an SSE parser.
    switch (server.transport) {
      case 'stdio': {
        const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
        const transport = new StdioClientTransport({
          command: server.command,
          args: [...(server.args ?? [])],
          ...(server.env ? { env: server.env } : {}),
          ...(server.cwd ? { cwd: server.cwd } : {}),
          stderr: server.stderr ?? 'inherit',
        });
        transport.stderr?.on('data', (chunk: Buffer) =>
          logger.debug(`MCP server "${server.name}" stderr: ${chunk.toString('utf8').trimEnd()}`),
        );
        return transport;
      }
      case 'http': {
        const { StreamableHTTPClientTransport } =
          await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
        return new StreamableHTTPClientTransport(new URL(server.url), {
          requestInit: { headers: headers ?? {} },
        });
      }
      case 'custom':
        return server.createTransport();
      default: {
        const unreachable: never = server;
        throw new Error(`Unknown MCP transport ${String(unreachable)}`);
      }
    }
  }

  private drop(client: Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.toolsFresh = false;
    this.options.logger.warn(`Lost the connection to MCP server "${this.serverName}"`, error);
    client.close().catch(() => undefined);
  }
}
