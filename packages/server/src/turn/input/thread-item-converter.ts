import { NotImplementedError } from '../../errors.js';
import type { Attachment } from '../../protocol/attachments.js';
import type { UserMessageTagContent } from '../../protocol/content.js';
import type {
  AssistantMessageItem,
  ClientToolCallItem,
  EndOfTurnItem,
  GeneratedImageItem,
  HiddenContextItem,
  SDKHiddenContextItem,
  StructuredInputItem,
  TaskItem,
  ThreadItem,
  UserMessageItem,
  WidgetItem,
  WorkflowItem,
} from '../../protocol/items.js';
import { toWireJson } from '../../server/serialize.js';
import { toDataUrl } from './data-url.js';
import {
  GENERATED_IMAGE_MESSAGE,
  hiddenContextMessage,
  MENTIONS_PREAMBLE,
  quotedTextMessage,
  structuredInputMessage,
  taskMessage,
  widgetMessagePrefix,
} from './converter-texts.js';
import { userText, type ModelInputItem, type ModelUserContent } from './model-input.js';

/** What a converter method may return: one item, several, or nothing. */
export type ConvertedInput = ModelInputItem | ModelInputItem[] | null | undefined;

/** Raw bytes of an uploaded attachment, optionally with a more precise MIME type. */
export type AttachmentBytes = Uint8Array | { data: Uint8Array; mimeType?: string };

/** Options of {@link ThreadItemConverter}. */
export interface ThreadItemConverterOptions {
  /**
   * Loads an attachment's bytes (e.g. from your `AttachmentStore`). With it, images become
   * `input_image` data URLs and files `input_file` data URLs with their filename.
   */
  loadAttachmentBytes?: ((attachment: Attachment) => Promise<AttachmentBytes>) | undefined;
  /** Without a loader, send an image's `preview_url` (must be reachable by the model provider). */
  imagePreviewUrls?: boolean | undefined;
  /**
   * Converts an attachment, instead of `loadAttachmentBytes`: e.g. `attachmentContent(...)`, which
   * sends text files as text, PDFs as file or text, and a notice for what the model cannot take.
   */
  attachmentContent?: ((attachment: Attachment) => Promise<ModelUserContent>) | undefined;
  /** Converts an @-mention (e.g. `tagAsText`); without it, tags throw as in the reference. */
  tagContent?: ((tag: UserMessageTagContent) => Promise<ModelUserContent>) | undefined;
}

const toList = (out: ConvertedInput): ModelInputItem[] =>
  out == null ? [] : Array.isArray(out) ? out : [out];

/**
 * Turns thread history into model input (chatkit-python `ThreadItemConverter`, §9.3), with the
 * reference texts verbatim. Every method is async and overridable. Differences from the reference:
 * attachments are converted when a `loadAttachmentBytes` loader (or `imagePreviewUrls`) is given
 * (the reference always requires an override), and output uses the Agents SDK's JS shapes
 * (`callId`, `function_call_result`, `input_image.image`).
 */
export class ThreadItemConverter {
  constructor(readonly options: ThreadItemConverterOptions = {}) {}

  /** An attachment of a user message as a content part. Throws without a loader (reference). */
  async attachmentToMessageContent(attachment: Attachment): Promise<ModelUserContent> {
    if (this.options.attachmentContent) return this.options.attachmentContent(attachment);
    const load = this.options.loadAttachmentBytes;
    if (load) {
      const loaded = await load(attachment);
      const bytes = loaded instanceof Uint8Array ? loaded : loaded.data;
      const mime =
        (loaded instanceof Uint8Array ? undefined : loaded.mimeType) ?? attachment.mime_type;
      const url = toDataUrl(mime, bytes);
      if (attachment.type === 'image') return { type: 'input_image', image: url, detail: 'auto' };
      return { type: 'input_file', file: url, filename: attachment.name };
    }
    if (attachment.type === 'image' && this.options.imagePreviewUrls) {
      return { type: 'input_image', image: attachment.preview_url, detail: 'auto' };
    }
    throw new NotImplementedError(
      'An Attachment was included in a UserMessageItem but ThreadItemConverter.attachmentToMessageContent was not implemented (pass loadAttachmentBytes or override it)',
    );
  }

  /** An @-mention as context for the model: `tagContent`, else must be overridden (reference). */
  async tagToMessageContent(tag: UserMessageTagContent): Promise<ModelUserContent> {
    if (this.options.tagContent) return this.options.tagContent(tag);
    throw new NotImplementedError(
      'A Tag was included in a UserMessageItem but ThreadItemConverter.tagToMessageContent is not implemented',
    );
  }

  async generatedImageToInput(item: GeneratedImageItem): Promise<ConvertedInput> {
    if (!item.image) return null;
    return {
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_text', text: GENERATED_IMAGE_MESSAGE },
        { type: 'input_image', detail: 'auto', image: item.image.url },
      ],
    };
  }

  /** String content is wrapped in `<HiddenContext>`; anything else must be handled by an override. */
  async hiddenContextToInput(item: HiddenContextItem): Promise<ConvertedInput> {
    if (typeof item.content !== 'string') {
      throw new NotImplementedError(
        'HiddenContextItems with non-string content were present but ThreadItemConverter.hiddenContextToInput was not implemented',
      );
    }
    return userText(hiddenContextMessage(item.content));
  }

  async sdkHiddenContextToInput(item: SDKHiddenContextItem): Promise<ConvertedInput> {
    return userText(hiddenContextMessage(item.content));
  }

  async taskToInput(item: TaskItem): Promise<ConvertedInput> {
    const text = taskMessage(item.task);
    return text === undefined ? null : userText(text);
  }

  async structuredInputToInput(item: StructuredInputItem): Promise<ConvertedInput> {
    return userText(structuredInputMessage(item));
  }

  async workflowToInput(item: WorkflowItem): Promise<ConvertedInput> {
    const out: ModelInputItem[] = [];
    for (const task of item.workflow.tasks) {
      const text = taskMessage(task);
      if (text !== undefined) out.push(userText(text));
    }
    return out;
  }

  async widgetToInput(item: WidgetItem): Promise<ConvertedInput> {
    return userText(widgetMessagePrefix(item.id) + toWireJson(item.widget));
  }

  /**
   * The user's text (tags rendered as `@label`) plus attachments; then, for the last message only,
   * its quoted text; then the @-mention context (tags deduplicated by label).
   */
  async userMessageToInput(item: UserMessageItem, isLastMessage = true): Promise<ConvertedInput> {
    let text = '';
    const tags: UserMessageTagContent[] = [];
    for (const part of item.content) {
      if (part.type === 'input_text') text += part.text;
      else {
        text += `@${part.text}`;
        tags.push(part);
      }
    }
    const content: ModelUserContent[] = [{ type: 'input_text', text }];
    for (const attachment of item.attachments) {
      content.push(await this.attachmentToMessageContent(attachment));
    }
    const out: ModelInputItem[] = [{ type: 'message', role: 'user', content }];
    if (item.quoted_text && isLastMessage) out.push(userText(quotedTextMessage(item.quoted_text)));
    if (tags.length > 0) {
      const seen = new Set<string>();
      const tagContent: ModelUserContent[] = [];
      for (const tag of tags) {
        if (seen.has(tag.text)) continue;
        seen.add(tag.text);
        tagContent.push(await this.tagToMessageContent(tag));
      }
      out.push({
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: MENTIONS_PREAMBLE }, ...tagContent],
      });
    }
    return out;
  }

  /** Text parts as `output_text`; annotations are not sent back (as in the reference). */
  async assistantMessageToInput(item: AssistantMessageItem): Promise<ConvertedInput> {
    return {
      type: 'message',
      role: 'assistant',
      status: 'completed',
      content: item.content.map((part) => ({ type: 'output_text', text: part.text })),
    };
  }

  /** Completed calls become a function call and its output (JSON strings); pending ones are skipped. */
  async clientToolCallToInput(item: ClientToolCallItem): Promise<ConvertedInput> {
    if (item.status === 'pending') return null;
    return [
      {
        type: 'function_call',
        callId: item.call_id,
        name: item.name,
        arguments: JSON.stringify(item.arguments),
      },
      {
        type: 'function_call_result',
        callId: item.call_id,
        name: item.name,
        status: 'completed',
        output: JSON.stringify(item.output ?? null),
      },
    ];
  }

  /** A UI hint only. */
  async endOfTurnToInput(_item: EndOfTurnItem): Promise<ConvertedInput> {
    return null;
  }

  /**
   * Converts one item or a list, in the given order (load history ascending, or reverse a
   * descending page). Only the final element counts as the "last message" for quoted text.
   */
  async toAgentInput(items: ThreadItem | readonly ThreadItem[]): Promise<ModelInputItem[]> {
    const list: readonly ThreadItem[] = Array.isArray(items)
      ? [...(items as ThreadItem[])]
      : [items as ThreadItem];
    const output: ModelInputItem[] = [];
    for (let i = 0; i < list.length; i++) {
      output.push(...(await this.itemToInput(list[i]!, i === list.length - 1)));
    }
    return output;
  }

  private async itemToInput(item: ThreadItem, isLastMessage: boolean): Promise<ModelInputItem[]> {
    switch (item.type) {
      case 'user_message':
        return toList(await this.userMessageToInput(item, isLastMessage));
      case 'assistant_message':
        return toList(await this.assistantMessageToInput(item));
      case 'client_tool_call':
        return toList(await this.clientToolCallToInput(item));
      case 'end_of_turn':
        return toList(await this.endOfTurnToInput(item));
      case 'widget':
        return toList(await this.widgetToInput(item));
      case 'workflow':
        return toList(await this.workflowToInput(item));
      case 'task':
        return toList(await this.taskToInput(item));
      case 'structured_input':
        return toList(await this.structuredInputToInput(item));
      case 'hidden_context_item':
        return toList(await this.hiddenContextToInput(item));
      case 'sdk_hidden_context':
        return toList(await this.sdkHiddenContextToInput(item));
      case 'generated_image':
        return toList(await this.generatedImageToInput(item));
      default: {
        const unreachable: never = item;
        throw new Error(`Unknown thread item ${JSON.stringify(unreachable)}`);
      }
    }
  }
}

/** Converts items with a default {@link ThreadItemConverter} (chatkit-python `simple_to_agent_input`). */
export const simpleToModelInput = (
  items: ThreadItem | readonly ThreadItem[],
): Promise<ModelInputItem[]> => new ThreadItemConverter().toAgentInput(items);
