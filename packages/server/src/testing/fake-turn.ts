/** One tool call the fake model makes. */
export interface FakeToolCall {
  name: string;
  /** JSON string or object; default `{}`. */
  arguments?: string | Record<string, unknown>;
  /** The call id (default `call_…` / `toolu_…`). */
  id?: string;
}

/** A provider error the fake answers with instead of a turn. */
export interface FakeError {
  /** HTTP status, e.g. 429. */
  status: number;
  message?: string;
  /** Error type (`rate_limit_error`, `invalid_request_error`, …); a default per status otherwise. */
  type?: string;
  /** OpenAI error code, e.g. `insufficient_quota`. */
  code?: string;
  headers?: Record<string, string>;
}

/**
 * What the fake model answers to one request, described once and rendered in the dialect of the
 * endpoint that was called (Responses, Chat Completions or Anthropic Messages).
 */
export interface FakeTurn {
  /** The answer: a string (streamed word by word) or the exact deltas. */
  text?: string | readonly string[];
  /** Reasoning summary parts (Responses) / a thinking block (Anthropic); ignored by Chat Completions. */
  reasoning?: readonly string[];
  /** Tool calls, after the text. */
  toolCalls?: readonly FakeToolCall[];
  /** Responses API annotation objects (`url_citation`, `file_citation`, …) on the text. */
  annotations?: readonly Record<string, unknown>[];
  /** Responses image generation: base64 partial images, then the final image. */
  image?: { partials?: readonly string[]; result: string };
  /** Milliseconds to wait before each streamed event ("slow mode", to cancel mid-answer). */
  delayMs?: number;
  /** Answer with this HTTP error instead. */
  error?: FakeError;
  /** Override the message / completion id (e.g. `__fake_id__`). */
  id?: string;
}

/** Which API a request was made to. */
export type FakeApi = 'responses' | 'chat' | 'anthropic';

/** A request the fake received. */
export interface FakeRequest {
  api: FakeApi;
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body. */
  body: Record<string, unknown>;
  /** Whether the client asked for a stream. */
  stream: boolean;
}

/** A queue of turns (one per request, in order) or a function of the request. */
export type FakeScript =
  readonly FakeTurn[] | ((request: FakeRequest) => FakeTurn | Promise<FakeTurn>);

/** One streamed event: an SSE `event:` name (omitted for Chat Completions) and its JSON data. */
export interface FakeSseEvent {
  event?: string;
  data: unknown;
}

/** What a renderer produces: a stream of events, or a single JSON body. */
export interface Rendered {
  events: FakeSseEvent[];
  json: unknown;
}

/** Word-sized deltas that concatenate to exactly `text` (whitespace and newlines kept). */
export function textDeltas(text: string | readonly string[] | undefined): string[] {
  if (text === undefined) return [];
  if (typeof text !== 'string') return [...text];
  return text === '' ? [] : text.split(/(?<=\s)(?=\S)/);
}

/** The full answer text of a turn. */
export const fullText = (turn: FakeTurn): string => textDeltas(turn.text).join('');

let counter = 0;
/** A unique-enough id with a prefix, e.g. `msg_fake3a9c…`. */
export function fakeId(prefix: string): string {
  counter += 1;
  return `${prefix}_fake${counter.toString(16)}${Math.random().toString(16).slice(2, 10)}`;
}

/** Tool call arguments as a JSON string. */
export const argumentsJson = (call: FakeToolCall): string =>
  typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {});
