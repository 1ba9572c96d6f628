import { CustomStreamError } from '../errors.js';
import type { ThreadStreamEventInput } from '../protocol/events.js';
import { streamAssistantMessage } from './stream-assistant-message.js';
import type { ChatTool } from './tool.js';
import { toolProgressEvent, type ToolProgressOption } from './tool-progress.js';
import { toolResultContextEvent } from './tool-result-context.js';
import type { TurnContext } from './turn-context.js';

/** A tool call as a model requested it; `arguments` is the raw JSON string. */
export interface ModelToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** What a tool call produced, ready to be fed back to the model. */
export interface ModelToolResult {
  call: ModelToolCall;
  /** The tool's return value as text (JSON for structured values), or the error text. */
  output: string;
  isError: boolean;
}

/** One model call in progress. */
export interface ModelStep {
  /** The answer's text deltas; the step completes when this iterable is exhausted. */
  readonly text: AsyncIterable<string>;
  /** The tool calls of the step; read it after `text` is exhausted. */
  toolCalls(): ModelToolCall[];
}

/** The provider-specific half of a tool loop: calling the model and recording tool results. */
export interface ToolLoopDriver {
  /** Starts one model call with the conversation so far. */
  step(): ModelStep | Promise<ModelStep>;
  /** Appends the assistant turn (its text and tool calls) and the tool results to the conversation. */
  addToolResults(text: string, results: ModelToolResult[]): void;
}

/** Options of {@link runToolLoop}. */
export interface ToolLoopOptions<TContext> {
  tools: readonly ChatTool<TContext, unknown>[];
  /** Model calls allowed in one turn; default 10. Reaching it ends the turn with an error. */
  maxSteps?: number | undefined;
  /** Progress updates for tool calls; default off (see {@link ToolProgressOption}). */
  toolProgress?: ToolProgressOption | undefined;
}

const stringify = (value: unknown): string =>
  typeof value === 'string' ? value : (JSON.stringify(value) ?? '');

const errorText = (error: unknown): string =>
  `An error occurred while running the tool. Please try again. Error: ${
    error instanceof Error ? error.message : String(error)
  }`;

/** Runs one call: parse the JSON arguments, validate them, execute. Failures go back to the model. */
async function executeCall<TContext>(
  context: TurnContext<TContext>,
  tools: readonly ChatTool<TContext, unknown>[],
  call: ModelToolCall,
): Promise<ModelToolResult> {
  const tool = tools.find((candidate) => candidate.name === call.name);
  if (!tool) return { call, output: `Tool ${call.name} not found`, isError: true };
  let raw: unknown;
  try {
    raw = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
  } catch (error) {
    return {
      call,
      output: `Invalid JSON arguments for ${call.name}: ${String(error)}`,
      isError: true,
    };
  }
  const parsed = tool.parameters.safeParse(raw);
  if (!parsed.success) {
    return {
      call,
      output: `Invalid arguments for ${call.name}: ${parsed.error.message}`,
      isError: true,
    };
  }
  try {
    const value: unknown = await tool.execute(parsed.data, context, {
      id: call.id,
      name: call.name,
    });
    return { call, output: stringify(value), isError: false };
  } catch (error) {
    if (context.signal?.aborted) throw error;
    return { call, output: errorText(error), isError: true };
  }
}

/**
 * A provider-neutral tool loop: stream the model's answer as an assistant message
 * ({@link streamAssistantMessage}), run the tool calls it made (sequentially, each optionally
 * announced with a progress update), feed the results back, and call the model again until it
 * answers without tools. Each tool result is also persisted as hidden context, so later turns
 * still see it (docs/seeds.md §A.3). A tool that sets `context.clientToolCall` ends the turn after itself;
 * wrap the loop in `streamWithContext` so queued tool events and that pending call reach the client.
 */
export async function* runToolLoop<TContext>(
  context: TurnContext<TContext>,
  driver: ToolLoopDriver,
  options: ToolLoopOptions<TContext>,
): AsyncGenerator<ThreadStreamEventInput, void, undefined> {
  const maxSteps = options.maxSteps ?? 10;
  const generateId = () => context.generateId('message');
  for (let step = 1; ; step++) {
    const modelStep = await driver.step();
    const text = yield* streamAssistantMessage(modelStep.text, {
      thread: context.thread,
      generateId,
    });
    const calls = modelStep.toolCalls();
    if (calls.length === 0) return;
    if (step >= maxSteps) {
      throw new CustomStreamError(
        `The assistant stopped after ${maxSteps} tool steps without finishing its answer.`,
        { allowRetry: true },
      );
    }
    const results: ModelToolResult[] = [];
    for (const call of calls) {
      const progress = toolProgressEvent(options.toolProgress, call);
      if (progress) yield progress;
      const result = await executeCall(context, options.tools, call);
      results.push(result);
      if (context.clientToolCall) {
        context.lastFunctionCall = { callId: call.id };
        return;
      }
      // Remembered for later turns as hidden context (a client tool's result lives on its item).
      yield toolResultContextEvent(context, { ...call, output: result.output });
    }
    driver.addToolResults(text, results);
  }
}
