/**
 * @module The ChatKit wire contract as zod schemas (the single source of truth); types are inferred
 * from them. Needs only zod. Wire objects keep wire shape (snake_case keys).
 */
export {
  ICON_NAMES,
  IconNameSchema,
} from './icons.js';
export type {
  IconName,
} from './icons.js';
export {
  ActionSchema,
  ActionConfigSchema,
} from './actions.js';
export type {
  Action,
  ActionConfig,
  ActionConfigInput,
} from './actions.js';
export {
  pageSchema,
} from './page.js';
export type {
  Page,
} from './page.js';
export {
  UploadDescriptorSchema,
  FileAttachmentSchema,
  ImageAttachmentSchema,
  AttachmentSchema,
  AttachmentCreateParamsSchema,
} from './attachments.js';
export type {
  UploadDescriptor,
  FileAttachment,
  ImageAttachment,
  Attachment,
  AttachmentCreateParams,
} from './attachments.js';
export {
  UserMessageTextContentSchema,
  UserMessageTagContentSchema,
  UserMessageContentSchema,
  ToolChoiceSchema,
  InferenceOptionsSchema,
  URLSourceSchema,
  FileSourceSchema,
  EntitySourceSchema,
  SourceSchema,
  AnnotationSchema,
  AssistantMessageContentSchema,
} from './content.js';
export type {
  UserMessageTextContent,
  UserMessageTagContent,
  UserMessageContent,
  InferenceOptions,
  URLSource,
  FileSource,
  EntitySource,
  Source,
  Annotation,
  AssistantMessageContent,
} from './content.js';
export {
  CustomTaskSchema,
  SearchTaskSchema,
  ThoughtTaskSchema,
  FileTaskSchema,
  ImageTaskSchema,
  TaskSchema,
  CustomSummarySchema,
  DurationSummarySchema,
  WorkflowSummarySchema,
  WorkflowSchema,
} from './workflow.js';
export type {
  CustomTask,
  SearchTask,
  ThoughtTask,
  FileTask,
  ImageTask,
  Task,
  WorkflowSummary,
  Workflow,
} from './workflow.js';
export {
  StructuredInputAnswerSchema,
  MultipleChoiceInputSchema,
  FreeformInputSchema,
  StructuredInputSchema,
  StructuredInputSubmissionSchema,
} from './structured-input.js';
export type {
  StructuredInputAnswer,
  StructuredInput,
  StructuredInputSubmission,
} from './structured-input.js';
export {
  UserMessageItemSchema,
  AssistantMessageItemSchema,
  ClientToolCallItemSchema,
  WidgetItemSchema,
  GeneratedImageSchema,
  GeneratedImageItemSchema,
  StructuredInputItemSchema,
  WorkflowItemSchema,
  TaskItemSchema,
  EndOfTurnItemSchema,
  HiddenContextItemSchema,
  SDKHiddenContextItemSchema,
  ThreadItemSchema,
  HIDDEN_ITEM_TYPES,
  isHiddenItem,
} from './items.js';
export type {
  UserMessageItem,
  AssistantMessageItem,
  ClientToolCallItem,
  WidgetItem,
  GeneratedImage,
  GeneratedImageItem,
  StructuredInputItem,
  WorkflowItem,
  TaskItem,
  EndOfTurnItem,
  HiddenContextItem,
  SDKHiddenContextItem,
  ThreadItem,
  ThreadItemInput,
} from './items.js';
export {
  ThreadStatusSchema,
  ThreadMetadataSchema,
  ThreadItemPageSchema,
  ThreadSchema,
} from './thread.js';
export type {
  ThreadStatus,
  ThreadMetadata,
  Thread,
} from './thread.js';
export {
  AssistantMessageContentPartAddedSchema,
  AssistantMessageContentPartTextDeltaSchema,
  AssistantMessageContentPartAnnotationAddedSchema,
  AssistantMessageContentPartDoneSchema,
  WidgetStreamingTextValueDeltaSchema,
  WidgetRootUpdatedSchema,
  WidgetComponentUpdatedSchema,
  WorkflowTaskAddedSchema,
  WorkflowTaskUpdatedSchema,
  GeneratedImageUpdatedSchema,
  ThreadItemUpdateSchema,
} from './updates.js';
export type {
  ThreadItemUpdate,
  ThreadItemUpdateInput,
} from './updates.js';
export {
  ThreadCreatedEventSchema,
  ThreadUpdatedEventSchema,
  ThreadItemAddedEventSchema,
  ThreadItemUpdatedEventSchema,
  ThreadItemDoneEventSchema,
  ThreadItemRemovedEventSchema,
  ThreadItemReplacedEventSchema,
  StreamOptionsSchema,
  StreamOptionsEventSchema,
  ProgressUpdateEventSchema,
  ClientEffectEventSchema,
  ErrorEventSchema,
  NoticeEventSchema,
  ThreadStreamEventSchema,
} from './events.js';
export type {
  StreamOptions,
  ThreadStreamEvent,
  ThreadStreamEventInput,
  ThreadItemAddedEvent,
  ThreadItemUpdatedEvent,
  ThreadItemDoneEvent,
  ThreadItemRemovedEvent,
  ThreadItemReplacedEvent,
  ProgressUpdateEvent,
  ClientEffectEvent,
  ErrorEvent,
  NoticeEvent,
} from './events.js';
export {
  UserMessageInputSchema,
  ThreadsCreateReqSchema,
  ThreadsAddUserMessageReqSchema,
  ThreadsAddClientToolOutputReqSchema,
  ThreadsAddStructuredInputReqSchema,
  ThreadsRetryAfterItemReqSchema,
  ThreadsCustomActionReqSchema,
  ThreadsSyncCustomActionReqSchema,
  ThreadsGetByIdReqSchema,
  ThreadsListReqSchema,
  ThreadsUpdateReqSchema,
  ThreadsDeleteReqSchema,
  ItemsListReqSchema,
  ItemsFeedbackReqSchema,
  AttachmentsCreateReqSchema,
  AttachmentsDeleteReqSchema,
  InputTranscribeReqSchema,
  StreamingReqSchema,
  NonStreamingReqSchema,
  ChatKitReqSchema,
  STREAMING_REQUEST_TYPES,
  REQUEST_TYPES,
} from './requests.js';
export type {
  UserMessageInput,
  StreamingReq,
  NonStreamingReq,
  ChatKitReq,
  ChatKitReqType,
  FeedbackKind,
} from './requests.js';
export {
  SyncCustomActionResponseSchema,
  TranscriptionResultSchema,
} from './responses.js';
export type {
  SyncCustomActionResponse,
  TranscriptionResult,
  AudioInput,
} from './responses.js';
export {
  WidgetRootSchema,
  WidgetComponentSchema,
} from './widgets/index.js';
export type { WidgetRoot, WidgetComponent } from './widgets/index.js';
