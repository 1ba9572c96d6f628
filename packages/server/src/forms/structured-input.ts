import type { z } from 'zod';
import type { StructuredInputItem } from '../protocol/items.js';
import { StructuredInputSchema } from '../protocol/structured-input.js';
import type { TurnContext } from '../turn/turn-context.js';

/** A question as an integration writes it (`multiple` defaults to false, no answer yet). */
export type StructuredInputQuestion = z.input<typeof StructuredInputSchema>;

/**
 * A pending `structured_input` item (the protocol-native way to ask questions, §4.8): the client
 * shows the questions in place of the composer and answers with `threads.add_structured_input`;
 * the server records the answers and calls `respond(thread, null, …)`.
 */
export function structuredInputItem(
  context: Pick<TurnContext<unknown>, 'thread' | 'generateId'>,
  questions: readonly StructuredInputQuestion[],
): StructuredInputItem {
  return {
    type: 'structured_input',
    id: context.generateId('message'),
    thread_id: context.thread.id,
    created_at: new Date().toISOString(),
    status: 'pending',
    inputs: questions.map((question) => StructuredInputSchema.parse(question)),
  };
}

/**
 * Streams a pending `structured_input` item from a tool (persisted with `thread.item.done`) and
 * returns it. End the turn after it (e.g. `stopAtToolNames` with the Agents SDK).
 */
export async function streamStructuredInput<TContext>(
  context: TurnContext<TContext>,
  questions: readonly StructuredInputQuestion[],
): Promise<StructuredInputItem> {
  const item = structuredInputItem(context, questions);
  await context.stream({ type: 'thread.item.done', item });
  return item;
}
