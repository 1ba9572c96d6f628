import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/errors.js';
import {
  ALICE,
  BOB,
  api,
  asUser,
  bytesOf,
  createAttachment,
  directUpload,
  pdfBytes,
  pngBytes,
  sendMessage,
  startAttachmentApp,
  textBytes,
  uploadTo,
  type AttachmentApp,
  type Backend,
  type WireAttachment,
} from './harness.js';

const MAX_BYTES = 100_000;
const BACKENDS: Backend[] = ['filesystem', 'filesystem+sqlite', 's3', 's3-presigned'];

interface WireItem {
  type: string;
  attachments?: WireAttachment[];
}

describe.each(BACKENDS)(
  'attachments over real HTTP, %s backend (docs/protocol.md §2.14, §2.15, §4.6)',
  (backend) => {
    let app: AttachmentApp;
    const presigned = backend === 's3-presigned';
    /** Cases about our upload route; with presigned uploads the object store takes the bytes. */
    const itThroughServer = (name: string, test: () => Promise<void>) => {
      if (!presigned) it(name, test);
    };

    beforeAll(async () => {
      app = await startAttachmentApp(backend, { limits: { maxBytes: MAX_BYTES } });
    });
    afterAll(() => app.stop());
    afterEach(() => {
      expect(app.loggedErrors).toEqual([]);
      app.clock.offsetMs = 0;
      if (app.stub) app.stub.clockOffsetMs = 0;
    });

    const blobOf = async (id: string) => (await app.blobKeys()).some((key) => key.endsWith(id));
    const storedAttachment = (id: string, user = ALICE) =>
      app.metadata.store.loadAttachment(id, { userId: user });

    /** Creates an attachment and uploads `bytes` to its upload URL. */
    async function twoPhase(bytes: Uint8Array<ArrayBuffer>, name: string, mime_type: string) {
      const { status, body } = await createAttachment(app, ALICE, {
        name,
        size: bytes.length,
        mime_type,
      });
      expect(status).toBe(200);
      const put = await uploadTo(body.upload_descriptor!, bytes);
      expect(put.status).toBe(200);
      return body;
    }

    /** Fetches a preview URL as an `<img>` would, following a redirect to the object store. */
    async function fetchPreview(previewUrl: string) {
      const first = await fetch(previewUrl, { redirect: 'manual' });
      if (!presigned || first.status !== 302) return first;
      const location = first.headers.get('location')!;
      expect(location.startsWith(app.stub!.endpoint)).toBe(true);
      expect(location).toContain('X-Amz-Signature=');
      expect(location).toContain('X-Amz-Expires=');
      return fetch(location);
    }

    async function loadMessageAttachments(threadId: string): Promise<WireAttachment[]> {
      const { status, body } = await api<{ data: WireItem[] }>(app, ALICE, {
        type: 'items.list',
        params: { thread_id: threadId },
      });
      expect(status).toBe(200);
      return body.data.find((item) => item.type === 'user_message')!.attachments!;
    }

    describe('two-phase strategy', () => {
      it('creates, uploads, sends, reloads and previews the exact bytes', async () => {
        const bytes = pngBytes(20_000);
        const { status, body: created } = await createAttachment(app, ALICE, {
          name: 'cat.png',
          size: bytes.length,
          mime_type: 'image/png',
        });
        expect(status).toBe(200);
        expect(created).toMatchObject({ type: 'image', name: 'cat.png', mime_type: 'image/png' });
        expect(created).not.toHaveProperty('metadata');
        expect(created.preview_url).toMatch(
          new RegExp(`^${app.url}/attachments/${created.id}/preview\\?token=`),
        );
        const descriptor = created.upload_descriptor!;
        expect(descriptor.method).toBe('PUT');
        if (presigned) {
          expect(
            descriptor.url.startsWith(
              `${app.stub!.endpoint}/chat-files/attachments/${created.id}?`,
            ),
          ).toBe(true);
          const query = new URL(descriptor.url).searchParams;
          expect(query.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
          expect(query.get('X-Amz-Expires')).toBe('900');
          expect(query.get('X-Amz-SignedHeaders')?.split(';')).toEqual([
            'content-length',
            'host',
            'if-none-match',
          ]);
          expect([...query.keys()].filter((k) => k.toLowerCase().includes('checksum'))).toEqual([]);
          expect(descriptor.headers).toEqual({ 'content-type': 'image/png', 'if-none-match': '*' });
        } else {
          expect(descriptor.url.startsWith(`${app.url}/upload/`)).toBe(true);
          expect(descriptor.headers).toEqual({});
        }

        const put = await uploadTo(descriptor, bytes);
        expect(put.status).toBe(200);
        if (!presigned) {
          const uploaded = (await put.json()) as WireAttachment;
          expect(uploaded.id).toBe(created.id);
          expect(uploaded).not.toHaveProperty('upload_descriptor');
          expect(uploaded).not.toHaveProperty('metadata');
        }

        const sent = await sendMessage(app, ALICE, [created.id]);
        expect(sent.status).toBe(200);
        const [attachment] = await loadMessageAttachments(sent.threadId!);
        expect(attachment).toMatchObject({
          id: created.id,
          thread_id: sent.threadId,
          type: 'image',
        });
        expect(attachment).not.toHaveProperty('metadata');
        expect(attachment).not.toHaveProperty('upload_descriptor');
        const stored = await storedAttachment(created.id);
        expect(stored.thread_id).toBe(sent.threadId);
        expect(stored.upload_descriptor ?? undefined).toBeUndefined();
        expect(stored.metadata).toEqual({ size: bytes.length });

        const preview = await fetchPreview(attachment!.preview_url!);
        expect(preview.status).toBe(200);
        expect(preview.headers.get('content-type')).toBe('image/png');
        expect(preview.headers.get('content-disposition')).toMatch(/^inline; filename="cat.png"/);
        if (!presigned) {
          expect(preview.headers.get('x-content-type-options')).toBe('nosniff');
          expect(preview.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
        }
        expect(await bytesOf(preview)).toEqual(bytes);
      });

      it('refuses a declared size over the limit with 413 and saves nothing', async () => {
        const writes = app.metadata.writes().length;
        const { status, body } = await createAttachment(app, ALICE, {
          name: 'huge.png',
          size: MAX_BYTES + 1,
          mime_type: 'image/png',
        });
        expect(status).toBe(413);
        expect(body.error!.code).toBe('payload_too_large');
        expect(app.metadata.writes().length).toBe(writes);
      });

      itThroughServer(
        'refuses more bytes than declared with 413, leaving no bytes behind',
        async () => {
          const { body: created } = await createAttachment(app, ALICE, {
            name: 'a.png',
            size: 10_000,
            mime_type: 'image/png',
          });
          const put = await uploadTo(created.upload_descriptor!, pngBytes(30_000));
          expect(put.status).toBe(413);
          expect(await blobOf(created.id)).toBe(false);
          expect(await app.leftovers()).toBe(0);
          expect((await storedAttachment(created.id)).upload_descriptor).toBeDefined();
        },
      );

      it('refuses a disguised type with 415 and keeps no bytes', async () => {
        const bytes = pdfBytes(8_000);
        const { body: created } = await createAttachment(app, ALICE, {
          name: 'cat.png',
          size: bytes.length,
          mime_type: 'image/png',
        });
        const put = await uploadTo(created.upload_descriptor!, bytes);
        if (!presigned) {
          expect(put.status).toBe(415);
          expect(((await put.json()) as { error: { code: string } }).error.code).toBe(
            'unsupported_media_type',
          );
          expect(await blobOf(created.id)).toBe(false);
          return;
        }
        // The object store cannot sniff; the first load does, and removes the attachment.
        expect(put.status).toBe(200);
        const sent = await sendMessage(app, ALICE, [created.id]);
        expect(sent.status).toBe(415);
        expect(sent.error!.code).toBe('unsupported_media_type');
        expect(await blobOf(created.id)).toBe(false);
        await expect(storedAttachment(created.id)).rejects.toThrow(NotFoundError);
      });

      it('refuses an expired upload URL', async () => {
        const { body: created } = await createAttachment(app, ALICE, {
          name: 'late.txt',
          size: 5,
          mime_type: 'text/plain',
        });
        if (app.stub) app.stub.clockOffsetMs = 901_000;
        app.clock.offsetMs = 901_000;
        const put = await uploadTo(created.upload_descriptor!, textBytes('hello'));
        expect(put.status).toBe(403);
        if (!presigned)
          expect(((await put.json()) as { error: { code: string } }).error.code).toBe(
            'token_expired',
          );
        expect(await blobOf(created.id)).toBe(false);
      });

      it('refuses a reused upload URL and keeps the first upload', async () => {
        const first = textBytes('first version');
        const created = await twoPhase(first, 'notes.txt', 'text/plain');
        const again = await uploadTo(created.upload_descriptor!, textBytes('other version'));
        expect(again.status).toBe(presigned ? 412 : 409);
        expect(await blobOf(created.id)).toBe(true);
        const { blob } = await app.attachments.openAttachment(created.id, { userId: ALICE });
        expect(await bytesOf(new Response(blob.body))).toEqual(first);
      });

      it('has no preview before the bytes arrive', async () => {
        const { body: created } = await createAttachment(app, ALICE, {
          name: 'soon.png',
          size: 100,
          mime_type: 'image/png',
        });
        expect((await fetch(created.preview_url!)).status).toBe(404);
      });

      itThroughServer('also accepts the bytes as multipart (field file) with POST', async () => {
        const bytes = pngBytes(9_000);
        const { body: created } = await createAttachment(app, ALICE, {
          name: 'm.png',
          size: bytes.length,
          mime_type: 'image/png',
        });
        const form = new FormData();
        form.append('file', new Blob([bytes], { type: 'image/png' }), 'm.png');
        const post = await fetch(created.upload_descriptor!.url, { method: 'POST', body: form });
        expect(post.status).toBe(200);
        expect(await bytesOf(await fetch(created.preview_url!))).toEqual(bytes);
      });
    });

    describe('direct strategy (POST /chatkit/upload)', () => {
      it('uploads, sends, reloads and previews the exact bytes', async () => {
        const bytes = pngBytes(30_000);
        const response = await directUpload(app, ALICE, bytes, 'photo.png', 'image/png');
        expect(response.status).toBe(201);
        const uploaded = (await response.json()) as WireAttachment;
        expect(uploaded).toMatchObject({
          type: 'image',
          name: 'photo.png',
          mime_type: 'image/png',
        });
        expect(uploaded).not.toHaveProperty('metadata');
        expect(uploaded).not.toHaveProperty('upload_descriptor');

        const sent = await sendMessage(app, ALICE, [uploaded.id]);
        expect(sent.status).toBe(200);
        const thread = await api<{ items: { data: WireItem[] } }>(app, ALICE, {
          type: 'threads.get_by_id',
          params: { thread_id: sent.threadId },
        });
        const [attachment] = thread.body.items.data[0]!.attachments!;
        expect(attachment).toMatchObject({ id: uploaded.id, thread_id: sent.threadId });
        expect(attachment).not.toHaveProperty('metadata');
        const preview = await fetchPreview(attachment!.preview_url!);
        expect(preview.status).toBe(200);
        expect(await bytesOf(preview)).toEqual(bytes);
      });

      it('stores a text file as type file, without a preview', async () => {
        const response = await directUpload(
          app,
          ALICE,
          textBytes('a,b\n1,2\n'),
          'data.csv',
          'text/csv',
        );
        expect(response.status).toBe(201);
        const uploaded = (await response.json()) as WireAttachment;
        expect(uploaded).toMatchObject({ type: 'file', mime_type: 'text/csv', name: 'data.csv' });
        expect(uploaded).not.toHaveProperty('preview_url');
      });

      it('answers 413 while streaming an oversized file and leaves nothing behind', async () => {
        const before = await app.blobKeys();
        const writes = app.metadata.writes().length;
        const response = await directUpload(
          app,
          ALICE,
          pngBytes(MAX_BYTES + 50_000),
          'big.png',
          'image/png',
        );
        expect(response.status).toBe(413);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
          'payload_too_large',
        );
        expect(await app.blobKeys()).toEqual(before);
        expect(await app.leftovers()).toBe(0);
        expect(app.metadata.writes().length).toBe(writes);
      });

      it('answers 413 before the client has sent the whole body (nothing buffered)', async () => {
        const boundary = 'threadline-test-boundary';
        const head = textBytes(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="endless.png"\r\nContent-Type: image/png\r\n\r\n`,
        );
        const total = 20_000_000;
        let sent = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent === 0) controller.enqueue(head);
            if (sent >= total) return controller.close();
            controller.enqueue(sent === 0 ? pngBytes(65_536) : new Uint8Array(65_536).fill(7));
            sent += 65_536;
          },
        });
        const response = await fetch(`${app.url}/upload`, {
          method: 'POST',
          headers: {
            ...asUser(ALICE).headers,
            'content-type': `multipart/form-data; boundary=${boundary}`,
          },
          body,
          duplex: 'half',
        } as RequestInit);
        expect(response.status).toBe(413);
        expect(sent).toBeLessThan(total);
        expect(await app.leftovers()).toBe(0);
      });

      it('answers 415 for a PDF declared as a PNG and leaves nothing behind', async () => {
        const before = await app.blobKeys();
        const writes = app.metadata.writes().length;
        const response = await directUpload(app, ALICE, pdfBytes(), 'innocent.png', 'image/png');
        expect(response.status).toBe(415);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
          'unsupported_media_type',
        );
        expect(await app.blobKeys()).toEqual(before);
        expect(app.metadata.writes().length).toBe(writes);
      });

      it('requires a file in field "file" and a multipart body (400)', async () => {
        const form = new FormData();
        form.append('other', new Blob([textBytes('x')]), 'x.txt');
        const noFile = await fetch(`${app.url}/upload`, {
          method: 'POST',
          headers: asUser(ALICE).headers,
          body: form,
        });
        expect(noFile.status).toBe(400);
        const notMultipart = await fetch(`${app.url}/upload`, {
          method: 'POST',
          headers: { ...asUser(ALICE).headers, 'content-type': 'application/json' },
          body: '{}',
        });
        expect(notMultipart.status).toBe(400);
      });
    });

    describe('ownership', () => {
      it("answers 404 for another user's attachment: in a message, in delete, in a preview", async () => {
        const response = await directUpload(app, ALICE, pngBytes(), 'mine.png', 'image/png');
        const mine = (await response.json()) as WireAttachment;

        const stolen = await sendMessage(app, BOB, [mine.id]);
        expect(stolen.status).toBe(404);
        expect(stolen.error!.code).toBe('not_found');

        const deleted = await api<{ error: { code: string } }>(app, BOB, {
          type: 'attachments.delete',
          params: { attachment_id: mine.id },
        });
        expect(deleted.status).toBe(404);
        expect(await blobOf(mine.id)).toBe(true);

        const bobsToken = await app.attachments.tokens.sign({
          attachmentId: mine.id,
          owner: { userId: BOB },
          purpose: 'preview',
          expiresInSeconds: 60,
        });
        const preview = await fetch(`${app.url}/attachments/${mine.id}/preview?token=${bobsToken}`);
        expect(preview.status).toBe(404);

        const bobsUpload = await app.attachments.tokens.sign({
          attachmentId: mine.id,
          owner: { userId: BOB },
          purpose: 'upload',
          expiresInSeconds: 60,
        });
        const overwrite = await fetch(`${app.url}/upload/${bobsUpload}`, {
          method: 'PUT',
          body: pngBytes(),
        });
        expect(overwrite.status).toBe(404);
      });

      it('refuses a preview token used for another attachment, tampered, or missing (403)', async () => {
        const one = (await (
          await directUpload(app, ALICE, pngBytes(), 'one.png', 'image/png')
        ).json()) as WireAttachment;
        const two = (await (
          await directUpload(app, ALICE, pngBytes(), 'two.png', 'image/png')
        ).json()) as WireAttachment;
        const token = new URL(one.preview_url!).searchParams.get('token')!;
        expect(
          (await fetch(`${app.url}/attachments/${two.id}/preview?token=${token}`)).status,
        ).toBe(403);
        const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
        expect(
          (await fetch(`${app.url}/attachments/${one.id}/preview?token=${tampered}`)).status,
        ).toBe(403);
        expect((await fetch(`${app.url}/attachments/${one.id}/preview`)).status).toBe(403);
        const uploadToken = new URL(
          (await createAttachment(app, ALICE, { name: 'u.png', size: 10, mime_type: 'image/png' }))
            .body.preview_url!,
        ).searchParams.get('token')!;
        // A preview token is not an upload token.
        expect(
          (await fetch(`${app.url}/upload/${uploadToken}`, { method: 'PUT', body: pngBytes() }))
            .status,
        ).toBe(403);
      });
    });

    describe('deletion', () => {
      it('attachments.delete removes the bytes and the metadata', async () => {
        const uploaded = (await (
          await directUpload(app, ALICE, pngBytes(), 'bye.png', 'image/png')
        ).json()) as WireAttachment;
        expect(await blobOf(uploaded.id)).toBe(true);
        const { status, body } = await api(app, ALICE, {
          type: 'attachments.delete',
          params: { attachment_id: uploaded.id },
        });
        expect(status).toBe(200);
        expect(body).toEqual({});
        expect(await blobOf(uploaded.id)).toBe(false);
        await expect(storedAttachment(uploaded.id)).rejects.toThrow(NotFoundError);
        expect((await fetch(uploaded.preview_url!)).status).toBe(404);
      });

      it('keeps the bytes of a sent attachment (409) until threads.delete removes them', async () => {
        const uploaded = (await (
          await directUpload(app, ALICE, pngBytes(), 'kept.png', 'image/png')
        ).json()) as WireAttachment;
        const sent = await sendMessage(app, ALICE, [uploaded.id]);
        const refused = await api<{ error: { code: string } }>(app, ALICE, {
          type: 'attachments.delete',
          params: { attachment_id: uploaded.id },
        });
        expect(refused.status).toBe(409);
        expect(refused.body.error.code).toBe('conflict');
        expect(await blobOf(uploaded.id)).toBe(true);
        expect((await fetchPreview(uploaded.preview_url!)).status).toBe(200);

        const deleted = await api(app, ALICE, {
          type: 'threads.delete',
          params: { thread_id: sent.threadId },
        });
        expect(deleted.status).toBe(200);
        expect(await blobOf(uploaded.id)).toBe(false);
        await expect(storedAttachment(uploaded.id)).rejects.toThrow(NotFoundError);
      });
    });

    it('re-signs expired preview URLs whenever the thread is reloaded', async () => {
      const uploaded = (await (
        await directUpload(app, ALICE, pngBytes(), 'old.png', 'image/png')
      ).json()) as WireAttachment;
      const sent = await sendMessage(app, ALICE, [uploaded.id]);
      app.clock.offsetMs = 3_601_000;
      const stale = await fetch(uploaded.preview_url!);
      expect(stale.status).toBe(403);
      expect(((await stale.json()) as { error: { code: string } }).error.code).toBe(
        'token_expired',
      );
      const [reloaded] = await loadMessageAttachments(sent.threadId!);
      expect(reloaded!.preview_url).not.toBe(uploaded.preview_url);
      expect((await fetchPreview(reloaded!.preview_url!)).status).toBe(200);
    });
  },
);
