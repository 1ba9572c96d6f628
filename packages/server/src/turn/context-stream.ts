import type { ThreadItemDoneEvent, ThreadStreamEventInput } from '../protocol/events.js';
import {
  WorkflowItemSchema,
  type ClientToolCallItem,
  type WorkflowItem,
} from '../protocol/items.js';
import { QueueMerge } from './merge-streams.js';
import { secondsSince, type TurnContext } from './turn-context.js';

/** Item types that may appear after a workflow without ending it (§9.2). */
const KEEPS_WORKFLOW_OPEN: ReadonlySet<string> = new Set([
  'client_tool_call',
  'hidden_context_item',
]);

/**
 * The bookkeeping both bridges share (chatkit-python `stream_agent_response`, §9.2): resuming a
 * workflow left open by the previous turn, ending the active workflow when another visible item
 * appears, remembering every item id produced in the turn (for a guardrail rollback), and the end
 * of the turn: drain the queue, persist a still-open workflow, emit a pending client tool call.
 */
export class ContextEventTracker<TContext> {
  /** Ids of every item produced this turn, for {@link rollback}. */
  readonly producedItems = new Set<string>();

  constructor(readonly context: TurnContext<TContext>) {}

  /**
   * Continues a workflow across turns: the newest item, or the one before a trailing client tool
   * call, becomes the active workflow when it is one.
   */
  async resumeWorkflow(): Promise<void> {
    const { thread, store, requestContext } = this.context;
    const page = await store.loadThreadItems(thread.id, null, 2, 'desc', requestContext);
    const [last, second] = page.data;
    if (last?.type === 'workflow') this.context.workflowItem = last;
    else if (last?.type === 'client_tool_call' && second?.type === 'workflow') {
      this.context.workflowItem = second;
    }
  }

  /**
   * Ends a workflow automatically: keeps an existing summary, else a duration summary; always
   * collapsed (end it yourself with `expanded: true` to keep it open).
   */
  endWorkflow(item: WorkflowItem): ThreadItemDoneEvent {
    if (item === this.context.workflowItem) this.context.workflowItem = undefined;
    if (item.workflow.summary == null) {
      item.workflow.summary = { duration: secondsSince(item.created_at) };
    }
    item.workflow.expanded = false;
    return { type: 'thread.item.done', item };
  }

  /**
   * Call for every queued (or, in the provider loops, produced) event before forwarding it. Returns
   * the `thread.item.done` of the active workflow when this event's item ends it, else undefined.
   */
  beforeEvent(event: ThreadStreamEventInput): ThreadItemDoneEvent | undefined {
    if (event.type !== 'thread.item.added' && event.type !== 'thread.item.done') return undefined;
    const { item } = event;
    const active = this.context.workflowItem;
    let ended: ThreadItemDoneEvent | undefined;
    if (active && active.id !== item.id && !KEEPS_WORKFLOW_OPEN.has(item.type)) {
      ended = this.endWorkflow(active);
    }
    if (
      event.type === 'thread.item.done' &&
      item.type === 'workflow' &&
      this.context.workflowItem?.id === item.id
    ) {
      // A queued done of a workflow adopted from its (stale) added event: it is over.
      this.context.workflowItem = undefined;
    }
    if (event.type === 'thread.item.added' && item.type === 'workflow') {
      // Keep the live object when the context already tracks this workflow (tasks may have been
      // appended since this event was queued).
      if (this.context.workflowItem?.id !== item.id) {
        this.context.workflowItem = WorkflowItemSchema.parse(item);
      }
    }
    this.producedItems.add(item.id);
    return ended;
  }

  /**
   * The end of a turn: what is still queued (forwarded as-is), then the pending client tool call if
   * a tool asked for one. A still-open workflow is persisted directly (no event; the next turn
   * continues it).
   */
  async finish(): Promise<ThreadStreamEventInput[]> {
    const { context } = this;
    context.events.close();
    const out = context.events.takeAll();
    const { thread, store, requestContext } = context;
    if (context.workflowItem) {
      await store.addThreadItem(thread.id, context.workflowItem, requestContext);
    }
    const call = context.clientToolCall;
    if (call) {
      const item: ClientToolCallItem = {
        type: 'client_tool_call',
        id: context.lastFunctionCall?.itemId ?? context.generateId('tool_call'),
        thread_id: thread.id,
        created_at: new Date().toISOString(),
        status: 'pending',
        call_id: context.lastFunctionCall?.callId ?? context.generateId('tool_call'),
        name: call.name,
        arguments: call.arguments,
      };
      out.push({ type: 'thread.item.done', item });
    }
    return out;
  }

  /**
   * Guardrail rollback: one `thread.item.removed` per produced item; the queue is discarded.
   */
  rollback(): ThreadStreamEventInput[] {
    this.context.events.close();
    this.context.events.takeAll();
    return [...this.producedItems].map((item_id) => ({ type: 'thread.item.removed', item_id }));
  }
}

/**
 * Interleaves a turn's own events with everything its tools queue on `context`, with the
 * workflow and client-tool-call handling of the Agents bridge (§9.2). The provider loops
 * (`@threadline/server/turn/openai-chat`, `…/anthropic`) wrap their output in it; use it to
 * build a loop for any other provider.
 */
export async function* streamWithContext<TContext>(
  context: TurnContext<TContext>,
  events: AsyncIterable<ThreadStreamEventInput>,
): AsyncGenerator<ThreadStreamEventInput, void, undefined> {
  const tracker = new ContextEventTracker(context);
  await tracker.resumeWorkflow();
  const merge = new QueueMerge(events[Symbol.asyncIterator](), context.events);
  try {
    for (;;) {
      let event = context.events.poll();
      if (event === undefined) {
        const waiting = merge.wait();
        if (waiting) await waiting;
        const next = merge.take();
        if (next === undefined) continue;
        if (next.done) break;
        event = next.value;
      }
      const ended = tracker.beforeEvent(event);
      if (ended) yield ended;
      yield event;
    }
  } finally {
    merge.close();
  }
  for (const event of await tracker.finish()) yield event;
}
