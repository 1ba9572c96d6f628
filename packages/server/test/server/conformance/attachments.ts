import { describe, expect, it, vi } from 'vitest';
import { ConflictError, NotFoundError, NotImplementedError } from '../../../src/index.js';
import type { Attachment, Page, ThreadItem, UserMessageItem } from '../../../src/protocol/index.js';
import type { TestContext } from '../../helpers/make-server.js';
import type { ScriptedServer } from '../../helpers/make-server.js';
import { assistantItem, done, idPattern, textInput } from './fixtures.js';
import type { Harness, HarnessAccessor } from './harness.js';

const SECRET = 'private-bucket';

const createAttachment = (name: string, mimeType: string, size = 1234) => ({
  type: 'attachments.create',
  params: { name, size, mime_type: mimeType },
});

async function upload(
  t: Harness,
  server: ScriptedServer,
  name: string,
  mimeType: string,
  ctx: TestContext = t.ctx,
) {
  return t.json<Attachment>(server, createAttachment(name, mimeType), ctx);
}

export function attachmentsSuite(h: HarnessAccessor): void {
  describe('attachments.create (§2.14)', () => {
    // §11.1 #24
    it('returns a file attachment with its upload descriptor and without metadata', async () => {
      const t = h();
      const server = t.server({}, { attachments: true });
      const body = await t.body(server, createAttachment('notes.txt', 'text/plain'));
      const attachment = JSON.parse(body) as Attachment;
      expect(attachment.id).toMatch(idPattern('atc'));
      expect(attachment).toEqual({
        id: attachment.id,
        name: 'notes.txt',
        mime_type: 'text/plain',
        upload_descriptor: {
          url: `https://files.example.test/upload/${attachment.id}`,
          method: 'PUT',
          headers: {},
        },
        type: 'file',
      });
      expect(body).not.toContain(SECRET);
      // The server saved it, metadata included.
      expect(await t.rawStore.loadAttachment(attachment.id, t.ctx)).toEqual(
        t.attachmentStore.created[0],
      );
      expect((await t.rawStore.loadAttachment(attachment.id, t.ctx)).metadata).toEqual({
        secret: `s3://${SECRET}/${attachment.id}`,
        size: 1234,
      });
      expect(t.recording.writes().map((call) => call.method)).toEqual(['saveAttachment']);
    });

    // §11.1 #25
    it('returns an image attachment with a preview URL', async () => {
      const t = h();
      const server = t.server({}, { attachments: true });
      const attachment = await upload(t, server, 'photo.png', 'image/png');
      expect(attachment).toEqual({
        id: attachment.id,
        name: 'photo.png',
        mime_type: 'image/png',
        upload_descriptor: {
          url: `https://files.example.test/upload/${attachment.id}`,
          method: 'PUT',
          headers: {},
        },
        type: 'image',
        preview_url: `https://files.example.test/preview/${attachment.id}`,
      });
    });

    // §11.1 #29
    it('rejects with NotImplementedError without an attachment store', async () => {
      const t = h();
      const server = t.server();
      await expect(
        server.process(JSON.stringify(createAttachment('a.txt', 'text/plain')), t.ctx),
      ).rejects.toThrow(NotImplementedError);
      expect(t.recording.writes()).toEqual([]);
    });
  });

  describe('attachments.delete (§2.15)', () => {
    // §11.1 #30
    it('deletes the bytes through the attachment store, then the metadata, and answers {}', async () => {
      const t = h();
      const server = t.server({}, { attachments: true });
      const { id } = await upload(t, server, 'notes.txt', 'text/plain');
      t.resetCalls();
      expect(
        await t.body(server, { type: 'attachments.delete', params: { attachment_id: id } }),
      ).toBe('{}');
      expect(t.attachmentStore.deleted).toEqual([id]);
      expect(t.recording.writes().map((call) => [call.method, call.args[0]])).toEqual([
        ['deleteAttachment', id],
      ]);
      await expect(t.rawStore.loadAttachment(id, t.ctx)).rejects.toThrow(NotFoundError);
    });

    // §11.1 #31
    it('rejects with NotImplementedError without an attachment store', async () => {
      const t = h();
      const withStore = t.server({}, { attachments: true });
      const { id } = await upload(t, withStore, 'notes.txt', 'text/plain');
      const server = t.server();
      await expect(
        server.process(
          JSON.stringify({ type: 'attachments.delete', params: { attachment_id: id } }),
          t.ctx,
        ),
      ).rejects.toThrow(NotImplementedError);
      expect((await t.rawStore.loadAttachment(id, t.ctx)).id).toBe(id);
    });

    it('rejects an attachment already sent in a message with ConflictError', async () => {
      const t = h();
      const server = t.server({}, { attachments: true });
      const { id } = await upload(t, server, 'notes.txt', 'text/plain');
      await t.createThread(server, textInput('see attached', { attachments: [id] }));
      await expect(
        server.process(
          JSON.stringify({ type: 'attachments.delete', params: { attachment_id: id } }),
          t.ctx,
        ),
      ).rejects.toThrow(ConflictError);
      expect(t.attachmentStore.deleted).toEqual([]);
      expect((await t.rawStore.loadAttachment(id, t.ctx)).id).toBe(id);
    });

    it("rejects a missing or another user's attachment with NotFoundError", async () => {
      const t = h();
      const server = t.server({}, { attachments: true });
      const { id } = await upload(t, server, 'notes.txt', 'text/plain');
      for (const [attachmentId, ctx] of [
        ['atc_missing', t.ctx],
        [id, t.other],
      ] as const) {
        await expect(
          server.process(
            JSON.stringify({ type: 'attachments.delete', params: { attachment_id: attachmentId } }),
            ctx,
          ),
        ).rejects.toThrow(NotFoundError);
      }
      expect(t.attachmentStore.deleted).toEqual([]);
      expect((await t.rawStore.loadAttachment(id, t.ctx)).id).toBe(id);
    });
  });

  describe('attachments in user messages (§4.6, §6.2)', () => {
    // §11.1 #27
    it('stamps the thread id on attachments sent with threads.create', async () => {
      const t = h();
      const inputs: (UserMessageItem | null)[] = [];
      const server = t.server(
        {
          async *respond(thread, input) {
            inputs.push(input);
            yield done(assistantItem(thread.id, 'Got it'));
          },
        },
        { attachments: true },
      );
      const file = await upload(t, server, 'notes.txt', 'text/plain');
      const image = await upload(t, server, 'photo.png', 'image/png');
      const { threadId, user, raw } = await t.createThread(
        server,
        textInput('see attached', { attachments: [file.id, image.id] }),
      );
      expect(user.attachments).toEqual([
        { ...file, thread_id: threadId },
        { ...image, thread_id: threadId },
      ]);
      expect((raw[1] as { item: { attachments: object[] } }).item.attachments).toEqual([
        { ...file, thread_id: threadId },
        { ...image, thread_id: threadId },
      ]);
      for (const attachment of [file, image]) {
        const stored = await t.rawStore.loadAttachment(attachment.id, t.ctx);
        expect(stored.thread_id).toBe(threadId);
        expect(stored.metadata).toMatchObject({ secret: `s3://${SECRET}/${attachment.id}` });
      }
      // respond sees the full attachments, integration metadata included.
      expect(inputs[0]?.attachments[0]?.metadata).toMatchObject({
        secret: `s3://${SECRET}/${file.id}`,
      });
    });

    // §11.1 #28
    it('stamps the thread id on attachments sent with threads.add_user_message', async () => {
      const t = h();
      const server = t.server({}, { attachments: true });
      const { threadId } = await t.createThread(server);
      const file = await upload(t, server, 'later.txt', 'text/plain');
      const { events } = await t.stream(server, {
        type: 'threads.add_user_message',
        params: { thread_id: threadId, input: textInput('one more', { attachments: [file.id] }) },
      });
      expect((events[0] as { item: UserMessageItem }).item.attachments).toEqual([
        { ...file, thread_id: threadId },
      ]);
      expect((await t.rawStore.loadAttachment(file.id, t.ctx)).thread_id).toBe(threadId);
    });

    // §11.1 #26
    it('never serializes attachment metadata: events, items.list, threads.get_by_id', async () => {
      const t = h();
      const server = t.server({}, { attachments: true });
      const file = await upload(t, server, 'notes.txt', 'text/plain');
      const created = await t.createThread(
        server,
        textInput('see attached', { attachments: [file.id] }),
      );
      const second = await upload(t, server, 'more.txt', 'text/plain');
      const added = await t.stream(server, {
        type: 'threads.add_user_message',
        params: {
          thread_id: created.threadId,
          input: textInput('more', { attachments: [second.id] }),
        },
      });
      const listBody = await t.body(server, {
        type: 'items.list',
        params: { thread_id: created.threadId },
      });
      const threadBody = await t.body(server, {
        type: 'threads.get_by_id',
        params: { thread_id: created.threadId },
      });
      for (const output of [
        JSON.stringify(created.raw),
        JSON.stringify(added.raw),
        listBody,
        threadBody,
      ]) {
        expect(output).toMatch(/"attachments":\[\{"id":"atc_/);
        expect(output).not.toContain(SECRET);
        expect(output).not.toContain('"metadata":{"secret"');
      }
      const page = JSON.parse(listBody) as Page<ThreadItem>;
      const attachments = page.data.flatMap((item) =>
        item.type === 'user_message' ? item.attachments : [],
      );
      expect(attachments).toHaveLength(2);
      for (const attachment of attachments) {
        expect(attachment).not.toHaveProperty('metadata');
        expect(attachment.thread_id).toBe(created.threadId);
      }
    });

    it("rejects a message referencing another user's or a missing attachment with NotFoundError", async () => {
      const t = h();
      const respond = vi.fn(async function* () {});
      const server = t.server({ respond }, { attachments: true });
      const foreign = await upload(t, server, 'theirs.txt', 'text/plain', t.other);
      const { threadId } = await t.createThread(server);
      respond.mockClear();
      t.resetCalls();
      for (const attachmentId of [foreign.id, 'atc_missing']) {
        const input = textInput('steal', { attachments: [attachmentId] });
        await expect(
          server.process(JSON.stringify({ type: 'threads.create', params: { input } }), t.ctx),
        ).rejects.toThrow(NotFoundError);
        await expect(
          server.process(
            JSON.stringify({
              type: 'threads.add_user_message',
              params: { thread_id: threadId, input },
            }),
            t.ctx,
          ),
        ).rejects.toThrow(NotFoundError);
      }
      expect(t.recording.writes()).toEqual([]);
      expect(respond).not.toHaveBeenCalled();
      expect((await t.rawStore.loadAttachment(foreign.id, t.other)).thread_id ?? null).toBeNull();
    });
  });
}
