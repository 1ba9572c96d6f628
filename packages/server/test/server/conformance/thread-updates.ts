import { describe, expect, it } from 'vitest';
import { isStreamingResult } from '../../../src/index.js';
import type { ThreadStreamEvent } from '../../../src/protocol/index.js';
import { assistantItem, done, textInput } from './fixtures.js';
import { decodeFrame, eventOf, typesOf, type HarnessAccessor } from './harness.js';

export function threadUpdatesSuite(h: HarnessAccessor): void {
  describe('thread.updated (§6.3, §6.4)', () => {
    // §11.1 #6
    it('saves a title set by respond and ends with thread.updated', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          yield done(assistantItem(thread.id, 'Hi!'));
          thread.title = 'Greetings';
        },
      });
      const { events, raw, threadId } = await t.createThread(server);
      expect(typesOf(events).slice(2)).toEqual([
        'stream_options',
        'thread.item.done',
        'thread.updated',
      ]);
      expect(eventOf(events.at(-1), 'thread.updated').thread).toMatchObject({
        id: threadId,
        title: 'Greetings',
      });
      expect(raw.at(-1)).toEqual({
        type: 'thread.updated',
        thread: {
          id: threadId,
          title: 'Greetings',
          created_at: expect.any(String),
          status: { type: 'active' },
          metadata: {},
          items: { data: [], has_more: false },
        },
      });
      expect((await t.rawStore.loadThread(threadId, t.ctx)).title).toBe('Greetings');
    });

    // §11.1 #7
    it('saves thread metadata but streams the public thread with metadata {}', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          thread.metadata = {
            ...thread.metadata,
            previous_response_id: 'resp_1',
            secret: 'do-not-leak',
          };
          yield done(assistantItem(thread.id, 'Hi!'));
        },
      });
      const { events, raw, threadId } = await t.createThread(server);
      expect(events.at(-1)?.type).toBe('thread.updated');
      const thread = (raw.at(-1) as { thread: Record<string, unknown> }).thread;
      expect(thread.metadata).toEqual({});
      expect(JSON.stringify(raw)).not.toContain('do-not-leak');
      expect((await t.rawStore.loadThread(threadId, t.ctx)).metadata).toEqual({
        previous_response_id: 'resp_1',
        secret: 'do-not-leak',
      });
    });

    // §11.1 #8
    it('saves a locked status with its reason', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          yield done(assistantItem(thread.id, 'Locking'));
          thread.status = { type: 'locked', reason: 'Under review' };
        },
      });
      const { events, threadId } = await t.createThread(server);
      expect(eventOf(events.at(-1), 'thread.updated').thread.status).toEqual({
        type: 'locked',
        reason: 'Under review',
      });
      expect((await t.rawStore.loadThread(threadId, t.ctx)).status).toEqual({
        type: 'locked',
        reason: 'Under review',
      });
    });

    // §11.1 #9
    it('saves allowed_image_domains and streams them in thread.updated', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          thread.allowed_image_domains = ['images.example.test', 'cdn.example.test'];
          yield done(assistantItem(thread.id, 'Hi!'));
        },
      });
      const { raw, threadId } = await t.createThread(server);
      expect(raw.at(-1)).toMatchObject({
        type: 'thread.updated',
        thread: { allowed_image_domains: ['images.example.test', 'cdn.example.test'] },
      });
      expect((await t.rawStore.loadThread(threadId, t.ctx)).allowed_image_domains).toEqual([
        'images.example.test',
        'cdn.example.test',
      ]);
    });

    // §11.1 #10
    it('omits allowed_image_domains from thread.created and thread.updated when unset', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          thread.title = 'Titled';
          thread.metadata = { k: 'v' };
          yield done(assistantItem(thread.id, 'Hi!'));
        },
      });
      const { raw } = await t.createThread(server);
      const created = raw[0] as { thread: Record<string, unknown> };
      const updated = raw.at(-1) as { type: string; thread: Record<string, unknown> };
      expect(updated.type).toBe('thread.updated');
      for (const thread of [created.thread, updated.thread]) {
        expect(thread).not.toHaveProperty('allowed_image_domains');
        expect(thread.metadata).toEqual({});
      }
      expect(created.thread).not.toHaveProperty('title');
      expect(updated.thread.title).toBe('Titled');
    });

    // §11.1 #11
    it('emits thread.updated right after the first event that follows the change, then keeps streaming', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          yield done(assistantItem(thread.id, 'A'));
          thread.title = 'Mid-stream title';
          yield done(assistantItem(thread.id, 'B'));
          yield done(assistantItem(thread.id, 'C'));
        },
      });
      const result = await server.process(
        JSON.stringify({ type: 'threads.create', params: { input: textInput('Hello') } }),
        t.ctx,
      );
      if (!isStreamingResult(result)) throw new Error('expected a stream');
      const events: ThreadStreamEvent[] = [];
      let storedTitleAtUpdate: string | null | undefined;
      for await (const frame of result) {
        const { event } = decodeFrame(frame);
        events.push(event);
        if (event.type === 'thread.updated') {
          storedTitleAtUpdate = (await t.rawStore.loadThread(event.thread.id, t.ctx)).title;
        }
      }
      const texts = events.map((event) =>
        event.type === 'thread.item.done' && event.item.type === 'assistant_message'
          ? event.item.content[0]?.text
          : event.type,
      );
      expect(texts).toEqual([
        'thread.created',
        'thread.item.done',
        'stream_options',
        'A',
        'B',
        'thread.updated',
        'C',
      ]);
      expect(eventOf(events[5], 'thread.updated').thread.title).toBe('Mid-stream title');
      // Persisted before the client hears about it.
      expect(storedTitleAtUpdate).toBe('Mid-stream title');
    });

    it('emits one thread.updated per change, none when nothing changed', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread, input) {
          if (input?.content[0]?.type === 'input_text' && input.content[0].text === 'rename') {
            thread.title = 'Renamed';
          }
          yield done(assistantItem(thread.id, 'one'));
          yield done(assistantItem(thread.id, 'two'));
          yield { type: 'progress_update', text: 'three' };
        },
      });
      const plain = await t.createThread(server, textInput('hello'));
      expect(typesOf(plain.events)).not.toContain('thread.updated');
      const renamed = await t.createThread(server, textInput('rename'));
      expect(typesOf(renamed.events).filter((type) => type === 'thread.updated')).toHaveLength(1);
      expect(typesOf(renamed.events).slice(2)).toEqual([
        'stream_options',
        'thread.item.done',
        'thread.updated',
        'thread.item.done',
        'progress_update',
      ]);
    });

    it('emits thread.updated for a change made after the last event', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread) {
          yield done(assistantItem(thread.id, 'A'));
          thread.title = 'Late title';
        },
      });
      const { events } = await t.createThread(server);
      expect(typesOf(events).slice(-2)).toEqual(['thread.item.done', 'thread.updated']);
    });

    it('saves an existing thread mutated during add_user_message', async () => {
      const t = h();
      const server = t.server({
        async *respond(thread, input) {
          if (input?.content[0]?.type === 'input_text' && input.content[0].text === 'close it') {
            thread.status = { type: 'closed', reason: 'Resolved' };
          }
          yield done(assistantItem(thread.id, 'ok'));
        },
      });
      const { threadId } = await t.createThread(server);
      const { events } = await t.stream(server, {
        type: 'threads.add_user_message',
        params: { thread_id: threadId, input: textInput('close it') },
      });
      expect(typesOf(events)).toEqual([
        'thread.item.done',
        'stream_options',
        'thread.item.done',
        'thread.updated',
      ]);
      expect((await t.rawStore.loadThread(threadId, t.ctx)).status).toEqual({
        type: 'closed',
        reason: 'Resolved',
      });
    });
  });
}
