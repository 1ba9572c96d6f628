/**
 * @module Chat Completions adapter (`openai` SDK, any OpenAI-compatible `baseURL`: OpenAI, Azure,
 * Ollama, vLLM, LM Studio): a streamed tool loop producing ChatKit events, message conversion,
 * error classification and a title generator. Needs the `openai` package.
 */
export {
  ChatCompletionsDriver,
  streamChatCompletions,
  type ChatCompletionsExtraParams,
  type ChatCompletionsTurnOptions,
} from './chat-completions-turn.js';
export {
  chatCompletionTools,
  toChatMessages,
  type ToChatMessagesOptions,
} from './chat-messages.js';
export { classifyOpenAIError } from './errors.js';
export { chatCompletionsTitleGenerator } from './title.js';
