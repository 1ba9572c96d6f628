import {
  InputGuardrailTripwireTriggered,
  OutputGuardrailTripwireTriggered,
  type RunStreamEvent,
} from '@openai/agents';
import type { ThreadStreamEventInput } from '../protocol/events.js';
import { ContextEventTracker } from '../turn/context-stream.js';
import { QueueMerge } from '../turn/merge-streams.js';
import type { ToolProgressOption } from '../turn/tool-progress.js';
import type { AgentContext } from './agent-context.js';
import { ResponseStreamConverter } from './response-stream-converter.js';
import { RunEventMapper } from './run-event-mapper.js';
import { applyTracingDefault } from './tracing.js';

/** Options of {@link streamAgentResponse}. */
export interface StreamAgentResponseOptions {
  /** Image URLs, partial-image progress and citations; default {@link ResponseStreamConverter}. */
  converter?: ResponseStreamConverter | undefined;
  /**
   * A `progress_update` when the model calls a tool ("Calling <tool>…" with `true`). Default off:
   * the reference shows server tool calls only through what the tools stream themselves.
   */
  toolProgress?: ToolProgressOption | undefined;
}

const DEFAULT_CONVERTER = new ResponseStreamConverter();
type Done = IteratorReturnResult<undefined>;
const DONE: Done = { value: undefined, done: true };

/**
 * Streams an Agents SDK run as ChatKit events (chatkit-python `stream_agent_response`, §9.2):
 * assistant messages (added → content_part.added → text_delta → annotation_added →
 * content_part.done → done), reasoning summaries as a reasoning workflow that ends with a duration
 * summary when the answer starts, generated images with partial progress, and everything tools
 * queue on the context, interleaved as it happens. At the end it drains the queue, persists a
 * still-open workflow (continued next turn) and emits the pending client tool call a tool asked
 * for. On a guardrail tripwire it removes every item of the turn (`thread.item.removed`) and
 * rethrows, which the server turns into an error event.
 *
 * `result` is the run (`run(agent, input, { stream: true, context, signal })`) or anything that
 * iterates the same events. Stopping the iteration early cancels the run.
 *
 * @example
 * ```ts
 * import { Agent, run } from '@openai/agents';
 * import { createChatKitServer } from '@threadline/server';
 * import { AgentContext, simpleToAgentInput, streamAgentResponse } from '@threadline/server/agents';
 * import { loadHistory } from '@threadline/server/turn';
 * import { MemoryStore } from '@threadline/server/stores/memory';
 *
 * type Ctx = { userId: string };
 * const agent = new Agent<AgentContext<Ctx>>({ name: 'Assistant', instructions: 'Be brief.' });
 *
 * const server = createChatKitServer({
 *   store: new MemoryStore<Ctx>(),
 *   async *respond(thread, input, requestContext, { signal }) {
 *     const context = new AgentContext({ thread, store: this.store, requestContext, signal });
 *     const history = await simpleToAgentInput(await loadHistory(this.store, thread, requestContext));
 *     const result = await run(agent, history, { stream: true, context, signal });
 *     yield* streamAgentResponse(context, result);
 *   },
 * });
 * ```
 */
export function streamAgentResponse<TContext>(
  context: AgentContext<TContext>,
  result: AsyncIterable<RunStreamEvent>,
  options: StreamAgentResponseOptions = {},
): AsyncIterableIterator<ThreadStreamEventInput, undefined> {
  applyTracingDefault();
  return new AgentResponseStream(context, result, options);
}

/**
 * The iterator behind {@link streamAgentResponse}. Hand-written rather than an async generator:
 * every model delta crosses it, and one generator hop per event was the bridge's largest cost.
 */
class AgentResponseStream<TContext> implements AsyncIterableIterator<
  ThreadStreamEventInput,
  undefined
> {
  private readonly tracker: ContextEventTracker<TContext>;
  private readonly mapper: RunEventMapper<TContext>;
  private merge: QueueMerge<RunStreamEvent, ThreadStreamEventInput> | undefined;
  private state: 'start' | 'running' | 'finishing' | 'done' = 'start';
  /** Events ready to hand out, in order. */
  private out: ThreadStreamEventInput[] = [];
  private head = 0;
  /** Thrown once `out` is drained (after a guardrail rollback's removals). */
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly context: AgentContext<TContext>,
    private readonly result: AsyncIterable<RunStreamEvent>,
    options: StreamAgentResponseOptions,
  ) {
    this.tracker = new ContextEventTracker(context);
    this.mapper = new RunEventMapper(
      context,
      this.tracker,
      options.converter ?? DEFAULT_CONVERTER,
      options.toolProgress,
    );
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /**
   * Fast path for a model delta: with nothing queued, the wait for the run's next event is chained
   * straight into the mapping (no async function activation per delta); anything else, or a
   * mapping that is not one event, continues in {@link step}.
   */
  next(): Promise<IteratorResult<ThreadStreamEventInput, undefined>> {
    if (
      this.state === 'running' &&
      this.head === this.out.length &&
      this.failure === undefined &&
      this.context.events.size === 0
    ) {
      const waiting = this.merge!.wait();
      if (waiting) return waiting.then(this.afterWait);
    }
    return this.step();
  }

  /** The run's next event (or a queue push) is ready: one mapped event is handed out directly. */
  private readonly afterWait = ():
    | IteratorResult<ThreadStreamEventInput, undefined>
    | Promise<IteratorResult<ThreadStreamEventInput, undefined>> => {
    const merge = this.merge!;
    try {
      const next = merge.take();
      if (next !== undefined && !next.done && this.state === 'running') {
        const mapped = this.mapper.handle(next.value);
        if (mapped === undefined) return this.step();
        if (mapped instanceof Promise) {
          return mapped.then(
            (events) => this.handOut(events),
            (error: unknown) => {
              this.fail(merge, error);
              return this.step();
            },
          );
        }
        return this.handOut(mapped);
      }
      if (next?.done) {
        merge.close();
        this.state = 'finishing';
      }
    } catch (error) {
      this.fail(merge, error);
    }
    return this.step();
  };

  private handOut(
    mapped: ThreadStreamEventInput | ThreadStreamEventInput[] | undefined,
  ):
    | IteratorResult<ThreadStreamEventInput, undefined>
    | Promise<IteratorResult<ThreadStreamEventInput, undefined>> {
    if (mapped === undefined) return this.step();
    if (!Array.isArray(mapped)) return { value: mapped, done: false };
    this.out.push(...mapped);
    return this.step();
  }

  /** The general loop: queued events, start, the run's events, the end of the turn. */
  private async step(): Promise<IteratorResult<ThreadStreamEventInput, undefined>> {
    for (;;) {
      if (this.head < this.out.length) {
        const value = this.out[this.head++]!;
        if (this.head === this.out.length) {
          this.out = [];
          this.head = 0;
        }
        return { value, done: false };
      }
      if (this.failure) {
        const { error } = this.failure;
        this.failure = undefined;
        throw error;
      }
      switch (this.state) {
        case 'start':
          await this.tracker.resumeWorkflow();
          this.merge = new QueueMerge(this.result[Symbol.asyncIterator](), this.context.events);
          this.state = 'running';
          break;
        case 'running': {
          // Inlined (no async helper): this runs once per model delta.
          const queued = this.context.events.poll();
          if (queued !== undefined) {
            const ended = this.tracker.beforeEvent(queued);
            if (ended) this.out.push(ended);
            this.out.push(queued);
            break;
          }
          const merge = this.merge!;
          try {
            const waiting = merge.wait();
            if (waiting) await waiting;
            const next = merge.take();
            if (next === undefined) break;
            if (next.done) {
              merge.close();
              this.state = 'finishing';
              break;
            }
            let mapped = this.mapper.handle(next.value);
            if (mapped instanceof Promise) mapped = await mapped;
            if (mapped === undefined) break;
            if (!Array.isArray(mapped)) return { value: mapped, done: false };
            this.out.push(...mapped);
          } catch (error) {
            this.fail(merge, error);
          }
          break;
        }
        case 'finishing':
          this.state = 'done';
          this.out = await this.tracker.finish();
          break;
        case 'done':
          return DONE;
      }
    }
  }

  /** The run failed: roll back on a guardrail tripwire, then rethrow once the removals are out. */
  private fail(merge: QueueMerge<RunStreamEvent, ThreadStreamEventInput>, error: unknown): void {
    merge.close();
    this.state = 'done';
    if (
      error instanceof InputGuardrailTripwireTriggered ||
      error instanceof OutputGuardrailTripwireTriggered
    ) {
      this.out.push(...this.tracker.rollback());
    }
    this.failure = { error };
  }

  /** Stops early (the consumer went away): cancels the run without waiting for it. */
  async return(): Promise<IteratorResult<ThreadStreamEventInput, undefined>> {
    this.merge?.close();
    this.state = 'done';
    this.out = [];
    this.head = 0;
    this.failure = undefined;
    return DONE;
  }
}
