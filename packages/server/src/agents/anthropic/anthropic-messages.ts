import type { AgentInputItem, SerializedHandoff, SerializedTool } from '@openai/agents';
import type {
  ContentBlockParam,
  MessageParam,
  TextBlockParam,
  Tool,
  ToolResultBlockParam,
} from '@anthropic-ai/sdk/resources/messages';
import { base64ToText } from '../../encoding/base64.js';
import { isTextMimeType, parseDataUrl } from '../../turn/input/data-url.js';

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

/** A loosely typed content part (the SDK's input unions are wide; unknown parts become notes). */
interface Part {
  type?: string;
  text?: unknown;
  refusal?: unknown;
  image?: unknown;
  file?: unknown;
  filename?: unknown;
}

function userBlock(part: Part): ContentBlockParam {
  if (part.type === 'input_text' && typeof part.text === 'string')
    return { type: 'text', text: part.text };
  if (part.type === 'input_image' && typeof part.image === 'string') return imageBlock(part.image);
  if (part.type === 'input_file') {
    const filename = typeof part.filename === 'string' ? part.filename : undefined;
    const file =
      typeof part.file === 'string'
        ? part.file
        : typeof (part.file as { url?: unknown } | undefined)?.url === 'string'
          ? (part.file as { url: string }).url
          : undefined;
    if (file !== undefined) return fileBlock(file, filename);
  }
  // Provider file ids and audio have no Anthropic equivalent.
  return { type: 'text', text: `[Unsupported ${part.type ?? 'content'}]` };
}

const assistantText = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? (content as Part[])
          .map((part) =>
            part.type === 'output_text' && typeof part.text === 'string'
              ? part.text
              : part.type === 'refusal' && typeof part.refusal === 'string'
                ? part.refusal
                : '',
          )
          .join('')
      : '';

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

/** A function result as `tool_result` content: text as a string, text/image parts as blocks. */
function toolResultContent(output: unknown): ToolResultBlockParam['content'] {
  if (typeof output === 'string') return output;
  const single = output as Part | null;
  if (single?.type === 'text' && typeof single.text === 'string') return single.text;
  const parts = Array.isArray(output) ? (output as Part[]) : [output as Part];
  const blocks: (TextBlockParam | Extract<ContentBlockParam, { type: 'image' }>)[] = [];
  for (const part of parts) {
    if (part?.type === 'text' && typeof part.text === 'string')
      blocks.push({ type: 'text', text: part.text });
    else if (part?.type === 'image' && typeof part.image === 'string') {
      const block = imageBlock(part.image);
      if (block.type === 'image' || block.type === 'text') blocks.push(block);
    } else blocks.push({ type: 'text', text: JSON.stringify(part) });
  }
  return blocks;
}

/** Where {@link AnthropicModel} keeps a thinking block's signature on a `reasoning` item. */
export interface AnthropicReasoningData {
  signature?: string;
  /** A `redacted_thinking` block's opaque data. */
  redactedData?: string;
}

/** Anthropic Messages for Agents SDK input: the system prompt and the conversation. */
export interface AnthropicConversation {
  /** `system`-role input items, joined (the caller adds the agent's instructions first). */
  system: string[];
  messages: MessageParam[];
}

/**
 * Agents SDK input (the turn's history and this run's items) as Anthropic Messages: consecutive
 * same-role turns are merged, function calls become `tool_use` blocks and their results
 * `tool_result` blocks, images and PDFs become image/document blocks (text files a plain-text
 * document), and `reasoning` items carrying a signature become thinking blocks again (the API
 * requires them before a `tool_use` when thinking is on). The conversation starts at the first
 * user turn, and results whose call fell out of the history window are dropped, both of which the
 * API would reject.
 */
export function toAnthropicMessages(
  items: string | readonly AgentInputItem[],
): AnthropicConversation {
  if (typeof items === 'string')
    return { system: [], messages: [{ role: 'user', content: [{ type: 'text', text: items }] }] };
  const system: string[] = [];
  const messages: MessageParam[] = [];
  const toolUseIds = new Set<string>();
  const push = (role: 'user' | 'assistant', blocks: ContentBlockParam[]) => {
    if (blocks.length === 0) return;
    if (messages.length === 0 && role !== 'user') return;
    const last = messages.at(-1);
    if (last?.role === role && Array.isArray(last.content)) last.content.push(...blocks);
    else messages.push({ role, content: blocks });
  };
  for (const entry of items) {
    const item = entry as {
      type?: string;
      role?: string;
      content?: unknown;
      callId?: unknown;
      name?: unknown;
      arguments?: unknown;
      output?: unknown;
      providerData?: Record<string, unknown>;
    };
    if (item.type === 'function_call' && typeof item.callId === 'string') {
      if (messages.length === 0) continue;
      toolUseIds.add(item.callId);
      push('assistant', [
        {
          type: 'tool_use',
          id: item.callId,
          name: String(item.name),
          input: parseToolInput(typeof item.arguments === 'string' ? item.arguments : ''),
        },
      ]);
    } else if (item.type === 'function_call_result' && typeof item.callId === 'string') {
      if (!toolUseIds.has(item.callId)) continue;
      push('user', [
        { type: 'tool_result', tool_use_id: item.callId, content: toolResultContent(item.output) },
      ]);
    } else if (item.type === 'reasoning') {
      const data = item.providerData as AnthropicReasoningData | undefined;
      const thinking = assistantText(
        (Array.isArray(item.content) ? (item.content as Part[]) : []).map((part) => ({
          type: 'output_text',
          text: part.text,
        })),
      );
      if (data?.redactedData)
        push('assistant', [{ type: 'redacted_thinking', data: data.redactedData }]);
      else if (data?.signature)
        push('assistant', [{ type: 'thinking', thinking, signature: data.signature }]);
    } else if (item.role === 'system') {
      const text = typeof item.content === 'string' ? item.content : assistantText(item.content);
      if (text !== '') system.push(text);
    } else if (item.role === 'user') {
      push(
        'user',
        typeof item.content === 'string'
          ? [{ type: 'text', text: item.content }]
          : ((item.content as Part[] | undefined) ?? []).map(userBlock),
      );
    } else if (item.role === 'assistant') {
      const text = assistantText(item.content);
      push('assistant', text === '' ? [] : [{ type: 'text', text }]);
    }
    // Hosted tool calls and other provider-specific items have no Anthropic equivalent.
  }
  return { system, messages };
}

/**
 * The agent's function tools and hand-offs as Anthropic tool definitions. Hosted tools (web
 * search, file search, computer use…) are OpenAI's and are refused with a clear error.
 */
export function anthropicTools(
  tools: readonly SerializedTool[],
  handoffs: readonly SerializedHandoff[] = [],
): Tool[] {
  const definitions: Tool[] = tools.map((tool) => {
    if (tool.type !== 'function')
      throw new Error(
        `AnthropicModel supports function tools only, not ${tool.type} (${tool.name})`,
      );
    return {
      name: tool.name,
      description: tool.description,
      input_schema: { ...tool.parameters, type: 'object' } as Tool['input_schema'],
    };
  });
  for (const handoff of handoffs) {
    definitions.push({
      name: handoff.toolName,
      description: handoff.toolDescription,
      input_schema: { ...handoff.inputJsonSchema, type: 'object' } as Tool['input_schema'],
    });
  }
  return definitions;
}
