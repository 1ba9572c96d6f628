/**
 * @module `@openai/agents` bridge (chatkit-python `chatkit.agents`): `AgentContext`,
 * `streamAgentResponse` (an Agents SDK run as ChatKit events), `ThreadItemConverter` /
 * `simpleToAgentInput` (thread history as model input), `accumulateText`, and a title generator.
 * Its first use turns Agents SDK tracing off (opt back in with `enableAgentsTracing()`).
 * Needs `@openai/agents` (and `openai`).
 */
export { AgentContext, type AgentContextOptions } from './agent-context.js';
export { streamAgentResponse, type StreamAgentResponseOptions } from './stream-agent-response.js';
export { streamAgentRun, type StreamAgentRunOptions } from './stream-agent-run.js';
export {
  convertAnnotation,
  convertContent,
  ResponseStreamConverter,
  type ResponseStreamConverterOptions,
} from './response-stream-converter.js';
export { PLACEHOLDER_IDS } from './responses-mapper.js';
export { accumulateText, type StreamingTextWidget } from './accumulate-text.js';
export { asAgentInput, simpleToAgentInput } from './to-agent-input.js';
export { agentTitleGenerator } from './title.js';
export { enableAgentsTracing } from './tracing.js';

// From the runtime-neutral turn helpers (`./turn`), re-exported where chatkit-python users look for them.
export {
  ThreadItemConverter,
  type AttachmentBytes,
  type ConvertedInput,
  type ThreadItemConverterOptions,
} from '../turn/input/thread-item-converter.js';
export type { ClientToolCall, TaskInput, WorkflowInput } from '../turn/turn-context.js';
export type { ToolProgressOption } from '../turn/tool-progress.js';
export { classifyOpenAIError } from './openai-errors.js';
