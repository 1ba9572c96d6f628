import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';

/** Headers sent to a streamable HTTP MCP server. */
export type McpHeaders = Record<string, string>;
/** Headers as configured: an `undefined` value leaves the header out. */
export type McpHeadersInit = Record<string, string | undefined>;

/**
 * Headers for one request: fixed, or computed from the request context (e.g. forwarding the
 * signed-in user's bearer token). Each distinct set of headers gets its own MCP session.
 */
export type McpHeadersOption<TContext> =
  McpHeadersInit | ((context: TContext) => McpHeadersInit | Promise<McpHeadersInit>);

/**
 * Which tools of a server are exposed. A string entry matches a tool by its MCP name, by its
 * exposed name (after `toolNamePrefix`) or as `<server>/<tool>`; a function decides per tool.
 */
export type McpToolFilter = readonly string[] | ((tool: McpToolInfo) => boolean);

/** A tool as the server lists it, with where it comes from. */
export interface McpToolInfo {
  /** The configured server name. */
  server: string;
  /** The tool name on the MCP server. */
  mcpName: string;
  /** The name the model sees (prefixed and sanitized). */
  name: string;
  /** The MCP tool definition (`inputSchema`, `title`, `annotations`, …). */
  definition: Tool;
}

/** Options every kind of MCP server accepts. */
export interface McpServerCommonConfig {
  /** A short, unique name (used in logs, notices and `allow`/`deny` entries). */
  name: string;
  /** Only these tools are exposed (default: all). */
  allow?: McpToolFilter | undefined;
  /** These tools are never exposed. Applied after `allow`. */
  deny?: McpToolFilter | undefined;
  /** Prepended to every tool name the model sees, e.g. `tasks_` (avoids clashes between servers). */
  toolNamePrefix?: string | undefined;
  /** Time limit of one tool call in milliseconds; default 30 000. */
  timeoutMs?: number | undefined;
  /** Time limit of connecting and listing tools in milliseconds; default 10 000. */
  connectTimeoutMs?: number | undefined;
}

/** An MCP server started as a child process, spoken to over stdin/stdout. */
export interface McpStdioServerConfig extends McpServerCommonConfig {
  transport: 'stdio';
  command: string;
  args?: readonly string[] | undefined;
  /**
   * Extra environment variables; merged over the MCP SDK's safe defaults (`PATH`, `HOME`, …),
   * never over the whole parent environment.
   */
  env?: Record<string, string> | undefined;
  cwd?: string | undefined;
  /** The child's stderr: `inherit` (default), `ignore` or `pipe` (then logged at debug level). */
  stderr?: 'inherit' | 'ignore' | 'pipe' | undefined;
}

/** An MCP server reached over streamable HTTP. */
export interface McpHttpServerConfig<TContext> extends McpServerCommonConfig {
  transport: 'http';
  url: string | URL;
  /**
   * Headers for every request: fixed (a configured credential) or a function of the request
   * context (forward the user's `Authorization: Bearer …`). A function is called once per turn.
   */
  headers?: McpHeadersOption<TContext> | undefined;
}

/** Any transport you build yourself (in-process servers, tests, WebSocket…). */
export interface McpCustomServerConfig extends McpServerCommonConfig {
  transport: 'custom';
  /** Creates a fresh, unstarted transport; called again after the connection is lost. */
  createTransport(): Transport | Promise<Transport>;
}

/** One MCP server an agent may use. */
export type McpServerConfig<TContext = unknown> =
  McpStdioServerConfig | McpHttpServerConfig<TContext> | McpCustomServerConfig;

export const DEFAULT_CALL_TIMEOUT_MS = 30_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** Whether `tool` passes a filter (no filter passes everything). */
export function matchesFilter(
  filter: McpToolFilter | undefined,
  tool: McpToolInfo,
): boolean | undefined {
  if (filter === undefined) return undefined;
  if (typeof filter === 'function') return filter(tool);
  return filter.some(
    (entry) =>
      entry === tool.mcpName || entry === tool.name || entry === `${tool.server}/${tool.mcpName}`,
  );
}

/** `allow` then `deny`. */
export function isToolExposed(
  tool: McpToolInfo,
  allow: McpToolFilter | undefined,
  deny: McpToolFilter | undefined,
): boolean {
  if (matchesFilter(allow, tool) === false) return false;
  return matchesFilter(deny, tool) !== true;
}

/** A tool name every function-calling API accepts: `[A-Za-z0-9_-]`, at most 64 characters. */
export function exposedToolName(prefix: string | undefined, mcpName: string): string {
  const name = `${prefix ?? ''}${mcpName}`.replace(/[^A-Za-z0-9_-]/g, '_');
  return name.slice(0, 64) || 'tool';
}
