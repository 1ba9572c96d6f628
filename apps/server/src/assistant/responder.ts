import type { Store, ThreadMetadata, ThreadStreamEventInput, UserMessageItem } from '@threadline/server';
import type { AgentDefinition } from '../config/agents-file.js';
import type { AppContext } from '../context.js';

/** Everything one assistant turn needs. */
export interface TurnRequest {
  thread: ThreadMetadata;
  /** The new user message; null when resuming (client tool output, structured input). */
  input: UserMessageItem | null;
  context: AppContext;
  agent: AgentDefinition;
  store: Store<AppContext>;
  /** Aborts when the client leaves, presses stop, or the server shuts down. */
  signal: AbortSignal;
}

/** Produces the assistant's events for a turn: a real model, the demo model, or a notice. */
export interface Responder {
  /** Shown in the start-up banner, e.g. `gpt-4.1-mini (OpenAI Responses)`. */
  readonly description: string;
  /** True when the responder names new threads itself (else the first message becomes the title). */
  readonly titlesThreads?: boolean;
  respond(turn: TurnRequest): AsyncIterable<ThreadStreamEventInput>;
}

/** The text of a user message (text parts and tags), for titles and the demo model. */
export function userText(input: UserMessageItem | null): string {
  if (!input) return '';
  return input.content
    .map((part) => (part.type === 'input_text' ? part.text : `@${part.text}`))
    .join(' ')
    .trim();
}
