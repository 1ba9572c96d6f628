import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { base64ToText } from '../encoding/base64.js';
import { WidgetRootSchema, type WidgetRoot } from '../protocol/widgets/index.js';
import type { Logger } from '../server/logger.js';

/** The MIME type of a ChatKit widget carried in an MCP tool result (docs/seeds.md §A.3). */
export const WIDGET_MIME_TYPE = 'application/vnd.ui.widget+json';
/** Widget resources have URIs under this scheme: `ui://widgets/<tool>/<instance-id>`. */
export const WIDGET_URI_SCHEME = 'ui://';

/** A widget found in a tool result. */
export interface ToolResultWidget {
  widget: WidgetRoot;
  copyText?: string | undefined;
  /** The resource URI it came from. */
  uri: string;
}

type Content = CallToolResult['content'][number];
type EmbeddedResource = Extract<Content, { type: 'resource' }>;

const isWidgetResource = (part: Content): part is EmbeddedResource =>
  part.type === 'resource' &&
  typeof part.resource.uri === 'string' &&
  part.resource.uri.startsWith(WIDGET_URI_SCHEME) &&
  part.resource.mimeType === WIDGET_MIME_TYPE;

const PayloadSchema = z.object({
  widget: z.unknown(),
  copy_text: z.string().nullish(),
});

/**
 * The widget of an MCP tool result, if any: the first `resource` part whose `uri` starts with
 * `ui://` and whose `mimeType` is `application/vnd.ui.widget+json`, its payload (`text`, or
 * base64 `blob`) parsed as `{ widget, copy_text }` and the widget validated with
 * `WidgetRootSchema`. A malformed payload is logged and yields undefined; it never throws.
 */
export function extractToolResultWidget(
  result: Pick<CallToolResult, 'content'>,
  logger?: Logger,
): ToolResultWidget | undefined {
  const part = (Array.isArray(result.content) ? result.content : []).find(isWidgetResource);
  if (!part) return undefined;
  const { resource } = part;
  const uri = resource.uri;
  let text: string;
  try {
    if ('text' in resource && typeof resource.text === 'string') text = resource.text;
    else if ('blob' in resource && typeof resource.blob === 'string')
      text = base64ToText(resource.blob, { fatal: true });
    else {
      logger?.warn(`Widget resource ${uri} has neither text nor blob; skipped`);
      return undefined;
    }
  } catch (error) {
    logger?.warn(`Widget resource ${uri} has an undecodable blob; skipped`, error);
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    logger?.warn(`Widget resource ${uri} is not valid JSON; skipped`, error);
    return undefined;
  }
  const payload = PayloadSchema.safeParse(json);
  if (!payload.success) {
    logger?.warn(`Widget resource ${uri} is not a {widget, copy_text} object; skipped`);
    return undefined;
  }
  const widget = WidgetRootSchema.safeParse(payload.data.widget);
  if (!widget.success) {
    logger?.warn(
      `Widget resource ${uri} holds an invalid widget; skipped: ${z.prettifyError(widget.error)}`,
    );
    return undefined;
  }
  // Pass the widget through as sent (unknown props kept), like `WidgetTemplate.build` (§8.1).
  return {
    widget: payload.data.widget as WidgetRoot,
    copyText: payload.data.copy_text ?? undefined,
    uri,
  };
}

/**
 * What the model reads from a tool result: its text parts, one per line; when there are none,
 * `structuredContent` as JSON; else an empty string. Widget and other resources are left out.
 */
export function toolResultText(
  result: Pick<CallToolResult, 'content' | 'structuredContent'>,
): string {
  const content = Array.isArray(result.content) ? result.content : [];
  const texts = content.flatMap((part) => (part.type === 'text' ? [part.text] : []));
  if (texts.length > 0) return texts.join('\n');
  if (result.structuredContent !== undefined) return JSON.stringify(result.structuredContent);
  return '';
}
