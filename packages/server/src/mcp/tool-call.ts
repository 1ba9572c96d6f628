import { ErrorCode, McpError, type Progress } from '@modelcontextprotocol/sdk/types.js';
import type { IconName } from '../protocol/icons.js';
import type { AssistantMessageItem, WidgetItem } from '../protocol/items.js';
import type { TurnContext } from '../turn/turn-context.js';
import type { Logger } from '../server/logger.js';
import type { McpConnection } from './connection.js';
import type { McpToolInfo } from './server-config.js';
import { extractToolResultMessageParts } from './resource-parts.js';
import { extractToolResultWidget, toolResultText } from './ui-resources.js';

/**
 * The `progress_update` shown while an MCP tool runs: `true` (default) shows the tool's title
 * ("List tasks…") or "Running <tool>…";
 * a function returns the text (or `{ text, icon }`), or null for none; `false` shows nothing.
 */
export type McpProgressOption =
  | boolean
  | ((
      tool: McpToolInfo,
      args: Record<string, unknown>,
    ) => string | { text: string; icon?: IconName } | null | undefined);

/** How one call behaves; set on the toolset. */
export interface McpCallBehavior {
  timeoutMs: number;
  progress: McpProgressOption;
  /** Forward the server's `notifications/progress` as progress updates; default true. */
  forwardProgress: boolean;
  /** Show a `notice` to the user when a call fails (server down, crash, timeout); default true. */
  errorNotice: boolean;
  logger: Logger;
}

function progressEvent(
  option: McpProgressOption,
  tool: McpToolInfo,
  args: Record<string, unknown>,
) {
  if (option === false) return undefined;
  if (option === true) {
    const { title } = tool.definition;
    return {
      type: 'progress_update' as const,
      text: title ? `${title}…` : `Running ${tool.mcpName}…`,
    };
  }
  const custom = option(tool, args);
  if (custom == null) return undefined;
  if (typeof custom === 'string') return { type: 'progress_update' as const, text: custom };
  return {
    type: 'progress_update' as const,
    text: custom.text,
    ...(custom.icon ? { icon: custom.icon } : {}),
  };
}

/** A short, user-readable reason for a failed call. */
export function describeCallFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof McpError) {
    if (error.code === (ErrorCode.RequestTimeout as number)) {
      return `it did not answer within ${Math.round(timeoutMs / 100) / 10} s`;
    }
    if (error.code === (ErrorCode.ConnectionClosed as number))
      return 'the tool server stopped or closed the connection';
    return error.message;
  }
  const message = error instanceof Error ? error.message : String(error);
  const cause =
    error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `the tool server is unreachable: ${message}${cause}`;
}

const asArguments = (args: unknown): Record<string, unknown> =>
  typeof args === 'object' && args !== null && !Array.isArray(args)
    ? (args as Record<string, unknown>)
    : {};

/**
 * Runs one MCP tool call inside a turn: a progress update while it runs, the call (with the
 * timeout and the turn's abort signal), then the result's widget, if any, as a persisted
 * `widget` item, its Markdown and HTML resources as an assistant message, and its text for the
 * model. A failure never throws (unless the turn was
 * cancelled): the user sees a notice and the model gets an error text, so the chat goes on.
 */
export async function runMcpToolCall<TContext>(
  connection: McpConnection,
  tool: McpToolInfo,
  rawArgs: unknown,
  context: TurnContext<TContext>,
  behavior: McpCallBehavior,
): Promise<string> {
  const args = asArguments(rawArgs);
  const progress = progressEvent(behavior.progress, tool, args);
  if (progress) await context.stream(progress);
  const onProgress = behavior.forwardProgress
    ? (update: Progress) => {
        const total = update.total === undefined ? '' : `/${update.total}`;
        const text =
          update.message ?? `${tool.definition.title ?? tool.mcpName}: ${update.progress}${total}`;
        context.stream({ type: 'progress_update', text }).catch(() => undefined);
      }
    : undefined;
  try {
    const result = await connection.callTool(tool.mcpName, args, {
      timeoutMs: behavior.timeoutMs,
      signal: context.signal,
      onProgress,
    });
    const found = extractToolResultWidget(result, behavior.logger);
    if (found) {
      const item: WidgetItem = {
        type: 'widget',
        id: context.generateId('message'),
        thread_id: context.thread.id,
        created_at: new Date().toISOString(),
        widget: found.widget,
        ...(found.copyText === undefined ? {} : { copy_text: found.copyText }),
      };
      await context.stream({ type: 'thread.item.done', item });
    }
    const parts = extractToolResultMessageParts(result, behavior.logger);
    if (parts.length > 0) {
      const message: AssistantMessageItem = {
        type: 'assistant_message',
        id: context.generateId('message'),
        thread_id: context.thread.id,
        created_at: new Date().toISOString(),
        content: parts.map((text) => ({ type: 'output_text', text, annotations: [] })),
      };
      await context.stream({ type: 'thread.item.done', item: message });
    }
    const text = toolResultText(result);
    if (result.isError === true && text === '')
      return `Error: the tool ${tool.mcpName} failed without a message.`;
    return text;
  } catch (error) {
    if (context.signal?.aborted) throw error;
    const reason = describeCallFailure(error, behavior.timeoutMs);
    behavior.logger.warn(`MCP tool ${tool.server}/${tool.mcpName} failed: ${reason}`, error);
    if (behavior.errorNotice) {
      await context.stream({
        type: 'notice',
        level: 'warning',
        title: 'A tool failed',
        message: `\`${tool.mcpName}\` (${tool.server}) failed: ${reason}.`,
      });
    }
    return `Error: the tool ${tool.mcpName} (MCP server "${tool.server}") failed: ${reason}. The user was told; continue without its result.`;
  }
}
