import type {
  Store,
  ThreadMetadata,
  ThreadStreamEventInput,
  UserMessageItem,
} from '@threadline/server';
import type { ActionRegistry } from '@threadline/server/actions';
import type { Action, SyncCustomActionResponse, WidgetItem } from '@threadline/server/protocol';
import type { AgentDefinition } from '../config/agents-file.js';
import type { AppContext } from '../context.js';

/** Everything one assistant turn needs. */
export interface TurnRequest {
  thread: ThreadMetadata;
  /** The new user message; null when resuming (client tool output, structured input). */
  input: UserMessageItem | null;
  context: AppContext;
  agent: AgentDefinition;
  store: Store<AppContext>;
  /** Aborts when the client leaves, presses stop, or the server shuts down. */
  signal: AbortSignal;
}

/** Produces the assistant's events for a turn: a real model, the demo model, or a notice. */
export interface Responder {
  /** Shown in the start-up banner, e.g. `gpt-4.1-mini (OpenAI Responses)`. */
  readonly description: string;
  /** True when the responder names new threads itself (else the first message becomes the title). */
  readonly titlesThreads?: boolean;
  respond(turn: TurnRequest): AsyncIterable<ThreadStreamEventInput>;
  /** Handlers of widget actions (`threads.custom_action` / `sync_custom_action`); none → not supported. */
  readonly actions?: ActionRegistry<AppContext> | undefined;
  /**
   * A sync widget action no registered handler claims: answered by an MCP tool of the agent
   * (see `widget-actions.ts`), or undefined when none answers it.
   */
  syncWidgetAction?(
    request: Omit<TurnRequest, 'input' | 'signal'> & { action: Action; sender: WidgetItem },
  ): Promise<SyncCustomActionResponse | undefined>;
  /**
   * Runs before every turn: events that answer the turn instead of the model (e.g. a reminder
   * while a form waits for its answer), or undefined to go on.
   */
  guard?(
    store: Store<AppContext>,
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: AppContext,
  ): Promise<AsyncIterable<ThreadStreamEventInput> | undefined>;
  /** Prepares external resources (MCP sessions) at start-up; failures are logged, not thrown. */
  start?(): Promise<void>;
  /** Releases external resources (MCP server processes and sessions) on shutdown. */
  close?(): Promise<void>;
}
