import {
  run,
  type Agent,
  type AgentInputItem,
  type RunStreamEvent,
  type StreamRunOptions,
} from '@openai/agents';
import { BaseStreamError } from '../errors.js';
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
    throw streamErrorInside(error);
  }
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
