import type {
  ResponseOutputItem,
  ResponseOutputText,
  ResponseStreamEvent,
} from 'openai/resources/responses/responses';
import type { ThreadStreamEvent } from '../protocol/events.js';
import type { AssistantMessageItem, GeneratedImageItem, WorkflowItem } from '../protocol/items.js';
import type { ThoughtTask } from '../protocol/workflow.js';
import type { ContextEventTracker } from '../turn/context-stream.js';
import type { TurnContext } from '../turn/turn-context.js';
import {
  convertAnnotation,
  convertContent,
  type ResponseStreamConverter,
} from './response-stream-converter.js';

/** Ids some model adapters use when the provider gives none (chatkit-python #36). */
export const PLACEHOLDER_IDS: ReadonlySet<string> = new Set(['', '__fake_id__', 'FAKE_ID']);
export const isPlaceholderId = (id: string | null | undefined): boolean =>
  id == null || PLACEHOLDER_IDS.has(id);

type EventOf<T extends ResponseStreamEvent['type']> = Extract<ResponseStreamEvent, { type: T }>;

/** What a handler returns: nothing, one event, or several in order. */
export type Mapped = ThreadStreamEvent | ThreadStreamEvent[] | undefined;

const now = (): string => new Date().toISOString();

/**
 * Maps raw Responses API stream events to ChatKit events, exactly as chatkit-python's
 * `stream_agent_response` does (§9.2). One instance per run. Deviation: a message whose id is
 * missing or a placeholder (`__fake_id__`/`FAKE_ID`) gets a fresh store id, used consistently by
 * all its events, so messages of placeholder-id models no longer overwrite each other (#36).
 */
export class ResponsesMapper<TContext> {
  private readonly annotationCounts = new Map<string, number>();
  private readonly ids = new Map<string, string>();
  private thought: { itemId: string; index: number; task: ThoughtTask } | undefined;

  constructor(
    private readonly context: TurnContext<TContext>,
    private readonly tracker: ContextEventTracker<TContext>,
    private readonly converter: ResponseStreamConverter,
  ) {}

  /** The ChatKit id for an upstream item id (placeholders get one fresh id per message). */
  private itemId(upstream: string | undefined): string {
    const mapped = this.ids.get(upstream ?? '');
    if (mapped !== undefined) return mapped;
    if (!isPlaceholderId(upstream)) return upstream!;
    const fresh = this.context.generateId('message');
    this.ids.set(upstream ?? '', fresh);
    return fresh;
  }

  private async message(
    item: Extract<ResponseOutputItem, { type: 'message' }>,
  ): Promise<AssistantMessageItem> {
    const content = [];
    for (const part of item.content) content.push(await convertContent(part, this.converter));
    return {
      type: 'assistant_message',
      id: this.itemId(item.id),
      thread_id: this.context.thread.id,
      created_at: now(),
      content,
    };
  }

  /** Handles one raw event; text deltas take a synchronous path. Other event types are ignored. */
  handle(event: ResponseStreamEvent): Mapped | Promise<Mapped> {
    if (event.type === 'response.output_text.delta') {
      return {
        type: 'thread.item.updated',
        item_id: this.itemId(event.item_id),
        update: {
          type: 'assistant_message.content_part.text_delta',
          content_index: event.content_index,
          delta: event.delta,
        },
      };
    }
    if (event.type === 'response.output_text.done') {
      return {
        type: 'thread.item.updated',
        item_id: this.itemId(event.item_id),
        update: {
          type: 'assistant_message.content_part.done',
          content_index: event.content_index,
          // Annotations deliberately empty here; the item's done event carries them (§12.2 #10).
          content: { type: 'output_text', text: event.text, annotations: [] },
        },
      };
    }
    if (event.type === 'response.content_part.added') return this.partAdded(event);
    if (event.type === 'response.output_text.annotation.added') return this.annotationAdded(event);
    if (event.type === 'response.output_item.added') return this.itemAdded(event.item);
    if (event.type === 'response.output_item.done') return this.itemDone(event.item);
    if (event.type === 'response.image_generation_call.partial_image')
      return this.partialImage(event);
    if (event.type === 'response.reasoning_summary_text.delta') {
      return this.summaryDelta(event.item_id, event.summary_index, event.delta);
    }
    if (event.type === 'response.reasoning_summary_text.done') {
      return this.summaryDone(event.item_id, event.summary_index, event.text);
    }
    return undefined;
  }

  private async partAdded(event: EventOf<'response.content_part.added'>): Promise<Mapped> {
    if (event.part.type === 'reasoning_text') return undefined;
    return {
      type: 'thread.item.updated',
      item_id: this.itemId(event.item_id),
      update: {
        type: 'assistant_message.content_part.added',
        content_index: event.content_index,
        content: await convertContent(event.part, this.converter),
      },
    };
  }

  private async annotationAdded(
    event: EventOf<'response.output_text.annotation.added'>,
  ): Promise<Mapped> {
    const raw = event.annotation as ResponseOutputText['annotations'][number];
    const annotation = await convertAnnotation(raw, this.converter);
    if (!annotation) return undefined;
    // Our own running index per content part: dropped annotations leave no gaps.
    const key = `${event.item_id}\u0000${event.content_index}`;
    const index = this.annotationCounts.get(key) ?? 0;
    this.annotationCounts.set(key, index + 1);
    return {
      type: 'thread.item.updated',
      item_id: this.itemId(event.item_id),
      update: {
        type: 'assistant_message.content_part.annotation_added',
        content_index: event.content_index,
        annotation_index: index,
        annotation,
      },
    };
  }

  private async itemAdded(item: ResponseOutputItem): Promise<Mapped> {
    const { context, tracker } = this;
    const out: ThreadStreamEvent[] = [];
    if (item.type === 'reasoning' && !context.workflowItem) {
      const workflowItem: WorkflowItem = {
        type: 'workflow',
        id: context.generateId('workflow'),
        thread_id: context.thread.id,
        created_at: now(),
        workflow: { type: 'reasoning', tasks: [], expanded: false },
      };
      context.workflowItem = workflowItem;
      tracker.producedItems.add(workflowItem.id);
      out.push({ type: 'thread.item.added', item: structuredClone(workflowItem) });
    }
    if (item.type === 'message') {
      if (context.workflowItem) out.push(tracker.endWorkflow(context.workflowItem));
      const message = await this.message(item);
      tracker.producedItems.add(message.id);
      out.push({ type: 'thread.item.added', item: message });
    } else if (item.type === 'image_generation_call') {
      const image: GeneratedImageItem = {
        type: 'generated_image',
        id: context.generateId('message'),
        thread_id: context.thread.id,
        created_at: now(),
      };
      context.generatedImageItem = image;
      tracker.producedItems.add(image.id);
      out.push({ type: 'thread.item.added', item: { ...image } });
    }
    return out;
  }

  private async partialImage(
    event: EventOf<'response.image_generation_call.partial_image'>,
  ): Promise<Mapped> {
    const image = this.context.generatedImageItem;
    if (!image) return undefined;
    const { converter } = this;
    const url = await converter.base64ImageToUrl(
      event.item_id,
      event.partial_image_b64,
      event.partial_image_index,
    );
    const progress = converter.partialImageIndexToProgress(event.partial_image_index);
    image.image = { id: event.item_id, url };
    return {
      type: 'thread.item.updated',
      item_id: image.id,
      update: { type: 'generated_image.updated', image: { id: event.item_id, url }, progress },
    };
  }

  private async itemDone(item: ResponseOutputItem): Promise<Mapped> {
    if (item.type === 'message') {
      const message = await this.message(item);
      if (isPlaceholderId(item.id)) this.ids.delete(item.id ?? '');
      this.tracker.producedItems.add(message.id);
      return { type: 'thread.item.done', item: message };
    }
    if (item.type === 'image_generation_call' && item.result) {
      const image = this.context.generatedImageItem;
      if (!image) return undefined;
      image.image = {
        id: item.id,
        url: await this.converter.base64ImageToUrl(item.id, item.result),
      };
      this.context.generatedImageItem = undefined;
      return { type: 'thread.item.done', item: image };
    }
    return undefined;
  }

  /** The first summary of a reasoning workflow streams live; later ones arrive whole (§9.2). */
  private summaryDelta(itemId: string, index: number, delta: string): Mapped {
    const workflow = this.context.workflowItem;
    if (!workflow) return undefined;
    const { tasks } = workflow.workflow;
    if (workflow.workflow.type === 'reasoning' && tasks.length === 0) {
      const task: ThoughtTask = { type: 'thought', content: delta, status_indicator: 'none' };
      this.thought = { itemId, index, task };
      tasks.push(task);
      return {
        type: 'thread.item.updated',
        item_id: workflow.id,
        update: { type: 'workflow.task.added', task: { ...task }, task_index: 0 },
      };
    }
    const thought = this.thought;
    if (
      thought &&
      tasks.includes(thought.task) &&
      thought.itemId === itemId &&
      thought.index === index
    ) {
      thought.task.content += delta;
      return {
        type: 'thread.item.updated',
        item_id: workflow.id,
        update: {
          type: 'workflow.task.updated',
          task: { ...thought.task },
          task_index: tasks.indexOf(thought.task),
        },
      };
    }
    return undefined;
  }

  private summaryDone(itemId: string, index: number, text: string): Mapped {
    const workflow = this.context.workflowItem;
    if (!workflow) return undefined;
    const { tasks } = workflow.workflow;
    const thought = this.thought;
    if (
      thought &&
      tasks.includes(thought.task) &&
      thought.itemId === itemId &&
      thought.index === index
    ) {
      thought.task.content = text;
      this.thought = undefined;
      return {
        type: 'thread.item.updated',
        item_id: workflow.id,
        update: {
          type: 'workflow.task.updated',
          task: { ...thought.task },
          task_index: tasks.indexOf(thought.task),
        },
      };
    }
    const task: ThoughtTask = { type: 'thought', content: text, status_indicator: 'none' };
    tasks.push(task);
    return {
      type: 'thread.item.updated',
      item_id: workflow.id,
      update: { type: 'workflow.task.added', task: { ...task }, task_index: tasks.length - 1 },
    };
  }
}
