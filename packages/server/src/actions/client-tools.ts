import type { z } from 'zod';
import type { TurnContext } from '../turn/turn-context.js';

/** Options of a client tool: a tool the browser runs (`onClientTool`), not the server. */
export interface ClientToolOptions<S extends z.ZodType<Record<string, unknown>>> {
  name: string;
  description: string;
  /** The arguments the model sends; they reach the client as the call's `arguments`. */
  parameters: S;
}

/** What the model reads when the turn ends on a client tool call (never shown). */
export const CLIENT_TOOL_PENDING_OUTPUT =
  'The request was sent to the user’s browser; its result arrives in the next turn.';

/** Records the client tool call on the turn (the bridge emits it as a pending `client_tool_call`). */
export function requestClientToolCall<TContext>(
  context: TurnContext<TContext>,
  name: string,
  args: Record<string, unknown>,
): string {
  context.clientToolCall = { name, arguments: args };
  return CLIENT_TOOL_PENDING_OUTPUT;
}
