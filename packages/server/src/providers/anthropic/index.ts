/**
 * @module Anthropic Messages adapter (`@anthropic-ai/sdk`): a streamed tool loop producing ChatKit
 * events, message conversion, error classification and a title generator. Needs
 * `@anthropic-ai/sdk`.
 */
export {
  AnthropicMessagesDriver,
  streamAnthropicMessages,
  type AnthropicExtraParams,
  type AnthropicTurnOptions,
} from './messages-turn.js';
export { anthropicTools, parseToolInput, toAnthropicMessages } from './anthropic-messages.js';
export { classifyAnthropicError } from './errors.js';
export { anthropicTitleGenerator } from './title.js';
