import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { TurnContext } from '../turn/turn-context.js';
import type { McpConnection } from './connection.js';
import type { McpHub } from './hub.js';
import {
  DEFAULT_CALL_TIMEOUT_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  exposedToolName,
  isToolExposed,
  type McpServerConfig,
  type McpToolFilter,
  type McpToolInfo,
} from './server-config.js';
import { describeCallFailure, runMcpToolCall, type McpProgressOption } from './tool-call.js';

/** Options of {@link McpHub.toolset}: what one agent may use. */
export interface McpToolsetOptions {
  /** Server names (default: every server of the hub). */
  servers?: readonly string[] | undefined;
  /** Only these tools (after each server's own `allow`/`deny`). */
  allow?: McpToolFilter | undefined;
  /** Never these tools. */
  deny?: McpToolFilter | undefined;
  /** Time limit per call for this agent; default the server's `timeoutMs`, else 30 000 ms. */
  timeoutMs?: number | undefined;
  /** The progress update while a tool runs; default the tool's title ("List tasks…") or "Running <tool>…". */
  progress?: McpProgressOption | undefined;
  /** Forward the servers' `notifications/progress`; default true. */
  forwardProgress?: boolean | undefined;
  /**
   * Show a `notice` when a server is unavailable or a call fails; default true. The model always
   * gets an error text.
   */
  errorNotices?: boolean | undefined;
}

/** A JSON Schema object (an MCP tool's `inputSchema`). */
export type JsonSchemaObject = Record<string, unknown> & { type: 'object' };

/**
 * One MCP tool, resolved for one turn: its names, description and parameters, and `call`, which
 * streams progress, the widget and a visible error through the turn's context and returns the
 * text for the model. `@threadline/server/mcp/agents` makes it an Agents SDK tool.
 */
export interface McpTool<TContext = unknown> {
  readonly info: McpToolInfo;
  /** The name the model sees. */
  readonly name: string;
  readonly description: string;
  /** JSON Schema of the arguments, as the server declared it. */
  readonly inputSchema: JsonSchemaObject;
  call(args: unknown, context: TurnContext<TContext>): Promise<string>;
}

function describe(tool: Tool): string {
  const description = tool.description?.trim();
  if (description) return description;
  return tool.title ?? tool.name;
}

/**
 * The MCP tools one agent may use, from some servers of an {@link McpHub}, with allow/deny lists.
 * Tool lists are fetched once per session and refreshed when a server announces a change.
 */
export class McpToolset<TContext = unknown> {
  constructor(
    readonly hub: McpHub<TContext>,
    readonly options: McpToolsetOptions = {},
  ) {}

  /**
   * The tools for this turn. Servers are asked in parallel; a server that cannot be reached
   * contributes its last known tools (their calls then report the failure) or, if it never
   * answered, none, and a `notice` tells the user it is unavailable. Never throws for a server.
   */
  async tools(context: TurnContext<TContext>): Promise<McpTool<TContext>[]> {
    const names = this.options.servers ?? this.hub.serverConfigs.map((server) => server.name);
    const perServer = await Promise.all(
      names.map((name) => this.serverTools(this.hub.server(name), context)),
    );
    const seen = new Set<string>();
    const out: McpTool<TContext>[] = [];
    for (const tool of perServer.flat()) {
      if (seen.has(tool.name)) {
        this.hub.logger.warn(
          `MCP tool name "${tool.name}" is used twice; "${tool.info.server}/${tool.info.mcpName}" is skipped (set toolNamePrefix)`,
        );
        continue;
      }
      seen.add(tool.name);
      out.push(tool);
    }
    return out;
  }

  private async serverTools(
    server: McpServerConfig<TContext>,
    context: TurnContext<TContext>,
  ): Promise<McpTool<TContext>[]> {
    let connection: McpConnection;
    let definitions: readonly Tool[];
    try {
      const headers = await this.hub.resolveHeaders(server, context.requestContext);
      connection = this.hub.connection(server, headers);
    } catch (error) {
      this.hub.logger.error(`Could not prepare MCP server "${server.name}"`, error);
      await this.unavailable(server, context, error);
      return [];
    }
    try {
      definitions = await connection.listTools();
    } catch (error) {
      const stale = connection.lastKnownTools;
      this.hub.logger.warn(`Listing the tools of MCP server "${server.name}" failed`, error);
      if (!stale) {
        await this.unavailable(server, context, error);
        return [];
      }
      definitions = stale;
    }
    const timeoutMs = this.options.timeoutMs ?? server.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    const behavior = {
      timeoutMs,
      progress: this.options.progress ?? true,
      forwardProgress: this.options.forwardProgress ?? true,
      errorNotice: this.options.errorNotices ?? true,
      logger: this.hub.logger,
    };
    const tools: McpTool<TContext>[] = [];
    for (const definition of definitions) {
      const info: McpToolInfo = {
        server: server.name,
        mcpName: definition.name,
        name: exposedToolName(server.toolNamePrefix, definition.name),
        definition,
      };
      if (!isToolExposed(info, server.allow, server.deny)) continue;
      if (!isToolExposed(info, this.options.allow, this.options.deny)) continue;
      tools.push({
        info,
        name: info.name,
        description: describe(definition),
        inputSchema: definition.inputSchema,
        call: (args, callContext) => runMcpToolCall(connection, info, args, callContext, behavior),
      });
    }
    return tools;
  }

  private async unavailable(
    server: McpServerConfig<TContext>,
    context: TurnContext<TContext>,
    error: unknown,
  ) {
    if (this.options.errorNotices === false) return;
    const reason = describeCallFailure(
      error,
      server.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    );
    await context.stream({
      type: 'notice',
      level: 'warning',
      title: 'Tools unavailable',
      message: `The tools of **${server.name}** cannot be used right now: ${reason}.`,
    });
  }
}
