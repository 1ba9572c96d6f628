import type OpenAI from 'openai';
import type {
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat';
import type { ThreadStreamEventInput } from '../../protocol/events.js';
import { streamWithContext } from '../context-stream.js';
import type { ModelInputItem } from '../input/model-input.js';
import type { ChatTool } from '../tool.js';
import {
  runToolLoop,
  type ModelStep,
  type ModelToolCall,
  type ModelToolResult,
  type ToolLoopDriver,
} from '../tool-loop.js';
import type { ToolProgressOption } from '../tool-progress.js';
import type { TurnContext } from '../turn-context.js';
import { chatCompletionTools, toChatMessages } from './chat-messages.js';

/** Request fields you may add to every call (temperature, max_tokens, reasoning_effort, …). */
export type ChatCompletionsExtraParams = Partial<
  Omit<ChatCompletionCreateParamsStreaming, 'model' | 'messages' | 'stream' | 'tools'>
>;

/** Options of {@link streamChatCompletions}. */
export interface ChatCompletionsTurnOptions<TContext> {
  /** Any OpenAI-compatible client: `new OpenAI({ baseURL })` for Ollama, vLLM, LM Studio, Azure… */
  client: OpenAI;
  model: string;
  /** The conversation, from `ThreadItemConverter` (e.g. `loadHistoryInput`). */
  input: readonly ModelInputItem[];
  /** System prompt. */
  instructions?: string | undefined;
  tools?: readonly ChatTool<TContext, unknown>[] | undefined;
  /** Model calls per turn; default 10. */
  maxSteps?: number | undefined;
  /** Progress update per tool call; default off. */
  toolProgress?: ToolProgressOption | undefined;
  /** Added to every request. */
  params?: ChatCompletionsExtraParams | undefined;
  /** Defaults to `context.signal`; aborting closes the HTTP connection to the model. */
  signal?: AbortSignal | undefined;
}

/** The Chat Completions half of the tool loop: one streamed request per step. */
export class ChatCompletionsDriver implements ToolLoopDriver {
  readonly messages: ChatCompletionMessageParam[];

  constructor(
    private readonly options: Omit<ChatCompletionsTurnOptions<never>, 'input' | 'tools'> & {
      messages: ChatCompletionMessageParam[];
      tools?: readonly ChatTool<never, unknown>[] | undefined;
    },
  ) {
    this.messages = [...options.messages];
  }

  step(): ModelStep {
    const calls = new Map<number, ModelToolCall>();
    const { client, model, params, signal, tools = [] } = this.options;
    const body: ChatCompletionCreateParamsStreaming = {
      ...params,
      model,
      messages: [...this.messages],
      stream: true,
      ...(tools.length > 0 ? { tools: chatCompletionTools(tools) } : {}),
    };
    async function* text(): AsyncGenerator<string> {
      const stream = await client.chat.completions.create(body, signal ? { signal } : {});
      for await (const chunk of stream) {
        const delta = chunk.choices?.[0]?.delta;
        if (!delta) continue;
        if (delta.content) yield delta.content;
        for (const part of delta.tool_calls ?? []) {
          let call = calls.get(part.index);
          if (!call) calls.set(part.index, (call = { id: '', name: '', arguments: '' }));
          if (part.id && !call.id) call.id = part.id;
          call.name += part.function?.name ?? '';
          call.arguments += part.function?.arguments ?? '';
        }
      }
    }
    return {
      text: text(),
      toolCalls: () =>
        [...calls.entries()]
          .sort(([a], [b]) => a - b)
          .map(([index, call]) => ({ ...call, id: call.id || `call_${index}_${Date.now()}` })),
    };
  }

  addToolResults(text: string, results: ModelToolResult[]): void {
    this.messages.push({
      role: 'assistant',
      content: text === '' ? null : text,
      tool_calls: results.map(({ call }) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      })),
    });
    for (const result of results) {
      this.messages.push({ role: 'tool', tool_call_id: result.call.id, content: result.output });
    }
  }
}

/**
 * One assistant turn on the Chat Completions API (`openai` SDK, any `baseURL`): streams the answer
 * as ChatKit events, runs tool calls (tools may stream progress, widgets and workflows through the
 * context), feeds results back and continues until the model answers. Yield it from `respond`;
 * wrap it in `withFriendlyErrors(…, { classify: classifyOpenAIError })` for readable errors.
 *
 * @example
 * ```ts
 * import { createChatKitServer } from '@threadline/server';
 * import { loadHistoryInput, TurnContext, type ChatTool } from '@threadline/server/providers';
 * import { streamChatCompletions } from '@threadline/server/providers/openai-chat';
 * import { MemoryStore } from '@threadline/server/stores/memory';
 * import OpenAI from 'openai';
 * // given: declare const tools: ChatTool<{ userId: string }, unknown>[];
 *
 * const client = new OpenAI({ baseURL: 'http://localhost:11434/v1', apiKey: 'ollama' });
 * const server = createChatKitServer({
 *   store: new MemoryStore<{ userId: string }>(),
 *   async *respond(thread, input, requestContext, { signal }) {
 *     const context = new TurnContext({ thread, store: this.store, requestContext, signal });
 *     const history = await loadHistoryInput(this.store, thread, requestContext);
 *     yield* streamChatCompletions(context, { client, model: 'llama3.1', input: history, tools });
 *   },
 * });
 * ```
 */
export function streamChatCompletions<TContext>(
  context: TurnContext<TContext>,
  options: ChatCompletionsTurnOptions<TContext>,
): AsyncGenerator<ThreadStreamEventInput, void, undefined> {
  const tools = options.tools ?? [];
  const driver = new ChatCompletionsDriver({
    ...options,
    signal: options.signal ?? context.signal,
    tools,
    messages: toChatMessages(options.input, { instructions: options.instructions }),
  });
  return streamWithContext(
    context,
    runToolLoop(context, driver, {
      tools,
      maxSteps: options.maxSteps,
      toolProgress: options.toolProgress,
    }),
  );
}
