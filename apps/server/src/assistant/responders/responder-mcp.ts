import { McpHub, type McpServerConfig, type McpToolset } from '@threadline/server/mcp';
import type { Logger } from '@threadline/server';
import type { AgentDefinition, AgentsFile } from '../../config/agents-file.js';
import type { AppContext } from '../../context.js';
import type { TurnRequest } from '../responder.js';
import { mcpSyncWidgetAction } from '../widget-actions.js';
import type { Action, SyncCustomActionResponse, WidgetItem } from '@threadline/server/protocol';

/** The agents file's `mcpServers` as `McpHub` server configs (forwarding the caller's token where asked). */
export function mcpServerConfigs(servers: AgentsFile['mcpServers']): McpServerConfig<AppContext>[] {
  return Object.entries(servers).map(([name, server]): McpServerConfig<AppContext> => {
    if (server.transport === 'stdio') {
      return {
        name,
        transport: 'stdio',
        command: server.command,
        args: server.args,
        env: server.env,
        cwd: server.cwd,
        timeoutMs: server.timeoutMs,
        // The child's stderr goes to the debug log rather than mixing into our JSON log lines.
        stderr: 'pipe',
      };
    }
    const fixed = server.headers ?? {};
    return {
      name,
      transport: 'http',
      url: server.url,
      timeoutMs: server.timeoutMs,
      headers: server.forwardUserToken
        ? (context: AppContext) => ({
            ...fixed,
            Authorization: context.bearerToken
              ? `Bearer ${context.bearerToken}`
              : fixed.Authorization,
          })
        : fixed,
    };
  });
}

/**
 * What every model responder shares: the MCP hub of the agents file's servers with one toolset
 * per agent (tool filters applied once), and the pending-form guard.
 */
export class ResponderMcp {
  readonly hub: McpHub<AppContext> | undefined;
  private readonly toolsets = new Map<string, McpToolset<AppContext>>();

  constructor(mcpServers: AgentsFile['mcpServers'], logger: Logger) {
    const servers = mcpServerConfigs(mcpServers);
    this.hub = servers.length > 0 ? new McpHub<AppContext>({ servers, logger }) : undefined;
  }

  /** Connects to the MCP servers ahead of the first turn. */
  async start(): Promise<void> {
    await this.hub?.warmUp();
  }

  /** Closes the MCP sessions and stops the stdio server processes. */
  async close(): Promise<void> {
    await this.hub?.close();
  }

  /** The agent's MCP servers and tool filters, or undefined when it has none. */
  toolset(agent: AgentDefinition): McpToolset<AppContext> | undefined {
    if (!this.hub || agent.mcpServers.length === 0) return undefined;
    let toolset = this.toolsets.get(agent.id);
    if (!toolset) {
      toolset = this.hub.toolset({
        servers: agent.mcpServers,
        allow: agent.mcpAllow,
        deny: agent.mcpDeny,
        timeoutMs: agent.mcpTimeoutMs,
      });
      this.toolsets.set(agent.id, toolset);
    }
    return toolset;
  }

  /** A sync widget action answered by one of the agent's MCP tools, if one opted in. */
  syncWidgetAction(
    request: Omit<TurnRequest, 'input' | 'signal'> & { action: Action; sender: WidgetItem },
  ): Promise<SyncCustomActionResponse | undefined> {
    const toolset = this.toolset(request.agent);
    if (!toolset) return Promise.resolve(undefined);
    const { store, thread, action, sender, context } = request;
    return mcpSyncWidgetAction(toolset, store, thread, action, sender, context);
  }
}
