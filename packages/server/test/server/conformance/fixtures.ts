import type {
  Annotation,
  AssistantMessageItem,
  ClientToolCallItem,
  EndOfTurnItem,
  HiddenContextItem,
  SDKHiddenContextItem,
  StructuredInput,
  StructuredInputItem,
  Task,
  ThreadItem,
  ThreadItemUpdateInput,
  ThreadStreamEventInput,
  UserMessageItem,
  WidgetItem,
  WidgetRoot,
  WorkflowItem,
} from '../../../src/protocol/index.js';

/**
 * Builders for the items and events the scripted hooks yield. Items are built in their complete
 * (output) form, defaults included, so a stored item can be compared to its source with `toEqual`.
 * Ids are unique per call: SQL stores may key items by id across threads.
 */

export function uid(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`;
}

export const now = (): string => new Date().toISOString();

/** `<prefix>_<24 lowercase hex>`: the id format of our default generators (a deliberate deviation). */
export const idPattern = (prefix: string): RegExp => new RegExp(`^${prefix}_[0-9a-f]{24}$`);

/** ISO-8601 UTC with milliseconds, as `Date.prototype.toISOString` writes it (§1.3). */
export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const CANCEL_NOTE = 'The user cancelled the stream. Stop responding to the prior request.';

export { textInput } from '../../helpers/make-server.js';

export const outputText = (text: string, annotations: Annotation[] = []) => ({
  type: 'output_text' as const,
  text,
  annotations,
});

export function assistantItem(
  threadId: string,
  text: string,
  id = uid('msg'),
): AssistantMessageItem {
  return {
    type: 'assistant_message',
    id,
    thread_id: threadId,
    created_at: now(),
    content: text === '' ? [] : [outputText(text)],
  };
}

export function userItem(threadId: string, text: string, id = uid('msg')): UserMessageItem {
  return {
    type: 'user_message',
    id,
    thread_id: threadId,
    created_at: now(),
    content: [{ type: 'input_text', text }],
    attachments: [],
    inference_options: {},
  };
}

export const card = (value: string, textId = 'text'): WidgetRoot => ({
  type: 'Card',
  children: [{ type: 'Text', id: textId, value }],
});

export function widgetItem(
  threadId: string,
  widget: WidgetRoot = card('hi'),
  id = uid('msg'),
): WidgetItem {
  return { type: 'widget', id, thread_id: threadId, created_at: now(), widget };
}

export function toolCallItem(
  threadId: string,
  fields: Partial<
    Pick<ClientToolCallItem, 'id' | 'call_id' | 'name' | 'arguments' | 'status'>
  > = {},
): ClientToolCallItem {
  return {
    type: 'client_tool_call',
    id: fields.id ?? uid('tc'),
    thread_id: threadId,
    created_at: now(),
    status: fields.status ?? 'pending',
    call_id: fields.call_id ?? uid('call'),
    name: fields.name ?? 'get_weather',
    arguments: fields.arguments ?? { city: 'Paris' },
  };
}

export function hiddenItem(threadId: string, content: unknown, id = uid('hcx')): HiddenContextItem {
  return { type: 'hidden_context_item', id, thread_id: threadId, created_at: now(), content };
}

export function sdkHiddenItem(
  threadId: string,
  content: string,
  id = uid('shcx'),
): SDKHiddenContextItem {
  return { type: 'sdk_hidden_context', id, thread_id: threadId, created_at: now(), content };
}

export function endOfTurnItem(threadId: string, id = uid('eot')): EndOfTurnItem {
  return { type: 'end_of_turn', id, thread_id: threadId, created_at: now() };
}

export const customTask = (title: string, content?: string): Task => ({
  type: 'custom',
  status_indicator: 'none',
  title,
  ...(content === undefined ? {} : { content }),
});

export function workflowItem(threadId: string, tasks: Task[] = [], id = uid('wf')): WorkflowItem {
  return {
    type: 'workflow',
    id,
    thread_id: threadId,
    created_at: now(),
    workflow: { type: 'custom', tasks, expanded: false },
  };
}

/** A multiple-choice question (`q`, options A/B) and a free-form one (`f`). */
export function structuredInputItem(
  threadId: string,
  options: { multiple?: boolean; id?: string } = {},
): StructuredInputItem {
  const inputs: StructuredInput[] = [
    {
      type: 'multiple_choice',
      id: 'q',
      question: 'Pick one',
      options: [{ value: 'A' }, { value: 'B' }],
      multiple: options.multiple ?? true,
    },
    { type: 'freeform', id: 'f', question: 'Anything else?' },
  ];
  return {
    type: 'structured_input',
    id: options.id ?? uid('si'),
    thread_id: threadId,
    created_at: now(),
    status: 'pending',
    inputs,
  };
}

// ---- events ----

export const done = (item: ThreadItem): ThreadStreamEventInput => ({
  type: 'thread.item.done',
  item,
});
export const added = (item: ThreadItem): ThreadStreamEventInput => ({
  type: 'thread.item.added',
  item,
});
export const replaced = (item: ThreadItem): ThreadStreamEventInput => ({
  type: 'thread.item.replaced',
  item,
});
export const removed = (itemId: string): ThreadStreamEventInput => ({
  type: 'thread.item.removed',
  item_id: itemId,
});
export const updated = (itemId: string, update: ThreadItemUpdateInput): ThreadStreamEventInput => ({
  type: 'thread.item.updated',
  item_id: itemId,
  update,
});
export const textDelta = (itemId: string, delta: string, contentIndex = 0) =>
  updated(itemId, {
    type: 'assistant_message.content_part.text_delta',
    content_index: contentIndex,
    delta,
  });
export const partAdded = (itemId: string, text: string, contentIndex = 0) =>
  updated(itemId, {
    type: 'assistant_message.content_part.added',
    content_index: contentIndex,
    content: outputText(text),
  });

export const urlAnnotation = (title: string, index?: number): Annotation => ({
  type: 'annotation',
  source: { type: 'url', title, url: `https://example.test/${title}` },
  ...(index === undefined ? {} : { index }),
});

/** A promise that settles when `signal` aborts (at once if it already has). */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) =>
    signal.addEventListener('abort', () => resolve(), { once: true }),
  );
}

/** A promise with its resolver, for handing control between a hook and the test. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
