import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { textToBase64 } from '../encoding/base64.js';
import { ConfigurationError } from '../errors.js';
import {
  WidgetRootSchema,
  type WidgetRoot,
  type WidgetRootInput,
} from '../protocol/widgets/index.js';
import { WidgetTemplate } from '../widgets/template.js';
import { WIDGET_MIME_TYPE } from './ui-resources.js';

/** Options of {@link widgetToolResult}. */
export interface WidgetToolResultOptions {
  /** The tool's name; the resource URI is `ui://widgets/<tool>/<instanceId>`. */
  tool: string;
  /** A plain-text summary: what the model reads and what clients without widgets show. */
  text: string;
  /** A widget tree, or a `.widget` template rendered with `data`. */
  widget: WidgetRoot | WidgetRootInput | WidgetTemplate;
  /** Template data (only with a template). */
  data?: Readonly<Record<string, unknown>> | undefined;
  /** Clipboard text of the widget's copy button; defaults to the template's `copy_text`, then `text`. */
  copyText?: string | undefined;
  /** Put the payload in `text` (default) or base64 in `blob`. */
  encoding?: 'text' | 'blob' | undefined;
  /** The URI's instance id; default a random UUID. */
  instanceId?: string | undefined;
  /** Forwarded as the result's `structuredContent` (for tools with an `outputSchema`). */
  structuredContent?: Record<string, unknown> | undefined;
}

/**
 * Builds an MCP tool result that shows a ChatKit widget (for MCP servers written in TypeScript):
 * a text part with the summary, then a `resource` part with a fresh
 * `ui://widgets/<tool>/<id>` URI, MIME type `application/vnd.ui.widget+json` and the payload
 * `{ widget, copy_text }`. Threadline's MCP client turns it into a widget item; other clients
 * show the text.
 *
 * @throws ConfigurationError when the widget (or the rendered template) is not a valid widget root.
 * @example
 * ```ts
 * import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
 * import { widgetToolResult } from '@threadline/server/mcp';
 * import type { WidgetTemplate } from '@threadline/server/widgets';
 * // given: declare const taskListTemplate: WidgetTemplate;
 * // given: declare const tasks: { title: string }[];
 *
 * const server = new McpServer({ name: 'tasks', version: '1.0.0' });
 * server.registerTool('list_tasks', { description: 'List tasks' }, async () =>
 *   widgetToolResult({
 *     tool: 'list_tasks',
 *     widget: taskListTemplate,
 *     data: { tasks },
 *     text: tasks.map((t) => `- ${t.title}`).join('\n'),
 *   }),
 * );
 * ```
 */
export function widgetToolResult(options: WidgetToolResultOptions): CallToolResult {
  const widget =
    options.widget instanceof WidgetTemplate
      ? options.widget.build(options.data ?? {})
      : options.widget;
  const valid = WidgetRootSchema.safeParse(widget);
  if (!valid.success) {
    throw new ConfigurationError(
      `widgetToolResult: invalid widget: ${z.prettifyError(valid.error)}`,
      {
        cause: valid.error,
      },
    );
  }
  const copyText =
    options.copyText ??
    (options.widget instanceof WidgetTemplate
      ? options.widget.buildCopyText(options.data ?? {})
      : undefined) ??
    options.text;
  const payload = JSON.stringify({ widget, copy_text: copyText });
  const uri = `ui://widgets/${encodeURIComponent(options.tool)}/${encodeURIComponent(options.instanceId ?? crypto.randomUUID())}`;
  const resource =
    options.encoding === 'blob'
      ? { uri, mimeType: WIDGET_MIME_TYPE, blob: textToBase64(payload) }
      : { uri, mimeType: WIDGET_MIME_TYPE, text: payload };
  return {
    content: [
      { type: 'text', text: options.text },
      { type: 'resource', resource },
    ],
    ...(options.structuredContent ? { structuredContent: options.structuredContent } : {}),
    isError: false,
  };
}
