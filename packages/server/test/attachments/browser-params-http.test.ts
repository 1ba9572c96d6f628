import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ALICE,
  api,
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
const BACKENDS: Backend[] = ['filesystem', 'filesystem+sqlite'];

interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

describe.each(BACKENDS)(
  'attachments.create with what a browser reports, %s backend (docs/protocol.md §2.14)',
  (backend) => {
    let app: AttachmentApp;

    beforeAll(async () => {
      app = await startAttachmentApp(backend, { limits: { maxBytes: MAX_BYTES } });
    });
    afterAll(() => app.stop());
    afterEach(() => expect(app.loggedErrors).toEqual([]));

    const stored = (id: string) => app.metadata.store.loadAttachment(id, { userId: ALICE });

    it('an empty mime_type becomes application/octet-stream, then the PNG bytes make it an image', async () => {
      const bytes = pngBytes(20_000);
      const { status, body: created } = await createAttachment(app, ALICE, {
        name: 'photo',
        size: bytes.length,
        mime_type: '',
      });
      expect(status).toBe(200);
      expect(created).toMatchObject({
        name: 'photo',
        mime_type: 'application/octet-stream',
        type: 'file',
      });
      expect(created).not.toHaveProperty('preview_url');

      const put = await uploadTo(created.upload_descriptor!, bytes);
      expect(put.status).toBe(200);
      const uploaded = (await put.json()) as WireAttachment;
      expect(uploaded).toMatchObject({ id: created.id, mime_type: 'image/png', type: 'image' });
      expect(uploaded).not.toHaveProperty('upload_descriptor');
      expect(uploaded).not.toHaveProperty('metadata');
      expect(uploaded.preview_url).toMatch(
        new RegExp(`^${app.url}/attachments/${created.id}/preview\\?token=`),
      );

      const record = await stored(created.id);
      expect(record).toMatchObject({ mime_type: 'image/png', type: 'image' });
      expect(record.metadata).toEqual({ size: bytes.length });

      const sent = await sendMessage(app, ALICE, [created.id]);
      expect(sent.status).toBe(200);
      const { body: items } = await api<{
        data: { type: string; attachments?: WireAttachment[] }[];
      }>(app, ALICE, { type: 'items.list', params: { thread_id: sent.threadId } });
      const [attachment] = items.data.find((i) => i.type === 'user_message')!.attachments!;
      expect(attachment).toMatchObject({
        id: created.id,
        mime_type: 'image/png',
        type: 'image',
        thread_id: sent.threadId,
      });
      const preview = await fetch(attachment!.preview_url!);
      expect(preview.status).toBe(200);
      expect(preview.headers.get('content-type')).toBe('image/png');
      expect(await bytesOf(preview)).toEqual(bytes);
    });

    it('an empty mime_type stays application/octet-stream when the bytes tell nothing', async () => {
      const bytes = textBytes('plain words, no signature');
      const { body: created } = await createAttachment(app, ALICE, {
        name: 'notes',
        size: bytes.length,
        mime_type: '',
      });
      const put = await uploadTo(created.upload_descriptor!, bytes);
      expect(put.status).toBe(200);
      expect(await put.json()).toMatchObject({
        mime_type: 'application/octet-stream',
        type: 'file',
      });
      expect((await stored(created.id)).metadata).toEqual({ size: bytes.length });
    });

    it('an empty name becomes "file"', async () => {
      const { status, body } = await createAttachment(app, ALICE, {
        name: '',
        size: 5,
        mime_type: 'text/plain',
      });
      expect(status).toBe(200);
      expect(body).toMatchObject({ name: 'file', mime_type: 'text/plain', type: 'file' });
      expect((await stored(body.id)).name).toBe('file');
    });

    it('a direct upload without a file name or type is named "file" and sniffed', async () => {
      const bytes = pngBytes(8_000);
      const response = await directUpload(app, ALICE, bytes, '', '');
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({
        name: 'file',
        mime_type: 'image/png',
        type: 'image',
      });
    });

    it('size -1 means unknown: the real size is recorded and the limit applies to the bytes', async () => {
      const bytes = pngBytes(12_345);
      const { status, body: created } = await createAttachment(app, ALICE, {
        name: 'cat.png',
        size: -1,
        mime_type: 'image/png',
      });
      expect(status).toBe(200);
      expect((await stored(created.id)).metadata).toEqual({});
      const put = await uploadTo(created.upload_descriptor!, bytes);
      expect(put.status).toBe(200);
      expect((await stored(created.id)).metadata).toEqual({ size: bytes.length });

      const { body: big } = await createAttachment(app, ALICE, {
        name: 'big.png',
        size: -1,
        mime_type: 'image/png',
      });
      const tooBig = await uploadTo(big.upload_descriptor!, pngBytes(MAX_BYTES + 1));
      expect(tooBig.status).toBe(413);
      expect(((await tooBig.json()) as ErrorBody).error.code).toBe('payload_too_large');
      expect((await stored(big.id)).upload_descriptor).toBeDefined();
    });

    it('still refuses truly invalid params with a 400 naming the field', async () => {
      const cases: [object, string][] = [
        [{ name: 'a', size: -2, mime_type: 'text/plain' }, 'params.size'],
        [{ name: 'a', size: 1.5, mime_type: 'text/plain' }, 'params.size'],
        [{ name: 'a', size: 3, mime_type: 'not a type' }, 'params.mime_type'],
        [{ name: 'a\u0001b', size: 3, mime_type: 'text/plain' }, 'params.name'],
        [{ size: 3, mime_type: 'text/plain' }, 'params.name'],
      ];
      for (const [params, path] of cases) {
        const { status, body } = await api<ErrorBody>(app, ALICE, {
          type: 'attachments.create',
          params,
        });
        expect(status).toBe(400);
        expect(body.error.code).toBe('invalid_request');
        expect(body.error.issues?.map((issue) => issue.path)).toContain(path);
      }
    });
  },
);

describe('an unknown type against an allow-list (filesystem backend)', () => {
  let app: AttachmentApp;
  beforeAll(async () => {
    app = await startAttachmentApp('filesystem', {
      limits: { maxBytes: MAX_BYTES, allowedMimeTypes: ['image/*'] },
    });
  });
  afterAll(() => app.stop());

  it('accepts the attachment, then checks the sniffed type: a PNG passes, a PDF is refused (415)', async () => {
    const png = await createAttachment(app, ALICE, { name: '', size: -1, mime_type: '' });
    expect(png.status).toBe(200);
    const ok = await uploadTo(png.body.upload_descriptor!, pngBytes(9_000));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ name: 'file', mime_type: 'image/png', type: 'image' });

    const pdf = await createAttachment(app, ALICE, { name: 'x', size: -1, mime_type: '' });
    expect(pdf.status).toBe(200);
    const refused = await uploadTo(pdf.body.upload_descriptor!, pdfBytes(9_000));
    expect(refused.status).toBe(415);
    expect(((await refused.json()) as ErrorBody).error.code).toBe('unsupported_media_type');
    expect((await app.blobKeys()).some((key) => key.endsWith(pdf.body.id))).toBe(false);

    const text = await createAttachment(app, ALICE, { name: 'y', size: -1, mime_type: '' });
    const unknown = await uploadTo(text.body.upload_descriptor!, textBytes('no signature'));
    expect(unknown.status).toBe(415);
  });
});

describe('an unknown type and size with presigned uploads (s3-presigned backend)', () => {
  let app: AttachmentApp;
  beforeAll(async () => {
    app = await startAttachmentApp('s3-presigned', { limits: { maxBytes: MAX_BYTES } });
  });
  afterAll(() => app.stop());

  it('signs no size, then sniffs the stored bytes: the PNG becomes an image on first use', async () => {
    const bytes = pngBytes(15_000);
    const { status, body: created } = await createAttachment(app, ALICE, {
      name: '',
      size: -1,
      mime_type: '',
    });
    expect(status).toBe(200);
    const signed = new URL(created.upload_descriptor!.url).searchParams.get('X-Amz-SignedHeaders');
    expect(signed?.split(';')).not.toContain('content-length');
    const put = await uploadTo(created.upload_descriptor!, bytes);
    expect(put.status).toBe(200);

    const sent = await sendMessage(app, ALICE, [created.id]);
    expect(sent.status).toBe(200);
    const record = await app.metadata.store.loadAttachment(created.id, { userId: ALICE });
    expect(record).toMatchObject({ name: 'file', mime_type: 'image/png', type: 'image' });
    expect(record.metadata).toEqual({ size: bytes.length });
  });
});
