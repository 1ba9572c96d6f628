import type { AssistantMessageItem, ThreadItem } from '../protocol/items.js';
import type { ThreadMetadata } from '../protocol/thread.js';
import type { Store } from '../stores/store.js';
import type { Logger } from './logger.js';

/** How often a streaming answer's partial text is stored (see docs/crash-safety.md). */
export interface CheckpointOptions {
  /** Longest time a streamed delta stays unsaved; default 1000 ms. */
  intervalMs?: number | undefined;
  /** Store after this many deltas even before the interval is over; default 256. */
  maxDeltas?: number | undefined;
}

export const DEFAULT_CHECKPOINT_INTERVAL_MS = 1_000;
export const DEFAULT_CHECKPOINT_MAX_DELTAS = 256;

/**
 * The trailing part a checkpointed answer carries. A finished (or cancelled) answer replaces the
 * stored copy, so the note survives only when the process died mid-answer: the user sees why the
 * answer stops, the model sees it in the history, and retrying the user message replaces it.
 */
export const INTERRUPTED_NOTE =
  'This answer was interrupted before it finished and may be incomplete. Retry to get a complete answer.';

const hasText = (item: AssistantMessageItem): boolean =>
  item.content.some((part) => part.text !== '');

/** The stored form of an answer that is still streaming: its text so far, then the note. */
export function checkpointCopy(item: AssistantMessageItem): AssistantMessageItem {
  return {
    ...item,
    content: [
      ...item.content.map((part) => ({ ...part, annotations: [...part.annotations] })),
      { type: 'output_text', text: INTERRUPTED_NOTE, annotations: [] },
    ],
  };
}

/**
 * Stores the partial text of the assistant messages a stream is producing, so a crash loses at most
 * `intervalMs` (or `maxDeltas` deltas, plus those that arrive during one write) of an answer.
 * Writes never block the stream: a delta only marks its item dirty; one write runs at a time.
 * Before the pipeline stores, replaces or removes an item it waits for `settle()`, so a late
 * checkpoint can never overwrite the final item.
 */
export class TurnCheckpoints<TContext> {
  private readonly intervalMs: number;
  private readonly maxDeltas: number;
  private readonly dirty = new Set<string>();
  /** Items with a stored checkpoint that the stream has not yet finished. */
  private readonly saved = new Set<string>();
  private deltas = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly store: Store<TContext>,
    private readonly thread: ThreadMetadata,
    private readonly context: TContext,
    private readonly pending: ReadonlyMap<string, ThreadItem>,
    private readonly logger: Logger,
    options: CheckpointOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS;
    this.maxDeltas = options.maxDeltas ?? DEFAULT_CHECKPOINT_MAX_DELTAS;
  }

  /** Called for every text delta applied to a pending item (the stream's hot path). */
  onDelta(itemId: string): void {
    if (this.stopped) return;
    this.dirty.add(itemId);
    if (++this.deltas >= this.maxDeltas) this.flush();
    else if (this.timer === undefined) {
      this.timer = setTimeout(this.flush, this.intervalMs);
      this.timer.unref?.();
    }
  }

  /** The item is about to be stored, replaced or removed by the stream itself. */
  async finish(itemId: string): Promise<void> {
    this.dirty.delete(itemId);
    await this.writing;
    this.saved.delete(itemId);
  }

  /**
   * The stream ended without finishing some items (an error, a cancellation, or an integration
   * that never sent `thread.item.done`): their checkpoints are removed, as the reference drops
   * pending items; a cancellation then stores what the user saw through `handleStreamCancelled`.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    this.dirty.clear();
    await this.writing;
    for (const id of this.saved) {
      try {
        await this.store.deleteThreadItem(this.thread.id, id, this.context);
      } catch (error) {
        this.logger.warn('Removing a partial answer failed', error);
      }
    }
    this.saved.clear();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly flush = (): void => {
    this.clearTimer();
    if (this.writing || this.stopped) return; // the running write re-checks `dirty` when done
    this.writing = this.write().finally(() => {
      this.writing = undefined;
      if (this.dirty.size > 0 && !this.stopped) {
        if (this.deltas >= this.maxDeltas) this.flush();
        else if (this.timer === undefined) {
          this.timer = setTimeout(this.flush, this.intervalMs);
          this.timer.unref?.();
        }
      }
    });
  };

  private async write(): Promise<void> {
    const ids = [...this.dirty];
    this.dirty.clear();
    this.deltas = 0;
    for (const id of ids) {
      const item = this.pending.get(id);
      if (item?.type !== 'assistant_message' || !hasText(item)) continue;
      try {
        await this.store.saveItem(this.thread.id, checkpointCopy(item), this.context);
        this.saved.add(id);
      } catch (error) {
        // The stream goes on; the next checkpoint (or the final item) tries again.
        this.logger.warn('Storing a partial answer failed', error);
      }
    }
  }
}
