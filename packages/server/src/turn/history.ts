import type { InferenceOptions } from '../protocol/content.js';
import type { ThreadItem, UserMessageItem } from '../protocol/items.js';
import type { ThreadMetadata } from '../protocol/thread.js';
import type { Store } from '../stores/store.js';
import type { ModelInputItem } from './input/model-input.js';
import { ThreadItemConverter } from './input/thread-item-converter.js';

/** Options of {@link loadHistory}. */
export interface LoadHistoryOptions {
  /** How many of the newest items to load; default 30. */
  limit?: number | undefined;
}

/**
 * The newest `limit` items of a thread, oldest first, ready for a converter. Hidden context items
 * are included on purpose: they exist to inform the model (§6.10).
 */
export async function loadHistory<TContext>(
  store: Store<TContext>,
  thread: ThreadMetadata,
  context: TContext,
  options: LoadHistoryOptions = {},
): Promise<ThreadItem[]> {
  const page = await store.loadThreadItems(thread.id, null, options.limit ?? 30, 'desc', context);
  return page.data.reverse();
}

/** Options of {@link loadHistoryInput}. */
export interface LoadHistoryInputOptions extends LoadHistoryOptions {
  /** Defaults to a plain {@link ThreadItemConverter}. */
  converter?: ThreadItemConverter | undefined;
}

/** {@link loadHistory} then conversion to model input: the usual first line of a `respond`. */
export async function loadHistoryInput<TContext>(
  store: Store<TContext>,
  thread: ThreadMetadata,
  context: TContext,
  options: LoadHistoryInputOptions = {},
): Promise<ModelInputItem[]> {
  const items = await loadHistory(store, thread, context, options);
  return (options.converter ?? new ThreadItemConverter()).toAgentInput(items);
}

/** The newest user message in `items` (which are oldest first), if any. */
export function latestUserMessage(items: readonly ThreadItem[]): UserMessageItem | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (item.type === 'user_message') return item;
  }
  return undefined;
}

/**
 * The inference options that govern this turn: the new message's, or, when resuming after a client
 * tool output or structured input (`input` is null), those of the latest user message in history.
 */
export function turnInferenceOptions(
  input: UserMessageItem | null | undefined,
  history: readonly ThreadItem[] = [],
): InferenceOptions | undefined {
  return (input ?? latestUserMessage(history))?.inference_options;
}
