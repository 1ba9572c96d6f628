import type { RunStreamEvent } from '@openai/agents';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import type { ThreadStreamEvent } from '../protocol/events.js';
import type { ContextEventTracker } from '../turn/context-stream.js';
import { CLIENT_TOOL_PENDING_OUTPUT } from '../actions/client-tools.js';
import { toolProgressEvent, type ToolProgressOption } from '../turn/tool-progress.js';
import { toolResultContextEvent } from '../turn/tool-result-context.js';
import type { TurnContext } from '../turn/turn-context.js';
import type { ResponseStreamConverter } from './response-stream-converter.js';
import { isPlaceholderId, ResponsesMapper, type Mapped } from './responses-mapper.js';

const RESPONSES_SOURCE = 'openai-responses';

const isResponsesEvent = (event: unknown): event is ResponseStreamEvent =>
  typeof event === 'object' &&
  event !== null &&
  typeof (event as { type?: unknown }).type === 'string' &&
  (event as { type: string }).type.startsWith('response.');

/**
 * Maps every event of an Agents SDK run (§9.2). Responses API models deliver raw Responses events,
 * mapped exactly as the reference does. Other models (Chat Completions, third-party adapters)
 * deliver only the SDK's generic `output_text_delta`/`response_done` events; for those the answer
 * is streamed as one assistant message per model response with a fresh store id (the upstream
 * ids are completion ids or placeholders, chatkit-python #36).
 */
export class RunEventMapper<TContext> {
  private readonly responses: ResponsesMapper<TContext>;
  /** Whether the current model response speaks the Responses API (decided per response). */
  private responsesMode = false;
  private generic: { id: string; createdAt: string; text: string } | undefined;
  /** Arguments of this run's function calls by call id, for the remembered results. */
  private readonly callArguments = new Map<string, string>();

  constructor(
    private readonly context: TurnContext<TContext>,
    private readonly tracker: ContextEventTracker<TContext>,
    converter: ResponseStreamConverter,
    private readonly toolProgress: ToolProgressOption | undefined,
  ) {
    this.responses = new ResponsesMapper(context, tracker, converter);
  }

  handle(event: RunStreamEvent): Mapped | Promise<Mapped> {
    if (event.type === 'run_item_stream_event') return this.runItem(event);
    if (event.type !== 'raw_model_stream_event') return undefined;
    const data = event.data;
    switch (data.type) {
      case 'model': {
        const raw: unknown = data.event;
        if (event.source === RESPONSES_SOURCE || isResponsesEvent(raw)) {
          this.responsesMode = true;
          return isResponsesEvent(raw) ? this.responses.handle(raw) : undefined;
        }
        return undefined;
      }
      case 'response_started':
        this.responsesMode = false;
        return undefined;
      case 'output_text_delta':
        return this.responsesMode ? undefined : this.genericDelta(data.delta);
      case 'response_done':
        return this.responsesMode ? undefined : this.genericDone(data.response.output);
      default:
        return undefined;
    }
  }

  private runItem(event: Extract<RunStreamEvent, { type: 'run_item_stream_event' }>): Mapped {
    const item = event.item;
    if (item.type === 'tool_call_output_item') return this.toolOutput(item.rawItem, item.output);
    if (item.type !== 'tool_call_item') return undefined;
    const raw = item.rawItem as {
      type?: string;
      callId?: unknown;
      id?: unknown;
      name?: unknown;
      arguments?: unknown;
    };
    if (raw.type !== 'function_call' || typeof raw.callId !== 'string' || raw.callId === '')
      return undefined;
    const itemId = typeof raw.id === 'string' && !isPlaceholderId(raw.id) ? raw.id : undefined;
    this.context.lastFunctionCall = { callId: raw.callId, itemId };
    this.callArguments.set(raw.callId, typeof raw.arguments === 'string' ? raw.arguments : '');
    if (itemId !== undefined) this.tracker.producedItems.add(itemId);
    return toolProgressEvent(this.toolProgress, {
      name: typeof raw.name === 'string' ? raw.name : '',
      arguments: typeof raw.arguments === 'string' ? raw.arguments : '',
    });
  }

  /** A function tool's result, persisted as hidden context for later turns (never shown). */
  private toolOutput(rawItem: unknown, output: unknown): Mapped {
    const raw = rawItem as { type?: string; callId?: unknown; name?: unknown };
    if (raw.type !== 'function_call_result') return undefined;
    const name = typeof raw.name === 'string' ? raw.name : '';
    // A client tool's result arrives later and is stored on its client_tool_call item.
    if (output === CLIENT_TOOL_PENDING_OUTPUT || this.context.clientToolCall?.name === name)
      return undefined;
    const callId = typeof raw.callId === 'string' ? raw.callId : '';
    return toolResultContextEvent(this.context, {
      name,
      arguments: this.callArguments.get(callId) ?? '',
      output,
    });
  }

  private genericDelta(delta: string): Mapped {
    if (delta === '') return undefined;
    const out: ThreadStreamEvent[] = [];
    let message = this.generic;
    if (!message) {
      const { context } = this;
      if (context.workflowItem) out.push(this.tracker.endWorkflow(context.workflowItem));
      message = {
        id: context.generateId('message'),
        createdAt: new Date().toISOString(),
        text: '',
      };
      this.generic = message;
      this.tracker.producedItems.add(message.id);
      out.push(
        {
          type: 'thread.item.added',
          item: {
            type: 'assistant_message',
            id: message.id,
            thread_id: context.thread.id,
            created_at: message.createdAt,
            content: [],
          },
        },
        {
          type: 'thread.item.updated',
          item_id: message.id,
          update: {
            type: 'assistant_message.content_part.added',
            content_index: 0,
            content: { type: 'output_text', text: '', annotations: [] },
          },
        },
      );
    }
    message.text += delta;
    const update: ThreadStreamEvent = {
      type: 'thread.item.updated',
      item_id: message.id,
      update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta },
    };
    if (out.length === 0) return update;
    out.push(update);
    return out;
  }

  /** Closes the streamed message, or emits a message the model did not stream (e.g. a refusal). */
  private genericDone(output: readonly unknown[]): Mapped {
    let out: ThreadStreamEvent[] = [];
    if (!this.generic) {
      const text = output.map(messageText).join('');
      if (text === '') return undefined;
      const opened = this.genericDelta(text);
      out = Array.isArray(opened) ? opened : opened ? [opened] : [];
    }
    const message = this.generic!;
    this.generic = undefined;
    const content = { type: 'output_text' as const, text: message.text, annotations: [] };
    out.push(
      {
        type: 'thread.item.updated',
        item_id: message.id,
        update: { type: 'assistant_message.content_part.done', content_index: 0, content },
      },
      {
        type: 'thread.item.done',
        item: {
          type: 'assistant_message',
          id: message.id,
          thread_id: this.context.thread.id,
          created_at: message.createdAt,
          content: [{ ...content, annotations: [] }],
        },
      },
    );
    return out;
  }
}

/** The text (or refusal) of an assistant message output item; '' for anything else. */
function messageText(item: unknown): string {
  const message = item as { type?: string; role?: string; content?: unknown };
  if (message.type !== 'message' || message.role !== 'assistant' || !Array.isArray(message.content))
    return '';
  return message.content
    .map((part: { type?: string; text?: unknown; refusal?: unknown }) =>
      part.type === 'output_text' && typeof part.text === 'string'
        ? part.text
        : part.type === 'refusal' && typeof part.refusal === 'string'
          ? part.refusal
          : '',
    )
    .join('');
}
