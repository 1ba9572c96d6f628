/**
 * @module Claude on the one agent runtime: `AnthropicModel`, an `@openai/agents` `Model` over the
 * Anthropic Messages API, its message conversion, and `classifyAnthropicError` for
 * `withFriendlyErrors`. Needs `@anthropic-ai/sdk` and `@openai/agents`.
 */
export {
  AnthropicModel,
  type AnthropicExtraParams,
  type AnthropicModelOptions,
} from './anthropic-model.js';
export {
  anthropicTools,
  parseToolInput,
  toAnthropicMessages,
  type AnthropicConversation,
  type AnthropicReasoningData,
} from './anthropic-messages.js';
export { classifyAnthropicError } from './errors.js';
