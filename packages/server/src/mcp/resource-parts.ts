import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../server/logger.js';
import { htmlToPlainText } from './html-text.js';
import { base64ToText } from '../encoding/base64.js';
import { WIDGET_MIME_TYPE, WIDGET_URI_SCHEME } from './ui-resources.js';

type Content = CallToolResult['content'][number];

/** A resource's MIME type without parameters, lower-cased (`text/markdown; charset=utf-8` → `text/markdown`). */
const baseMimeType = (mimeType: unknown): string =>
  typeof mimeType === 'string' ? (mimeType.split(';')[0] ?? '').trim().toLowerCase() : '';

/**
 * The message texts carried by the non-widget resources of an MCP tool result, in order, for an
 * assistant message shown to the user (the seeds' other channels, docs/seeds.md §A.3):
 * `text/markdown` as is, `text/html` as sanitized plain text. Widget resources are read by
 * `extractToolResultWidget`; resources of any other kind (Slack blocks, images…) are ignored
 * with an info log line. An unreadable resource is skipped with a warning; it never throws.
 */
export function extractToolResultMessageParts(
  result: Pick<CallToolResult, 'content'>,
  logger?: Logger,
): string[] {
  const parts: string[] = [];
  for (const part of Array.isArray(result.content) ? result.content : ([] as Content[])) {
    if (part.type !== 'resource') continue;
    const { resource } = part;
    const kind = baseMimeType(resource.mimeType);
    if (kind === WIDGET_MIME_TYPE && resource.uri.startsWith(WIDGET_URI_SCHEME)) continue;
    if (kind !== 'text/markdown' && kind !== 'text/html') {
      logger?.info(
        `Tool result resource ${resource.uri} (${kind || 'no MIME type'}) is not shown; ignored`,
      );
      continue;
    }
    let text: string;
    try {
      if ('text' in resource && typeof resource.text === 'string') text = resource.text;
      else if ('blob' in resource && typeof resource.blob === 'string')
        text = base64ToText(resource.blob, { fatal: true });
      else throw new Error('neither text nor blob');
    } catch (error) {
      logger?.warn(`Tool result resource ${resource.uri} cannot be read; skipped`, error);
      continue;
    }
    const shown = kind === 'text/html' ? htmlToPlainText(text) : text.trim();
    if (shown !== '') parts.push(shown);
  }
  return parts;
}
