/**
 * @module Threadline server SDK: `ChatKitServer`, the store interfaces, errors and ids.
 * Runtime-neutral (web standards only); needs zod. Wire schemas: `@threadline/server/protocol`;
 * HTTP handler: `@threadline/server/http`; stores and integrations at their own subpaths.
 */

// Server
export {
  ChatKitServer,
  type ChatKitServerOptions,
  type HookOptions,
  type ProcessOptions,
} from './server/chatkit-server.js';
export {
  createChatKitServer,
  type ChatKitServerHooks,
  type CreateChatKitServerOptions,
} from './server/create-chatkit-server.js';
export { assistantMessage } from './server/assistant-message.js';
export {
  isStreamingResult,
  type JsonResult,
  type ProcessResult,
  type StreamingResult,
} from './server/results.js';
export { CANCELLED_STREAM_NOTE } from './server/cancellation.js';
export { INTERRUPTED_NOTE, type CheckpointOptions } from './server/checkpoints.js';
export { encodeEvent } from './server/serialize.js';
export { consoleLogger, type Logger } from './server/logger.js';

// Server texts in the client's locales
export {
  canonicalLocale,
  catalogProblems,
  formatMessage,
  LOCALES,
  matchLocale,
  parseAcceptLanguage,
  SDK_CATALOGS,
  SDK_MESSAGE_KEYS,
  translator,
  type Catalogs,
  type Locale,
  type MessageParams,
  type Messages,
  type SdkMessageKey,
  type Translate,
} from './i18n/index.js';

// Stores
export { AttachmentStore, Store, type SortOrder } from './stores/store.js';
export { type FeedbackRecord, type ListFeedbackOptions } from './stores/feedback.js';
export { DelegatingStore } from './stores/delegating-store.js';
export { defaultGenerateId, type StoreItemType } from './stores/ids.js';
export { defaultResolveOwner, type Owner, type ResolveOwner } from './stores/owner.js';

// Errors
export {
  BaseStreamError,
  ConfigurationError,
  ConflictError,
  StoreUnavailableError,
  CustomStreamError,
  InvalidRequestError,
  NotFoundError,
  NotImplementedError,
  PayloadTooLargeError,
  StreamError,
  ThreadlineError,
  UnsupportedMediaTypeError,
  type RequestIssue,
} from './errors.js';

// Wire types most integrations touch (the rest: `@threadline/server/protocol`)
export type {
  Action,
  Attachment,
  AssistantMessageItem,
  ClientToolCallItem,
  Page,
  ThreadItem,
  ThreadItemInput,
  ThreadMetadata,
  ThreadStreamEvent,
  ThreadStreamEventInput,
  UserMessageItem,
  WidgetItem,
} from './protocol/index.js';
