import type { AssistantMessageItem, ThreadStreamEventInput } from '@threadline/server';

/**
 * Streams one assistant message from text chunks: `thread.item.added` → `content_part.added` →
 * `text_delta`… → `content_part.done` → `thread.item.done`. If the stream is cancelled midway, the
 * server keeps the text already sent (docs/protocol.md §6.9).
 */
export async function* streamTextMessage(
  chunks: AsyncIterable<string>,
  options: { id: string; threadId: string },
): AsyncGenerator<ThreadStreamEventInput, string> {
  const item: AssistantMessageItem = {
    type: 'assistant_message',
    id: options.id,
    thread_id: options.threadId,
    created_at: new Date().toISOString(),
    content: [],
  };
  let text = '';
  let opened = false;
  for await (const chunk of chunks) {
    if (chunk === '') continue;
    if (!opened) {
      opened = true;
      yield { type: 'thread.item.added', item };
      yield {
        type: 'thread.item.updated',
        item_id: item.id,
        update: {
          type: 'assistant_message.content_part.added',
          content_index: 0,
          content: { type: 'output_text', text: '', annotations: [] },
        },
      };
    }
    text += chunk;
    yield {
      type: 'thread.item.updated',
      item_id: item.id,
      update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: chunk },
    };
  }
  if (!opened) return text;
  const part = { type: 'output_text' as const, text, annotations: [] };
  yield {
    type: 'thread.item.updated',
    item_id: item.id,
    update: { type: 'assistant_message.content_part.done', content_index: 0, content: part },
  };
  yield { type: 'thread.item.done', item: { ...item, content: [part] } };
  return text;
}

/** Waits `ms`, or less if `signal` aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
