/**
 * @module Provider-agnostic building blocks for answering a ChatKit turn with any model: the turn
 * context tools stream through, `streamAssistantMessage` for any text stream, a tool loop, the
 * thread-history converter and opt-in turn helpers (history window, model allow-list, composer tool
 * routing, request metadata, thread titles, friendly errors, input limits). Needs only zod; the SDK
 * adapters live at `./providers/openai-chat` and `./providers/anthropic`.
 */

// Turn context and event merging
export {
  TurnContext,
  type ClientToolCall,
  type TaskInput,
  type TurnContextOptions,
  type WorkflowInput,
} from './turn-context.js';
export { ContextEventTracker, streamWithContext } from './context-stream.js';
export {
  streamAssistantMessage,
  type StreamAssistantMessageOptions,
} from './stream-assistant-message.js';

// Tools
export { defineTool, toolJsonSchema, type ChatTool, type ToolCallInfo } from './tool.js';
export {
  runToolLoop,
  type ModelStep,
  type ModelToolCall,
  type ModelToolResult,
  type ToolLoopDriver,
  type ToolLoopOptions,
} from './tool-loop.js';
export {
  toolProgressEvent,
  type ToolCallSummary,
  type ToolProgressOption,
} from './tool-progress.js';

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
  attachmentNotice,
  isTextAttachment,
  MODEL_IMAGE_TYPES,
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
  latestUserMessage,
  loadHistory,
  loadHistoryInput,
  turnInferenceOptions,
  type LoadHistoryInputOptions,
  type LoadHistoryOptions,
} from './turn/history.js';
export { selectModel, type SelectModelOptions } from './turn/model-selection.js';
export { resolveToolChoice, type ResolveToolChoiceOptions } from './turn/tool-choice.js';
export {
  requestMetadataBlock,
  withRequestMetadata,
  type RequestMetadata,
} from './turn/request-metadata.js';
export {
  cleanTitle,
  fallbackTitle,
  generateThreadTitle,
  TITLE_INSTRUCTIONS,
  withThreadTitle,
  type ThreadTitleOptions,
  type TitleGenerator,
} from './turn/thread-title.js';
export {
  classifyByStatus,
  FRIENDLY_ERROR_MESSAGES,
  kindForStatus,
  toFriendlyError,
  withFriendlyErrors,
  type ErrorClassifier,
  type FriendlyErrorOptions,
  type ProviderErrorKind,
} from './turn/friendly-errors.js';
export { assertInputLength, userMessageText, type InputLimitOptions } from './turn/input-limit.js';
