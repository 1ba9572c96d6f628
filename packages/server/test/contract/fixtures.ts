import type { FileAttachment, ImageAttachment } from '../../src/protocol/attachments.js';
import type {
  AssistantMessageItem,
  ClientToolCallItem,
  HiddenContextItem,
  ThreadItem,
  UserMessageItem,
  WidgetItem,
} from '../../src/protocol/items.js';
import type { ThreadMetadata } from '../../src/protocol/thread.js';

/** The request context the contract suite uses: a user, optionally in a tenant. */
export interface TestContext {
  userId: string;
  tenantId?: string;
}

export const ALICE: TestContext = { userId: 'alice' };
export const BOB: TestContext = { userId: 'bob' };
export const ALICE_AT_ACME: TestContext = { userId: 'alice', tenantId: 'acme' };
export const ALICE_AT_GLOBEX: TestContext = { userId: 'alice', tenantId: 'globex' };

/** `2026-01-02T03:04:05.000Z` plus `seconds`. */
export const at = (seconds: number): string =>
  new Date(Date.UTC(2026, 0, 2, 3, 4, 5) + seconds * 1000).toISOString();

/** One timestamp shared by many rows, to prove ties keep insertion order. */
export const SAME_INSTANT = '2026-03-04T05:06:07.891Z';

export function makeThread(
  id: string,
  createdAt = at(0),
  title: string | null = `Title of ${id}`,
): ThreadMetadata {
  return {
    id,
    title,
    created_at: createdAt,
    status: { type: 'active' },
    allowed_image_domains: ['images.example.com'],
    metadata: { owner_note: 'private', nested: { n: 1, list: [true, null, 'x'] } },
  };
}

export function fileAttachment(id: string, threadId: string | null = null): FileAttachment {
  return {
    id,
    type: 'file',
    name: 'report.pdf',
    mime_type: 'application/pdf',
    upload_descriptor: {
      url: 'https://upload.example.com/u/1',
      method: 'PUT',
      headers: { 'x-token': 't' },
    },
    thread_id: threadId,
    metadata: { bucket: 'b', key: `k/${id}`, size: 12345 },
  };
}

export function imageAttachment(id: string, threadId: string | null = null): ImageAttachment {
  return {
    id,
    type: 'image',
    name: 'cat.jpg',
    mime_type: 'image/jpeg',
    upload_descriptor: null,
    thread_id: threadId,
    preview_url: 'https://cdn.example.com/p/cat.jpg?sig=abc',
    metadata: { width: 640, height: 480, exif: { camera: 'Ø-cam ✓' } },
  };
}

export function userMessage(
  threadId: string,
  id: string,
  createdAt = at(1),
  text = 'Hello',
): UserMessageItem {
  return {
    id,
    thread_id: threadId,
    created_at: createdAt,
    type: 'user_message',
    content: [
      { type: 'input_text', text },
      {
        type: 'input_tag',
        id: 'e1',
        text: 'Ent',
        data: { z: 1, deep: { a: [1, 2] } },
        interactive: false,
      },
    ],
    attachments: [imageAttachment('atc_in_message', threadId)],
    quoted_text: 'quoted "text" with \\ and \n newline',
    inference_options: { tool_choice: { id: 'tool' }, model: 'gpt-x' },
  };
}

export function assistantMessage(
  threadId: string,
  id: string,
  createdAt = at(2),
  text = 'Hi there',
): AssistantMessageItem {
  return {
    id,
    thread_id: threadId,
    created_at: createdAt,
    type: 'assistant_message',
    content: [
      {
        type: 'output_text',
        text,
        annotations: [
          {
            type: 'annotation',
            source: { type: 'entity', title: 't', id: 'e', interactive: false, data: {} },
            index: 3,
          },
        ],
      },
    ],
  };
}

export function widgetItem(
  threadId: string,
  id: string,
  createdAt = at(3),
  label = 'Go',
): WidgetItem {
  // The widget schemas are being written elsewhere; the cast keeps this fixture valid JSON-first.
  const widget = {
    type: 'Card',
    size: 'md',
    children: [
      {
        type: 'Col',
        padding: { x: 4, y: 2 },
        border: { size: 1, color: { light: '#eee', dark: '#333' }, style: 'dashed' },
        children: [
          { id: 't', type: 'Text', value: 'hi', streaming: false },
          {
            type: 'Button',
            label,
            onClickAction: {
              type: 'go',
              payload: { x: 1, nested: [{ deep: null }] },
              handler: 'server',
              loadingBehavior: 'auto',
            },
          },
        ],
      },
    ],
  } as unknown as WidgetItem['widget'];
  return {
    id,
    thread_id: threadId,
    created_at: createdAt,
    type: 'widget',
    widget,
    copy_text: 'cp',
  };
}

export function toolCall(threadId: string, id: string, createdAt = at(4)): ClientToolCallItem {
  return {
    id,
    thread_id: threadId,
    created_at: createdAt,
    type: 'client_tool_call',
    status: 'pending',
    call_id: 'call_1',
    name: 'get_weather',
    arguments: {
      city: 'Zürich',
      days: 3,
      flags: [true, false],
      unit: null,
      nested: { a: { b: [1.5, -2] } },
    },
  };
}

export function hiddenContext(threadId: string, id: string, createdAt = at(5)): HiddenContextItem {
  return {
    id,
    thread_id: threadId,
    created_at: createdAt,
    type: 'hidden_context_item',
    content: { facts: ['a', 'b'], score: 0.125, empty: {}, none: null, emoji: '🧵' },
  };
}

/** A small item for bulk tests. */
export const endOfTurn = (threadId: string, id: string, createdAt = SAME_INSTANT): ThreadItem => ({
  id,
  thread_id: threadId,
  created_at: createdAt,
  type: 'end_of_turn',
});

export const ids = (page: { data: readonly { id: string }[] }): string[] =>
  page.data.map((x) => x.id);
