import type { ContentBlockParam, MessageParam, Tool } from '@anthropic-ai/sdk/resources/messages';
import { base64ToText } from '../../encoding/base64.js';
import { isTextMimeType, parseDataUrl } from '../input/data-url.js';
import type { ModelInputItem, ModelUserContent } from '../input/model-input.js';
import { toolJsonSchema, type ChatTool } from '../tool.js';

const IMAGE_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
]);
type ImageMediaType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';

function imageBlock(url: string): ContentBlockParam {
  const data = parseDataUrl(url);
  if (!data) return { type: 'image', source: { type: 'url', url } };
  if (!IMAGE_TYPES.has(data.mimeType))
    return { type: 'text', text: `[Image of unsupported type ${data.mimeType}]` };
  return {
    type: 'image',
    source: { type: 'base64', media_type: data.mimeType as ImageMediaType, data: data.base64 },
  };
}

function fileBlock(file: string, filename: string | undefined): ContentBlockParam {
  const title = filename ? { title: filename } : {};
  const data = parseDataUrl(file);
  if (!data) return { type: 'document', source: { type: 'url', url: file }, ...title };
  if (data.mimeType === 'application/pdf') {
    return {
      type: 'document',
      source: { type: 'base64', media_type: 'application/pdf', data: data.base64 },
      ...title,
    };
  }
  if (isTextMimeType(data.mimeType)) {
    const text = base64ToText(data.base64);
    return {
      type: 'document',
      source: { type: 'text', media_type: 'text/plain', data: text },
      ...title,
    };
  }
  return { type: 'text', text: `[File ${filename ?? ''} of unsupported type ${data.mimeType}]` };
}

function userBlock(part: ModelUserContent): ContentBlockParam {
  switch (part.type) {
    case 'input_text':
      return { type: 'text', text: part.text };
    case 'input_image':
      return imageBlock(part.image);
    case 'input_file':
      return fileBlock(part.file, part.filename);
    default: {
      const unreachable: never = part;
      throw new Error(`Unknown content ${JSON.stringify(unreachable)}`);
    }
  }
}

/** A tool call's JSON arguments as the object Anthropic's `tool_use.input` needs (`{}` if invalid). */
export const parseToolInput = (json: string): Record<string, unknown> => {
  try {
    const value: unknown = json.trim() === '' ? {} : JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { value };
  } catch {
    return {};
  }
};

/**
 * Model input (from `ThreadItemConverter`) as Anthropic Messages: consecutive same-role turns are
 * merged, tool calls become `tool_use` blocks and results `tool_result` blocks, images and PDFs
 * become image/document blocks (text files a plain-text document). The conversation starts at the
 * first user turn, and results whose call fell out of the history window are dropped, both of
 * which the API would reject.
 */
export function toAnthropicMessages(items: readonly ModelInputItem[]): MessageParam[] {
  const messages: MessageParam[] = [];
  const toolUseIds = new Set<string>();
  const push = (role: 'user' | 'assistant', blocks: ContentBlockParam[]) => {
    if (blocks.length === 0) return;
    if (messages.length === 0 && role !== 'user') return;
    const last = messages.at(-1);
    if (last?.role === role && Array.isArray(last.content)) last.content.push(...blocks);
    else messages.push({ role, content: blocks });
  };
  for (const item of items) {
    switch (item.type) {
      case 'message':
        if (item.role === 'user') push('user', item.content.map(userBlock));
        else {
          const text = item.content.map((part) => part.text).join('');
          push('assistant', text === '' ? [] : [{ type: 'text', text }]);
        }
        break;
      case 'function_call':
        if (messages.length === 0) break;
        toolUseIds.add(item.callId);
        push('assistant', [
          {
            type: 'tool_use',
            id: item.callId,
            name: item.name,
            input: parseToolInput(item.arguments),
          },
        ]);
        break;
      case 'function_call_result':
        if (!toolUseIds.has(item.callId)) break;
        push('user', [{ type: 'tool_result', tool_use_id: item.callId, content: item.output }]);
        break;
      default: {
        const unreachable: never = item;
        throw new Error(`Unknown input item ${JSON.stringify(unreachable)}`);
      }
    }
  }
  return messages;
}

/** Tools as Anthropic tool definitions. */
export function anthropicTools(tools: readonly ChatTool<never, unknown>[]): Tool[] {
  return tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    input_schema: { type: 'object', ...toolJsonSchema(tool) },
  }));
}
