import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ChatKitReqSchema,
  NonStreamingReqSchema,
  REQUEST_TYPES,
  STREAMING_REQUEST_TYPES,
  StreamingReqSchema,
  ThreadItemSchema,
  ThreadItemUpdateSchema,
  ThreadStreamEventSchema,
  type ChatKitReq,
  type ChatKitReqType,
  type NonStreamingReq,
  type StreamingReq,
  type ThreadItem,
  type ThreadItemInput,
  type ThreadItemUpdate,
  type ThreadStreamEvent,
  type ThreadStreamEventInput,
} from '../../src/protocol/index.js';

/**
 * Pins every discriminated union of the wire contract to the names of docs/protocol.md, both as types
 * (a name added to or dropped from a schema breaks `tsc`) and at runtime (the schema options).
 */

const STREAMING = [
  'threads.create',
  'threads.add_user_message',
  'threads.add_client_tool_output',
  'threads.add_structured_input',
  'threads.retry_after_item',
  'threads.custom_action',
] as const;
const NON_STREAMING = [
  'threads.sync_custom_action',
  'threads.get_by_id',
  'threads.list',
  'threads.update',
  'threads.delete',
  'items.list',
  'items.feedback',
  'attachments.create',
  'attachments.delete',
  'input.transcribe',
] as const;
const EVENTS = [
  'thread.created',
  'thread.updated',
  'thread.item.added',
  'thread.item.updated',
  'thread.item.done',
  'thread.item.removed',
  'thread.item.replaced',
  'stream_options',
  'progress_update',
  'client_effect',
  'error',
  'notice',
] as const;
const UPDATES = [
  'assistant_message.content_part.added',
  'assistant_message.content_part.text_delta',
  'assistant_message.content_part.annotation_added',
  'assistant_message.content_part.done',
  'widget.streaming_text.value_delta',
  'widget.root.updated',
  'widget.component.updated',
  'workflow.task.added',
  'workflow.task.updated',
  'generated_image.updated',
] as const;
const ITEMS = [
  'user_message',
  'assistant_message',
  'client_tool_call',
  'widget',
  'generated_image',
  'structured_input',
  'workflow',
  'task',
  'end_of_turn',
  'hidden_context_item',
  'sdk_hidden_context',
] as const;

/** The literal discriminators of a zod discriminated union, in declaration order. */
function discriminators(schema: { options: readonly { shape: { type: unknown } }[] }): unknown[] {
  return schema.options.map((option) => {
    const type = option.shape.type as { value?: unknown };
    return type.value;
  });
}

describe('wire unions (§2, §3, §3.1, §4.3)', () => {
  it('has exactly the 16 request types, 6 streaming and 10 JSON', () => {
    expectTypeOf<ChatKitReqType>().toEqualTypeOf<
      (typeof STREAMING)[number] | (typeof NON_STREAMING)[number]
    >();
    expectTypeOf<ChatKitReq['type']>().toEqualTypeOf<ChatKitReqType>();
    expectTypeOf<StreamingReq['type']>().toEqualTypeOf<(typeof STREAMING)[number]>();
    expectTypeOf<NonStreamingReq['type']>().toEqualTypeOf<(typeof NON_STREAMING)[number]>();

    expect(discriminators(StreamingReqSchema)).toEqual([...STREAMING]);
    expect(discriminators(NonStreamingReqSchema)).toEqual([...NON_STREAMING]);
    expect(discriminators(ChatKitReqSchema)).toEqual([...STREAMING, ...NON_STREAMING]);
    expect([...REQUEST_TYPES]).toEqual([...STREAMING, ...NON_STREAMING]);
    expect([...STREAMING_REQUEST_TYPES].sort()).toEqual([...STREAMING].sort());
  });

  it('has exactly the 12 stream event types', () => {
    expectTypeOf<ThreadStreamEvent['type']>().toEqualTypeOf<(typeof EVENTS)[number]>();
    expectTypeOf<ThreadStreamEventInput['type']>().toEqualTypeOf<(typeof EVENTS)[number]>();
    expect(discriminators(ThreadStreamEventSchema)).toEqual([...EVENTS]);
  });

  it('has exactly the 10 item update types', () => {
    expectTypeOf<ThreadItemUpdate['type']>().toEqualTypeOf<(typeof UPDATES)[number]>();
    expect(discriminators(ThreadItemUpdateSchema)).toEqual([...UPDATES]);
  });

  it('has exactly the 11 thread item types', () => {
    expectTypeOf<ThreadItem['type']>().toEqualTypeOf<(typeof ITEMS)[number]>();
    expectTypeOf<ThreadItemInput['type']>().toEqualTypeOf<(typeof ITEMS)[number]>();
    expect(discriminators(ThreadItemSchema)).toEqual([...ITEMS]);
  });

  it('types every request with its own params', () => {
    type ParamsOf<T extends ChatKitReqType> = Extract<ChatKitReq, { type: T }>['params'];
    expectTypeOf<ParamsOf<'threads.create'>>().toHaveProperty('input');
    expectTypeOf<ParamsOf<'threads.retry_after_item'>>().toEqualTypeOf<{
      thread_id: string;
      item_id: string;
    }>();
    expectTypeOf<ParamsOf<'threads.delete'>>().toEqualTypeOf<{ thread_id: string }>();
    expectTypeOf<ParamsOf<'items.feedback'>['kind']>().toEqualTypeOf<'positive' | 'negative'>();
  });
});
