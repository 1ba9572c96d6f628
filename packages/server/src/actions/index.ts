/**
 * @module Widget actions: `ActionRegistry` (server handlers by action type for
 * `threads.custom_action` and `threads.sync_custom_action`, with optional zod payload schemas),
 * event helpers (replace the sender widget, hidden context, client effects), `emitClientEffect`
 * for server tools, and the client tool's building blocks (the Agents SDK tool itself, `clientTool`:
 * `@threadline/server/actions/agents`). Needs only zod.
 */
export {
  ActionRegistry,
  type ActionHandler,
  type ActionHandlerArgs,
  type ActionHost,
  type ActionOptions,
  type ActionRegistryOptions,
  type SyncActionHandler,
  type SyncActionHandlerArgs,
} from './action-registry.js';
export {
  actionUserMessage,
  type ActionUserMessageOptions,
  type UserMessageActionHost,
} from './action-user-message.js';
export { clientEffectEvent, hiddenContextEvent, replacedWidgetEvent } from './action-events.js';
export { emitClientEffect, type TurnContextLike } from './client-effects.js';
export {
  CLIENT_TOOL_PENDING_OUTPUT,
  requestClientToolCall,
  type ClientToolOptions,
} from './client-tools.js';
