import {
  InputGuardrailTripwireTriggered,
  OutputGuardrailTripwireTriggered,
  run,
  type Agent,
  type AgentInputItem,
  type RunStreamEvent,
  type StreamRunOptions,
} from '@openai/agents';
import { BaseStreamError, CustomStreamError } from '../errors.js';
import type { ThreadStreamEventInput } from '../protocol/events.js';
import type { AgentContext } from './agent-context.js';
import { streamAgentResponse, type StreamAgentResponseOptions } from './stream-agent-response.js';

/** Options of {@link streamAgentRun}. */
export interface StreamAgentRunOptions<TContext> extends StreamAgentResponseOptions {
  /** More `run()` options (maxTurns, previousResponseId, …); `stream`, `context` and `signal` are set for you. */
  runOptions?:
    Omit<StreamRunOptions<AgentContext<TContext>>, 'stream' | 'context' | 'signal'> | undefined;
  /** Run with this instead of the global `run` (e.g. a configured `Runner`'s `run`). */
  run?:
    | ((
        agent: Agent<AgentContext<TContext>>,
        input: AgentInputItem[] | string,
        options: StreamRunOptions<AgentContext<TContext>>,
      ) => Promise<AsyncIterable<RunStreamEvent>>)
    | undefined;
}

/**
 * Starts a streamed run with the context and the turn's abort signal wired in, and streams it as
 * ChatKit events: `run(agent, input, { stream: true, context, signal: context.signal })` +
 * {@link streamAgentResponse}. Stopping the ChatKit stream aborts the model request.
 */
export async function* streamAgentRun<TContext>(
  context: AgentContext<TContext>,
  agent: Agent<AgentContext<TContext>>,
  input: AgentInputItem[] | string,
  options: StreamAgentRunOptions<TContext> = {},
): AsyncGenerator<ThreadStreamEventInput, void, undefined> {
  const runOptions: StreamRunOptions<AgentContext<TContext>> = {
    ...options.runOptions,
    stream: true,
    context,
    ...(context.signal ? { signal: context.signal } : {}),
  };
  try {
    const result = options.run
      ? await options.run(agent, input, runOptions)
      : await run(agent, input, runOptions);
    yield* streamAgentResponse(context, result, options);
  } catch (error) {
    throw guardrailError(error) ?? streamErrorInside(error);
  }
}

/** Shown when a tripped guardrail gives no message of its own. */
export const GUARDRAIL_MESSAGE = 'This request was blocked by a safety check.';

/**
 * A tripped input or output guardrail as the error the user sees: the guardrail's own message
 * (`outputInfo` when a string, else `outputInfo.message`), not retryable, since sending the same
 * message again trips it again (docs/protocol-deviations.md).
 */
function guardrailError(error: unknown): CustomStreamError | undefined {
  if (
    !(error instanceof InputGuardrailTripwireTriggered) &&
    !(error instanceof OutputGuardrailTripwireTriggered)
  ) {
    return undefined;
  }
  const info: unknown = error.result.output.outputInfo;
  const message =
    typeof info === 'string'
      ? info
      : typeof (info as { message?: unknown } | null)?.message === 'string'
        ? (info as { message: string }).message
        : undefined;
  return new CustomStreamError(message?.trim() || GUARDRAIL_MESSAGE, {
    allowRetry: false,
    cause: error,
  });
}

/**
 * A stream error (`CustomStreamError`…) a tool threw, which the Agents SDK wraps in a
 * `ToolCallError` (`error`) or an error `cause`: the user should see its message, not a generic one.
 */
function streamErrorInside(error: unknown): unknown {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof BaseStreamError) return current;
    current = (current as { error?: unknown }).error ?? current.cause;
  }
  return error;
}
