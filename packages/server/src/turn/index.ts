/**
 * @module Runtime-neutral turn helpers: the turn context tools stream through (`AgentContext`
 * extends it), `streamAssistantMessage` for any text stream, the thread-history converter and
 * opt-in features (history window, model allow-list, composer tool routing, request metadata,
 * thread titles, friendly errors, input limits). Needs only zod; the agent runtime that uses them
 * is `@threadline/server/agents`.
 */

// Turn context and event merging
export {
  TurnContext,
  type ClientToolCall,
  type TaskInput,
  type TurnContextOptions,
  type WorkflowInput,
} from './turn-context.js';
export {
  streamAssistantMessage,
  type StreamAssistantMessageOptions,
} from './stream-assistant-message.js';

// Tool progress
export { type ToolCallSummary, type ToolProgressOption } from './tool-progress.js';

// Thread history → model input
export {
  simpleToModelInput,
  ThreadItemConverter,
  type AttachmentBytes,
  type ConvertedInput,
  type ThreadItemConverterOptions,
} from './input/thread-item-converter.js';
export {
  attachmentContent,
  tagAsText,
  type AttachmentContentOptions,
  type AttachmentSkipReason,
} from './input/attachment-content.js';
export { extractPdfText } from './input/pdf-text.js';
export type {
  ModelAssistantMessage,
  ModelFunctionCall,
  ModelFunctionCallResult,
  ModelInputFile,
  ModelInputImage,
  ModelInputItem,
  ModelInputText,
  ModelUserContent,
  ModelUserMessage,
} from './input/model-input.js';

// Turn features (each opt-in)
export {
  loadHistory,
  loadHistoryInput,
  turnInferenceOptions,
  type LoadHistoryInputOptions,
  type LoadHistoryOptions,
} from './history.js';
export { selectModel, type SelectModelOptions } from './model-selection.js';
export { resolveToolChoice, type ResolveToolChoiceOptions } from './tool-choice.js';
export { withRequestMetadata, type RequestMetadata } from './request-metadata.js';
export {
  generateThreadTitle,
  TITLE_INSTRUCTIONS,
  withThreadTitle,
  type ThreadTitleOptions,
  type TitleGenerator,
} from './thread-title.js';
export {
  FRIENDLY_ERROR_MESSAGES,
  toFriendlyError,
  withFriendlyErrors,
  type ErrorClassifier,
  type FriendlyErrorOptions,
  type ProviderErrorKind,
} from './friendly-errors.js';
export { assertInputLength, userMessageText, type InputLimitOptions } from './input-limit.js';
