import type {
  ChatCompletionAssistantMessageParam,
  ChatCompletionContentPart,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat';
import { base64ToText } from '../../encoding/base64.js';
import { isTextMimeType, parseDataUrl } from '../input/data-url.js';
import type { ModelInputItem, ModelUserContent } from '../input/model-input.js';
import { toolJsonSchema, type ChatTool } from '../tool.js';

/** Options of {@link toChatMessages}. */
export interface ToChatMessagesOptions {
  /** Sent first as a `system` message (or `developer`, see `instructionsRole`). */
  instructions?: string | undefined;
  /** Default `system`, understood by every OpenAI-compatible server (Ollama, vLLM, LM Studio, Azure). */
  instructionsRole?: 'system' | 'developer' | undefined;
}

function userPart(part: ModelUserContent): ChatCompletionContentPart {
  switch (part.type) {
    case 'input_text':
      return { type: 'text', text: part.text };
    case 'input_image':
      return { type: 'image_url', image_url: { url: part.image, detail: part.detail ?? 'auto' } };
    case 'input_file': {
      const data = parseDataUrl(part.file);
      const name = part.filename ?? 'attachment';
      if (data && isTextMimeType(data.mimeType)) {
        // File parts take PDFs only (and most OpenAI-compatible servers none): inline text files.
        return {
          type: 'text',
          text: `<File name="${name}">\n${base64ToText(data.base64)}\n</File>`,
        };
      }
      if (data) {
        return {
          type: 'file',
          file: { file_data: part.file, ...(part.filename ? { filename: part.filename } : {}) },
        };
      }
      // Chat Completions cannot fetch file URLs; say where the file is instead.
      return { type: 'text', text: `[File ${name}: ${part.file}]` };
    }
    default: {
      const unreachable: never = part;
      throw new Error(`Unknown content ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * Model input (from `ThreadItemConverter`) as Chat Completions messages. A user message with one
 * text part is sent as a plain string (the widest compatibility); consecutive tool calls share one
 * assistant message; results become `tool` messages (dropped when their call is not in `items`).
 */
export function toChatMessages(
  items: readonly ModelInputItem[],
  options: ToChatMessagesOptions = {},
): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [];
  if (options.instructions) {
    messages.push({ role: options.instructionsRole ?? 'system', content: options.instructions });
  }
  let toolCallMessage: ChatCompletionAssistantMessageParam | undefined;
  const callIds = new Set<string>();
  for (const item of items) {
    if (item.type !== 'function_call') toolCallMessage = undefined;
    switch (item.type) {
      case 'message':
        if (item.role === 'user') {
          const [first] = item.content;
          const content =
            item.content.length === 1 && first?.type === 'input_text'
              ? first.text
              : item.content.map(userPart);
          messages.push({ role: 'user', content });
        } else {
          messages.push({
            role: 'assistant',
            content: item.content.map((part) => part.text).join(''),
          });
        }
        break;
      case 'function_call': {
        callIds.add(item.callId);
        const call = {
          id: item.callId,
          type: 'function' as const,
          function: { name: item.name, arguments: item.arguments },
        };
        if (toolCallMessage)
          toolCallMessage.tool_calls = [...(toolCallMessage.tool_calls ?? []), call];
        else {
          toolCallMessage = { role: 'assistant', content: null, tool_calls: [call] };
          messages.push(toolCallMessage);
        }
        break;
      }
      case 'function_call_result':
        // A result whose call fell out of the history window would be rejected by the API.
        if (callIds.has(item.callId))
          messages.push({ role: 'tool', tool_call_id: item.callId, content: item.output });
        break;
      default: {
        const unreachable: never = item;
        throw new Error(`Unknown input item ${JSON.stringify(unreachable)}`);
      }
    }
  }
  return messages;
}

/** Tools as Chat Completions function definitions. */
export function chatCompletionTools(
  tools: readonly ChatTool<never, unknown>[],
): ChatCompletionTool[] {
  return tools.map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: toolJsonSchema(tool) },
  }));
}
