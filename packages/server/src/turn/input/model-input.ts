/**
 * Model input, produced by `ThreadItemConverter`. The shapes are the Agents SDK's
 * (`AgentInputItem` from `@openai/agents`), declared here so the converter needs only zod; the
 * bridge passes them through unchanged and each `Model` (Responses, Chat Completions,
 * `AnthropicModel`) translates them to its API's message format.
 */

/** Text the user (or the integration on the user's behalf) sent. */
export interface ModelInputText {
  type: 'input_text';
  text: string;
}

/** An image: an `https:` URL or a `data:` URL. */
export interface ModelInputImage {
  type: 'input_image';
  image: string;
  detail?: 'auto' | 'low' | 'high';
}

/** A file: a `data:<mime>;base64,…` URL (inline bytes) or an `https:` URL. */
export interface ModelInputFile {
  type: 'input_file';
  file: string;
  filename?: string;
}

/** A content part of a user message. */
export type ModelUserContent = ModelInputText | ModelInputImage | ModelInputFile;

/** A user-role message (also used for context the integration adds, as in the reference). */
export interface ModelUserMessage {
  type: 'message';
  role: 'user';
  content: ModelUserContent[];
}

/** A previous assistant answer (text only; annotations are not sent back, as in the reference). */
export interface ModelAssistantMessage {
  type: 'message';
  role: 'assistant';
  status: 'completed';
  content: { type: 'output_text'; text: string }[];
}

/** A tool call the model made; `arguments` is a JSON string. */
export interface ModelFunctionCall {
  type: 'function_call';
  callId: string;
  name: string;
  arguments: string;
}

/** The result of a tool call; `output` is a JSON string for structured results. */
export interface ModelFunctionCallResult {
  type: 'function_call_result';
  callId: string;
  name: string;
  status: 'completed';
  output: string;
}

/** One item of model input: a message, a tool call or a tool result. */
export type ModelInputItem =
  ModelUserMessage | ModelAssistantMessage | ModelFunctionCall | ModelFunctionCallResult;

/** A user-role message with one text part (how most thread items are described to the model). */
export const userText = (text: string): ModelUserMessage => ({
  type: 'message',
  role: 'user',
  content: [{ type: 'input_text', text }],
});
