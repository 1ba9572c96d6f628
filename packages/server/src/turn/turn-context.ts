import type { z } from 'zod';
import { ConfigurationError } from '../errors.js';
import type { ThreadStreamEventInput } from '../protocol/events.js';
import type { GeneratedImageItem, WorkflowItem } from '../protocol/items.js';
import type { ThreadMetadata } from '../protocol/thread.js';
import type { WidgetRoot } from '../protocol/widgets/index.js';
import { TaskSchema, WorkflowSchema, type WorkflowSummary } from '../protocol/workflow.js';
import type { StoreItemType } from '../stores/ids.js';
import type { Store } from '../stores/store.js';
import { streamWidget } from '../widgets/stream.js';
import { AsyncQueue } from './async-queue.js';

/** A client-side tool call a tool asks for; the turn ends with a pending `client_tool_call` item. */
export interface ClientToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** A task as an integration writes it (defaults such as `status_indicator` may be omitted). */
export type TaskInput = z.input<typeof TaskSchema>;
/** A workflow as an integration writes it. */
export type WorkflowInput = z.input<typeof WorkflowSchema>;

/** Options of {@link TurnContext}. */
export interface TurnContextOptions<TContext> {
  thread: ThreadMetadata;
  store: Store<TContext>;
  /** The per-request context the server received (auth, user id, …). */
  requestContext: TContext;
  /** The `signal` of `respond(…, { signal })`; aborts model calls and tools when the client leaves. */
  signal?: AbortSignal | undefined;
}

const now = (): string => new Date().toISOString();

/** Whole seconds since an ISO timestamp (the reference's `DurationSummary`). */
export const secondsSince = (iso: string): number =>
  Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 1000));

/**
 * Everything a turn's tools may touch while the model runs: the thread, the store, the request
 * context, and a queue of ChatKit events (progress updates, widgets, workflows, client effects)
 * that the bridge interleaves with the model's output. Free of any model SDK, so integrations
 * (forms, actions, MCP, knowledge) can depend on it without `@openai/agents`; the Agents SDK
 * bridge extends it as `AgentContext` (chatkit-python `AgentContext`, §9.1).
 */
export class TurnContext<TContext = unknown> {
  readonly thread: ThreadMetadata;
  readonly store: Store<TContext>;
  readonly requestContext: TContext;
  readonly signal: AbortSignal | undefined;
  /** Set by a tool to end the turn with a pending client tool call (one per turn). */
  clientToolCall: ClientToolCall | undefined;
  /** The workflow being streamed, if any. */
  workflowItem: WorkflowItem | undefined;
  /** The image being generated, if any (Agents SDK image generation). */
  generatedImageItem: GeneratedImageItem | undefined;
  /**
   * The model's most recent function call (`callId` as the model sent it, `itemId` its output
   * item id when there is one). A pending client tool call item reuses them.
   */
  lastFunctionCall: { callId: string; itemId?: string | undefined } | undefined;
  /** @internal The queue the bridges drain; use {@link stream} to add to it. */
  readonly events = new AsyncQueue<ThreadStreamEventInput>();

  constructor(options: TurnContextOptions<TContext>) {
    this.thread = options.thread;
    this.store = options.store;
    this.requestContext = options.requestContext;
    this.signal = options.signal;
  }

  /** A new store-backed id: `thread` uses `generateThreadId`, anything else `generateItemId`. */
  generateId(type: StoreItemType | 'thread', thread?: ThreadMetadata): string {
    if (type === 'thread') return this.store.generateThreadId(this.requestContext);
    return this.store.generateItemId(type, thread ?? this.thread, this.requestContext);
  }

  /** Queues any event (progress update, notice, client effect, item) for the client. */
  async stream(event: ThreadStreamEventInput): Promise<void> {
    this.events.push(event);
  }

  /**
   * Streams a widget into the thread (chatkit-python `AgentContext.stream_widget`): a static widget
   * becomes one `thread.item.done`; an async iterable of states becomes added → updates → done.
   * Resolves once the last state has been queued.
   */
  async streamWidget(
    widget: WidgetRoot | AsyncIterable<WidgetRoot>,
    copyText?: string,
  ): Promise<void> {
    const generateId = (type: 'message') => this.generateId(type);
    const options = copyText === undefined ? { generateId } : { generateId, copyText };
    for await (const event of streamWidget(this.thread, widget, options)) this.events.push(event);
  }

  /**
   * Starts a workflow item. A non-reasoning workflow without tasks is announced with its first
   * task (the reference defers the `thread.item.added`).
   */
  async startWorkflow(workflow: WorkflowInput): Promise<void> {
    const item: WorkflowItem = {
      type: 'workflow',
      id: this.generateId('workflow'),
      thread_id: this.thread.id,
      created_at: now(),
      workflow: WorkflowSchema.parse(workflow),
    };
    this.workflowItem = item;
    if (item.workflow.type !== 'reasoning' && item.workflow.tasks.length === 0) return;
    await this.stream({ type: 'thread.item.added', item: structuredClone(item) });
  }

  /** Appends a task, starting a `custom` workflow if none is active. */
  async addWorkflowTask(task: TaskInput): Promise<void> {
    const item = (this.workflowItem ??= {
      type: 'workflow',
      id: this.generateId('workflow'),
      thread_id: this.thread.id,
      created_at: now(),
      workflow: { type: 'custom', tasks: [], expanded: false },
    });
    const parsed = TaskSchema.parse(task);
    const { tasks } = item.workflow;
    tasks.push(parsed);
    if (item.workflow.type !== 'reasoning' && tasks.length === 1) {
      await this.stream({ type: 'thread.item.added', item: structuredClone(item) });
    } else {
      await this.stream({
        type: 'thread.item.updated',
        item_id: item.id,
        update: { type: 'workflow.task.added', task: parsed, task_index: tasks.length - 1 },
      });
    }
  }

  /** Replaces the task at `taskIndex` and streams the full task. */
  async updateWorkflowTask(task: TaskInput, taskIndex: number): Promise<void> {
    const item = this.workflowItem;
    if (!item) throw new ConfigurationError('updateWorkflowTask: no workflow is active');
    const parsed = TaskSchema.parse(task);
    item.workflow.tasks[taskIndex] = parsed;
    await this.stream({
      type: 'thread.item.updated',
      item_id: item.id,
      update: { type: 'workflow.task.updated', task: parsed, task_index: taskIndex },
    });
  }

  /**
   * Ends the active workflow (no-op without one): sets `summary` if given, else a duration summary
   * unless one exists; sets `expanded`; streams `thread.item.done` (persisted).
   */
  async endWorkflow(summary?: WorkflowSummary, expanded = false): Promise<void> {
    const item = this.workflowItem;
    if (!item) return;
    if (summary !== undefined) item.workflow.summary = summary;
    else if (item.workflow.summary == null) {
      item.workflow.summary = { duration: secondsSince(item.created_at) };
    }
    item.workflow.expanded = expanded;
    await this.stream({ type: 'thread.item.done', item: structuredClone(item) });
    this.workflowItem = undefined;
  }
}
