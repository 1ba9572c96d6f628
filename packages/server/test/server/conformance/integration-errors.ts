import { describe, expect, it, vi } from 'vitest';
import { CustomStreamError, StreamError } from '../../../src/index.js';
import type { ThreadStreamEventInput } from '../../../src/protocol/index.js';
import { assistantItem, done, textInput } from './fixtures.js';
import { typesOf, type HarnessAccessor } from './harness.js';

const STREAM_ERROR = { type: 'error', code: 'stream.error', allow_retry: true };

export function integrationErrorsSuite(h: HarnessAccessor): void {
  describe('integration errors (§6.3 step 6)', () => {
    // §11.1 #38
    it('turns an exception in respond into one stream.error event and ends the stream cleanly', async () => {
      const t = h();
      let firstId = '';
      const server = t.server({
        async *respond(thread) {
          const first = assistantItem(thread.id, 'partial');
          firstId = first.id;
          yield done(first);
          throw new Error('model exploded');
        },
      });
      const { events, raw, threadId } = await t.createThread(server);
      expect(typesOf(events)).toEqual([
        'thread.created',
        'thread.item.done',
        'stream_options',
        'thread.item.done',
        'error',
      ]);
      expect(raw.at(-1)).toEqual(STREAM_ERROR);
      expect(await t.storedItem(threadId, firstId)).toMatchObject({ type: 'assistant_message' });
    });

    it('sends a CustomStreamError message verbatim, not retryable by default', async () => {
      const t = h();
      const server = t.server({
        // eslint-disable-next-line require-yield
        async *respond(_thread, input) {
          const text = input?.content[0]?.type === 'input_text' ? input.content[0].text : '';
          throw new CustomStreamError(
            'We blocked that message.',
            text === 'retry' ? { allowRetry: true } : {},
          );
        },
      });
      const plain = await t.createThread(server, textInput('hello'));
      expect(plain.raw.at(-1)).toEqual({
        type: 'error',
        code: 'custom',
        message: 'We blocked that message.',
        allow_retry: false,
      });
      const retryable = await t.createThread(server, textInput('retry'));
      expect(retryable.raw.at(-1)).toMatchObject({ code: 'custom', allow_retry: true });
    });

    it('sends a StreamError code with its default retry flag', async () => {
      const t = h();
      const errors = [
        new StreamError(),
        new StreamError('rate_limited'),
        new StreamError('stream.error', { allowRetry: false }),
      ];
      const server = t.server({
        // eslint-disable-next-line require-yield
        async *respond() {
          throw errors.shift()!;
        },
      });
      expect((await t.createThread(server)).raw.at(-1)).toEqual(STREAM_ERROR);
      expect((await t.createThread(server)).raw.at(-1)).toEqual({
        type: 'error',
        code: 'rate_limited',
        allow_retry: false,
      });
      expect((await t.createThread(server)).raw.at(-1)).toEqual({
        type: 'error',
        code: 'stream.error',
        allow_retry: false,
      });
    });

    it('forwards an error event the integration yields and keeps streaming', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          yield { type: 'error', code: 'custom', message: 'Heads up', allow_retry: false };
          yield done(assistantItem(thread.id, 'continuing'));
        },
      });
      const { events, raw } = await t.createThread(server);
      expect(typesOf(events).slice(2)).toEqual(['stream_options', 'error', 'thread.item.done']);
      expect(raw[3]).toEqual({
        type: 'error',
        code: 'custom',
        message: 'Heads up',
        allow_retry: false,
      });
    });

    it('still saves and streams a thread change made just before the exception (step 7)', async () => {
      const t = h();
      const server = t.server({
        // eslint-disable-next-line require-yield
        async *respond(thread) {
          thread.title = 'Set before failing';
          throw new Error('boom');
        },
      });
      const { events, threadId } = await t.createThread(server);
      expect(typesOf(events).slice(2)).toEqual(['stream_options', 'error', 'thread.updated']);
      expect((await t.rawStore.loadThread(threadId, t.ctx)).title).toBe('Set before failing');
    });

    it('answers an invalid integration event with one stream.error event and stops the integration', async () => {
      const t = h();
      let cleanedUp = false;
      let afterId = '';
      const server = t.server({
        async *respond(thread) {
          try {
            yield {
              type: 'progress_update',
              icon: 'not-an-icon',
              text: 'x',
            } as unknown as ThreadStreamEventInput;
            const after = assistantItem(thread.id, 'after the invalid event');
            afterId = after.id;
            yield done(after);
          } finally {
            cleanedUp = true;
          }
        },
      });
      const { events, raw, threadId, user } = await t.createThread(server);
      expect(typesOf(events).slice(2)).toEqual(['stream_options', 'error']);
      expect(raw.at(-1)).toEqual(STREAM_ERROR);
      expect(afterId).toBe('');
      expect((await t.storedItems(threadId)).map((item) => item.id)).toEqual([user.id]);
      await vi.waitFor(() => expect(cleanedUp).toBe(true));
    });

    it('answers an item missing required fields with one stream.error event', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          yield {
            type: 'thread.item.done',
            item: { type: 'assistant_message', id: 'x', thread_id: thread.id },
          } as unknown as ThreadStreamEventInput;
        },
      });
      const { raw, threadId, user } = await t.createThread(server);
      expect(raw.slice(2)).toEqual([
        { type: 'stream_options', stream_options: { allow_cancel: true } },
        STREAM_ERROR,
      ]);
      expect((await t.storedItems(threadId)).map((item) => item.id)).toEqual([user.id]);
    });
  });

  describe('server failures mid-stream (deviation from §6.3: an error event, not a cut stream)', () => {
    it('ends with stream.error when the store fails while saving the user message', async () => {
      const t = h();
      const respond = vi.fn(async function* (): AsyncIterable<ThreadStreamEventInput> {});
      const server = t.server({ respond });
      t.recording.failWhen(
        (call) =>
          call.method === 'addThreadItem' &&
          (call.args[1] as { type: string }).type === 'user_message',
      );
      const { events, raw } = await t.stream(server, {
        type: 'threads.create',
        params: { input: textInput('Hello') },
      });
      // Whether thread.created precedes it is not pinned; the stream must end with the error and
      // must not go on to the integration.
      expect(raw.at(-1)).toEqual(STREAM_ERROR);
      expect(typesOf(events).filter((type) => type !== 'thread.created')).toEqual(['error']);
      expect(respond).not.toHaveBeenCalled();
    });

    it('ends with stream.error, unforwarded, when persisting an integration event fails', async () => {
      const t = h();
      let cleanedUp = false;
      const server = t.server({
        async *respond(thread) {
          try {
            yield done(assistantItem(thread.id, 'cannot be saved'));
            yield done(assistantItem(thread.id, 'never reached'));
          } finally {
            cleanedUp = true;
          }
        },
      });
      t.recording.failWhen(
        (call) =>
          call.method === 'addThreadItem' &&
          (call.args[1] as { type: string }).type === 'assistant_message',
      );
      const { events, raw } = await t.createThread(server);
      expect(typesOf(events)).toEqual([
        'thread.created',
        'thread.item.done',
        'stream_options',
        'error',
      ]);
      expect(raw.at(-1)).toEqual(STREAM_ERROR);
      await vi.waitFor(() => expect(cleanedUp).toBe(true));
    });
  });
}
