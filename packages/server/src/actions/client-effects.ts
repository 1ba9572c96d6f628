import type { TurnContext } from '../turn/turn-context.js';
import { clientEffectEvent } from './action-events.js';

/** A turn context, or an Agents SDK `RunContext` holding one (what a tool's `execute` receives). */
export type TurnContextLike<TContext = unknown> =
  TurnContext<TContext> | { context: TurnContext<TContext> };

const unwrap = <TContext>(ctx: TurnContextLike<TContext>): TurnContext<TContext> =>
  'events' in ctx ? ctx : ctx.context;

/**
 * Sends a `client_effect` event from a server tool while the turn streams: fire-and-forget, the
 * client's `onEffect({ name, data })` handles it (navigate, show a toast, refresh a view…).
 * Accepts the `TurnContext`/`AgentContext` or the Agents SDK run context.
 *
 * @example
 * ```ts
 * import { tool } from '@openai/agents';
 * import { emitClientEffect } from '@threadline/server/actions';
 * import type { AgentContext } from '@threadline/server/agents';
 * import { z } from 'zod';
 *
 * const focus = tool({
 *   name: 'focus_task',
 *   description: 'Scrolls the task list to a task',
 *   parameters: z.object({ id: z.string() }),
 *   async execute({ id }, runContext?: { context: AgentContext }) {
 *     await emitClientEffect(runContext!, 'focus_task', { id });
 *     return 'Focused.';
 *   },
 * });
 * ```
 */
export async function emitClientEffect<TContext>(
  ctx: TurnContextLike<TContext>,
  name: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  await unwrap(ctx).stream(clientEffectEvent(name, data));
}
