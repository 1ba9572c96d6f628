import { TurnContext, type TurnContextOptions } from '../turn/turn-context.js';
import { applyTracingDefault } from './tracing.js';

/** Options of {@link AgentContext}. */
export interface AgentContextOptions<TContext> extends TurnContextOptions<TContext> {
  /** For stateful Responses runs: the id of the previous response. */
  previousResponseId?: string | undefined;
}

/**
 * The Agents SDK run context of a ChatKit turn (chatkit-python `AgentContext`, §9.1). Pass it as
 * `run(agent, input, { context, stream: true, signal })`; tools reach it as `runContext.context`
 * and may `stream()` progress updates, notices and client effects, `streamWidget()`, run a
 * workflow (`startWorkflow`/`addWorkflowTask`/`updateWorkflowTask`/`endWorkflow`), or set
 * `clientToolCall` (with `toolUseBehavior: { stopAtToolNames: [...] }`) to hand the call to the
 * browser. Everything queued reaches the client through `streamAgentResponse`.
 */
export class AgentContext<TContext = unknown> extends TurnContext<TContext> {
  previousResponseId: string | undefined;

  constructor(options: AgentContextOptions<TContext>) {
    super(options);
    this.previousResponseId = options.previousResponseId;
    applyTracingDefault();
  }
}
