import type Anthropic from '@anthropic-ai/sdk';
import type {
  ContentBlock,
  MessageCreateParamsBase,
  ToolChoice,
} from '@anthropic-ai/sdk/resources/messages';
import {
  Usage,
  type AgentOutputItem,
  type Model,
  type ModelRequest,
  type ModelResponse,
  type ModelSettingsToolChoice,
  type StreamEvent,
  type StreamEventResponseCompleted,
} from '@openai/agents';
import {
  anthropicTools,
  toAnthropicMessages,
  type AnthropicReasoningData,
} from './anthropic-messages.js';

/** Request fields you may add to every call (thinking, metadata, stop sequences, …). */
export type AnthropicExtraParams = Partial<
  Omit<MessageCreateParamsBase, 'model' | 'messages' | 'stream' | 'tools' | 'system'>
>;

/** Options of {@link AnthropicModel}. */
export interface AnthropicModelOptions {
  /** Required by the API; default 4096 (an agent's `modelSettings.maxTokens` wins). */
  maxTokens?: number | undefined;
  /** Added to every request; an agent's `modelSettings.providerData` is added after these. */
  params?: AnthropicExtraParams | undefined;
}

/** Content blocks of one assistant message, as the stream builds them. */
type Block =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; id: string; name: string; json: string };

function toolChoice(
  choice: ModelSettingsToolChoice | undefined,
  parallel: boolean | undefined,
): ToolChoice | undefined {
  const single = parallel === false ? { disable_parallel_tool_use: true } : {};
  if (choice === undefined) return parallel === false ? { type: 'auto', ...single } : undefined;
  if (choice === 'none') return { type: 'none' };
  if (choice === 'auto') return { type: 'auto', ...single };
  if (choice === 'required') return { type: 'any', ...single };
  return { type: 'tool', name: choice, ...single };
}

/** The message's blocks as Agents SDK output items (thinking keeps its signature for the next call). */
function outputItems(blocks: readonly Block[]): AgentOutputItem[] {
  const output: AgentOutputItem[] = [];
  const text = blocks.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
  for (const block of blocks) {
    if (block.type === 'thinking') {
      const data: AnthropicReasoningData = { signature: block.signature };
      output.push({
        type: 'reasoning',
        content: [{ type: 'input_text', text: block.thinking }],
        providerData: { ...data },
      });
    } else if (block.type === 'redacted_thinking') {
      const data: AnthropicReasoningData = { redactedData: block.data };
      output.push({ type: 'reasoning', content: [], providerData: { ...data } });
    }
  }
  if (text !== '') {
    output.push({
      type: 'message',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text }],
    });
  }
  for (const block of blocks) {
    if (block.type === 'tool_use') {
      output.push({
        type: 'function_call',
        callId: block.id,
        name: block.name,
        arguments: block.json === '' ? '{}' : block.json,
        status: 'completed',
      });
    }
  }
  return output;
}

const fromContent = (content: readonly ContentBlock[]): Block[] =>
  content.flatMap((block): Block[] => {
    switch (block.type) {
      case 'text':
        return [{ type: 'text', text: block.text }];
      case 'thinking':
        return [{ type: 'thinking', thinking: block.thinking, signature: block.signature }];
      case 'redacted_thinking':
        return [{ type: 'redacted_thinking', data: block.data }];
      case 'tool_use':
        return [
          { type: 'tool_use', id: block.id, name: block.name, json: JSON.stringify(block.input) },
        ];
      default:
        return [];
    }
  });

interface TokenCounts {
  input: number;
  output: number;
}

const usageData = ({ input, output }: TokenCounts) => ({
  requests: 1,
  inputTokens: input,
  outputTokens: output,
  totalTokens: input + output,
});

/**
 * An Agents SDK `Model` on the Anthropic Messages API (`@anthropic-ai/sdk`), so Claude runs
 * through the same runtime as OpenAI models: `new Agent({ model: new AnthropicModel(client,
 * 'claude-sonnet-4-5'), tools })` with `streamAgentRun`, the same function tools, MCP, forms,
 * client tools, hand-offs and guardrails. It maps the agent's instructions to `system`, its
 * function tools and hand-offs to Anthropic tools, `modelSettings` (maxTokens, temperature, topP,
 * toolChoice, parallelToolCalls, providerData) to request fields, and streams text as the SDK's
 * generic events; thinking blocks ride along as `reasoning` items so a tool-using turn with
 * extended thinking sends them back. Hosted (OpenAI) tools and structured output types are refused.
 */
export class AnthropicModel implements Model {
  constructor(
    private readonly client: Anthropic,
    private readonly model: string,
    private readonly options: AnthropicModelOptions = {},
  ) {}

  private body(request: ModelRequest): MessageCreateParamsBase {
    if (request.outputType !== 'text')
      throw new Error('AnthropicModel does not support structured output types');
    const { system, messages } = toAnthropicMessages(request.input);
    const prompt = [request.systemInstructions ?? '', ...system].filter((text) => text !== '');
    const settings = request.modelSettings;
    const tools = anthropicTools(request.tools, request.handoffs);
    const choice =
      tools.length > 0 ? toolChoice(settings.toolChoice, settings.parallelToolCalls) : undefined;
    return {
      ...this.options.params,
      ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
      ...(settings.topP !== undefined ? { top_p: settings.topP } : {}),
      ...settings.providerData,
      model: this.model,
      max_tokens: settings.maxTokens ?? this.options.maxTokens ?? 4096,
      messages,
      ...(prompt.length > 0 ? { system: prompt.join('\n\n') } : {}),
      ...(tools.length > 0 ? { tools } : {}),
      ...(choice ? { tool_choice: choice } : {}),
    };
  }

  async getResponse(request: ModelRequest): Promise<ModelResponse> {
    const message = await this.client.messages.create(
      { ...this.body(request), stream: false },
      request.signal ? { signal: request.signal } : {},
    );
    return {
      responseId: message.id,
      usage: new Usage(
        usageData({ input: message.usage.input_tokens, output: message.usage.output_tokens }),
      ),
      output: outputItems(fromContent(message.content)),
    };
  }

  async *getStreamedResponse(request: ModelRequest): AsyncIterable<StreamEvent> {
    const body = this.body(request);
    yield { type: 'response_started' };
    const stream = await this.client.messages.create(
      { ...body, stream: true },
      request.signal ? { signal: request.signal } : {},
    );
    const blocks = new Map<number, Block>();
    const tokens: TokenCounts = { input: 0, output: 0 };
    let id = '';
    for await (const event of stream) {
      switch (event.type) {
        case 'message_start':
          id = event.message.id;
          tokens.input = event.message.usage.input_tokens;
          tokens.output = event.message.usage.output_tokens;
          break;
        case 'message_delta':
          tokens.output = event.usage.output_tokens;
          break;
        case 'content_block_start': {
          const start = event.content_block;
          if (start.type === 'text') blocks.set(event.index, { type: 'text', text: '' });
          else if (start.type === 'thinking')
            blocks.set(event.index, { type: 'thinking', thinking: '', signature: '' });
          else if (start.type === 'redacted_thinking')
            blocks.set(event.index, { type: 'redacted_thinking', data: start.data });
          else if (start.type === 'tool_use')
            blocks.set(event.index, { type: 'tool_use', id: start.id, name: start.name, json: '' });
          break;
        }
        case 'content_block_delta': {
          const block = blocks.get(event.index);
          const delta = event.delta;
          if (delta.type === 'text_delta') {
            if (block?.type === 'text') block.text += delta.text;
            yield { type: 'output_text_delta', delta: delta.text };
          } else if (delta.type === 'input_json_delta' && block?.type === 'tool_use')
            block.json += delta.partial_json;
          else if (delta.type === 'thinking_delta' && block?.type === 'thinking')
            block.thinking += delta.thinking;
          else if (delta.type === 'signature_delta' && block?.type === 'thinking')
            block.signature += delta.signature;
          break;
        }
        default:
          break;
      }
    }
    const ordered = [...blocks.entries()].sort(([a], [b]) => a - b).map(([, block]) => block);
    yield {
      type: 'response_done',
      response: {
        id,
        usage: usageData(tokens),
        // The SDK's wire type for streamed output is a narrower union of the same item shapes.
        output: outputItems(ordered) as StreamEventResponseCompleted['response']['output'],
      },
    };
  }
}
