import { describe, expect, it } from 'vitest';
import { assistantMessage, ChatKitServer, createChatKitServer } from '../../src/index.js';
import { isStreamingResult } from '../../src/server/results.js';
import { MemoryStore } from '../../src/stores/memory/index.js';
import { CONTEXT, json, stream, textInput, type TestContext } from '../helpers/make-server.js';

// No parameter in this file is annotated: under `strict`, compiling it proves the hooks are
// contextually typed (an implicit `any` or a widened event `type` would fail the typecheck).
describe('createChatKitServer', () => {
  it('answers a new thread with the one-line assistant message of its respond hook', async () => {
    const store = new MemoryStore<TestContext>();
    const server = createChatKitServer({
      store,
      async *respond(thread, input, context) {
        const text = input?.content[0]?.type === 'input_text' ? input.content[0].text : '';
        // `this` is the server, as in a subclass.
        const id = this.store.generateItemId('message', thread, context);
        yield assistantMessage(thread, `${context.userId} said ${text}`, id);
      },
    });
    expect(server).toBeInstanceOf(ChatKitServer);

    const { events } = await stream(server, {
      type: 'threads.create',
      params: { input: textInput('hi') },
    });
    expect(events.map((e) => e.type)).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'thread.item.done',
    ]);
    const done = events[3];
    expect(done).toMatchObject({
      item: {
        type: 'assistant_message',
        content: [{ type: 'output_text', text: 'test_user said hi', annotations: [] }],
      },
    });
    const threadId = (events[0] as { thread: { id: string } }).thread.id;
    const page = await store.loadThreadItems(threadId, null, 10, 'asc', CONTEXT);
    expect(page.data.map((item) => item.type)).toEqual(['user_message', 'assistant_message']);
  });

  it('calls the optional hooks it was given and keeps the defaults of the others', async () => {
    const feedback: string[] = [];
    const server = createChatKitServer<TestContext>({
      store: new MemoryStore(),
      async *respond(thread) {
        yield assistantMessage(thread, 'ok');
      },
      async addFeedback(_threadId, itemIds, kind, context) {
        feedback.push(`${context.userId}:${kind}:${itemIds.join(',')}`);
      },
      getStreamOptions: () => ({ allow_cancel: false }),
    });

    const created = await stream(server, {
      type: 'threads.create',
      params: { input: textInput('hi') },
    });
    expect(created.events[2]).toEqual({
      type: 'stream_options',
      stream_options: { allow_cancel: false },
    });
    const threadId = (created.events[0] as { thread: { id: string } }).thread.id;
    const answerId = (created.events[3] as { item: { id: string } }).item.id;

    await expect(
      json(server, {
        type: 'items.feedback',
        params: { thread_id: threadId, item_ids: [answerId], kind: 'positive' },
      }),
    ).resolves.toEqual({});
    expect(feedback).toEqual([`test_user:positive:${answerId}`]);

    // No transcribe hook: the class default answers "not implemented".
    await expect(
      server.process(
        JSON.stringify({
          type: 'input.transcribe',
          params: { audio_base64: 'AAAA', mime_type: 'audio/webm' },
        }),
        CONTEXT,
      ),
    ).rejects.toMatchObject({ code: 'not_implemented' });
  });
  it('passes the context built by contextForRequest, from the request metadata, to every hook', async () => {
    type PageContext = TestContext & { page?: unknown };
    const seen: unknown[] = [];
    const store = new MemoryStore<PageContext>();
    const server = createChatKitServer<PageContext>({
      store,
      contextForRequest: (request, context) => ({ ...context, page: request.metadata['page'] }),
      async *respond(thread, _input, context) {
        seen.push(context.page);
        yield assistantMessage(thread, 'ok');
      },
    });
    const page = { url: 'https://example.com/docs', title: 'Docs' };
    const result = await server.process(
      JSON.stringify({
        type: 'threads.create',
        params: { input: textInput('hi') },
        metadata: { page },
      }),
      CONTEXT,
    );
    if (!isStreamingResult(result)) throw new Error('expected a stream');
    for await (const frame of result) void frame;
    expect(seen).toEqual([page]);
  });
});
