/**
 * @module MCP integration: `McpHub` (client sessions to stdio, streamable HTTP or custom MCP
 * servers, per-request credentials), `McpToolset` (per-agent server and tool selection with
 * allow/deny lists, timeouts, progress and visible errors), widgets from tool results
 * (`extractToolResultWidget`) and, for MCP server authors, `widgetToolResult`. The toolset's tools
 * as Agents SDK tools: `@threadline/server/mcp/agents`.
 * Needs `@modelcontextprotocol/sdk`.
 */
export { McpHub, type McpHubOptions } from './hub.js';
export {
  McpToolset,
  type JsonSchemaObject,
  type McpTool,
  type McpToolsetOptions,
} from './toolset.js';
export { McpConnection, type McpCallOptions, type McpConnectionOptions } from './connection.js';
export {
  type McpCustomServerConfig,
  type McpHeaders,
  type McpHeadersInit,
  type McpHeadersOption,
  type McpHttpServerConfig,
  type McpServerCommonConfig,
  type McpServerConfig,
  type McpStdioServerConfig,
  type McpToolFilter,
  type McpToolInfo,
} from './server-config.js';
export { type McpCallBehavior, type McpProgressOption } from './tool-call.js';
export {
  extractToolResultWidget,
  WIDGET_MIME_TYPE,
  WIDGET_URI_SCHEME,
  type ToolResultWidget,
} from './ui-resources.js';
export { widgetToolResult, type WidgetToolResultOptions } from './widget-result.js';
