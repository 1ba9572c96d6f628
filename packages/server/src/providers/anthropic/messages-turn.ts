import type Anthropic from '@anthropic-ai/sdk';
import type {
  ContentBlockParam,
  MessageCreateParamsStreaming,
  MessageParam,
} from '@anthropic-ai/sdk/resources/messages';
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
import { anthropicTools, parseToolInput, toAnthropicMessages } from './anthropic-messages.js';

/** Request fields you may add to every call (temperature, thinking, metadata, …). */
export type AnthropicExtraParams = Partial<
  Omit<
    MessageCreateParamsStreaming,
    'model' | 'messages' | 'stream' | 'tools' | 'system' | 'max_tokens'
  >
>;

/** Options of {@link streamAnthropicMessages}. */
export interface AnthropicTurnOptions<TContext> {
  client: Anthropic;
  model: string;
  /** The conversation, from `ThreadItemConverter` (e.g. `loadHistoryInput`). */
  input: readonly ModelInputItem[];
  /** System prompt. */
  instructions?: string | undefined;
  tools?: readonly ChatTool<TContext, unknown>[] | undefined;
  /** Required by the API; default 4096. */
  maxTokens?: number | undefined;
  /** Model calls per turn; default 10. */
  maxSteps?: number | undefined;
  /** Progress update per tool call; default off. */
  toolProgress?: ToolProgressOption | undefined;
  params?: AnthropicExtraParams | undefined;
  /** Defaults to `context.signal`; aborting closes the HTTP connection to the model. */
  signal?: AbortSignal | undefined;
}

/** Content blocks of one streamed assistant message, rebuilt for the next request. */
type Block =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; id: string; name: string; json: string };

function toParam(block: Block): ContentBlockParam | undefined {
  switch (block.type) {
    case 'text':
      return block.text === '' ? undefined : block;
    case 'tool_use':
      return {
        type: 'tool_use',
        id: block.id,
        name: block.name,
        input: parseToolInput(block.json),
      };
    case 'thinking':
    case 'redacted_thinking':
      return block;
    default: {
      const unreachable: never = block;
      throw new Error(`Unknown block ${JSON.stringify(unreachable)}`);
    }
  }
}

/** The Anthropic half of the tool loop: one streamed Messages request per step. */
export class AnthropicMessagesDriver implements ToolLoopDriver {
  readonly messages: MessageParam[];
  private blocks: Block[] = [];

  constructor(
    private readonly options: Omit<AnthropicTurnOptions<never>, 'input' | 'tools'> & {
      messages: MessageParam[];
      tools?: readonly ChatTool<never, unknown>[] | undefined;
    },
  ) {
    this.messages = [...options.messages];
  }

  step(): ModelStep {
    const blocks = new Map<number, Block>();
    this.blocks = [];
    const { client, model, params, signal, instructions, tools = [] } = this.options;
    const body: MessageCreateParamsStreaming = {
      ...params,
      model,
      max_tokens: this.options.maxTokens ?? 4096,
      messages: [...this.messages],
      stream: true,
      ...(instructions ? { system: instructions } : {}),
      ...(tools.length > 0 ? { tools: anthropicTools(tools) } : {}),
    };
    const finish = () => {
      this.blocks = [...blocks.entries()].sort(([a], [b]) => a - b).map(([, block]) => block);
    };
    async function* text(): AsyncGenerator<string> {
      const stream = await client.messages.create(body, signal ? { signal } : {});
      for await (const event of stream) {
        if (event.type === 'content_block_start') {
          const start = event.content_block;
          if (start.type === 'text') blocks.set(event.index, { type: 'text', text: '' });
          else if (start.type === 'thinking')
            blocks.set(event.index, { type: 'thinking', thinking: '', signature: '' });
          else if (start.type === 'redacted_thinking')
            blocks.set(event.index, { type: 'redacted_thinking', data: start.data });
          else if (start.type === 'tool_use')
            blocks.set(event.index, { type: 'tool_use', id: start.id, name: start.name, json: '' });
        } else if (event.type === 'content_block_delta') {
          const block = blocks.get(event.index);
          const delta = event.delta;
          if (delta.type === 'text_delta') {
            if (block?.type === 'text') block.text += delta.text;
            yield delta.text;
          } else if (delta.type === 'input_json_delta' && block?.type === 'tool_use')
            block.json += delta.partial_json;
          else if (delta.type === 'thinking_delta' && block?.type === 'thinking')
            block.thinking += delta.thinking;
          else if (delta.type === 'signature_delta' && block?.type === 'thinking')
            block.signature += delta.signature;
        }
      }
      finish();
    }
    return {
      text: text(),
      toolCalls: (): ModelToolCall[] =>
        this.blocks.flatMap((block) =>
          block.type === 'tool_use'
            ? [{ id: block.id, name: block.name, arguments: block.json }]
            : [],
        ),
    };
  }

  addToolResults(_text: string, results: ModelToolResult[]): void {
    const content = this.blocks.map(toParam).filter((block) => block !== undefined);
    this.messages.push({ role: 'assistant', content });
    this.messages.push({
      role: 'user',
      content: results.map((result) => ({
        type: 'tool_result' as const,
        tool_use_id: result.call.id,
        content: result.output,
        ...(result.isError ? { is_error: true } : {}),
      })),
    });
  }
}

/**
 * One assistant turn on the Anthropic Messages API (`@anthropic-ai/sdk`): streams the answer as
 * ChatKit events, runs tool calls (tools may stream progress, widgets and workflows through the
 * context), feeds results back and continues until the model answers. Yield it from `respond`;
 * wrap it in `withFriendlyErrors(…, { classify: classifyAnthropicError })` for readable errors.
 */
export function streamAnthropicMessages<TContext>(
  context: TurnContext<TContext>,
  options: AnthropicTurnOptions<TContext>,
): AsyncGenerator<ThreadStreamEventInput, void, undefined> {
  const tools = options.tools ?? [];
  const driver = new AnthropicMessagesDriver({
    ...options,
    signal: options.signal ?? context.signal,
    tools,
    messages: toAnthropicMessages(options.input),
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
