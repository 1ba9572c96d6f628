import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { S3AttachmentStore, S3BlobStore } from '../../src/attachments/s3/index.js';
import { ConflictError } from '../../src/errors.js';
import { MemoryStore } from '../../src/stores/memory/index.js';
import { bytesOf, pngBytes, SECRET } from './harness.js';
import { S3Stub } from './s3-stub.js';

const MiB = 1024 * 1024;

async function* chunked(bytes: Uint8Array, size = 256 * 1024) {
  for (let offset = 0; offset < bytes.length; offset += size)
    yield bytes.subarray(offset, offset + size);
}

function patterned(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 7 + (i >> 10)) % 256;
  return bytes;
}

describe('S3BlobStore against an S3-compatible stub (real @aws-sdk/client-s3, path-style endpoint)', () => {
  let stub: S3Stub;
  let client: S3Client;
  let blobs: S3BlobStore;

  beforeAll(async () => {
    stub = await new S3Stub().start();
    client = new S3Client({
      region: 'us-east-1',
      endpoint: stub.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    blobs = new S3BlobStore({ client, bucket: 'chat-files', partSize: 5 * MiB });
  });
  afterAll(async () => {
    client.destroy();
    await stub.stop();
  });
  beforeEach(() => {
    stub.objects.clear();
    stub.requests.length = 0;
    stub.clockOffsetMs = 0;
  });

  it('stores a small body with one conditional PUT under <prefix><key>', async () => {
    const bytes = pngBytes(10_000);
    expect(await blobs.put('atc_small', chunked(bytes, 1_000), { contentType: 'image/png' })).toBe(
      10_000,
    );
    expect(stub.keys()).toEqual(['attachments/atc_small']);
    const put = stub.requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe('chat-files/attachments/atc_small');
    expect(put.headers['if-none-match']).toBe('*');
    expect(stub.objects.get('chat-files/attachments/atc_small')!.contentType).toBe('image/png');
    const blob = await blobs.get('atc_small');
    expect(blob!.size).toBe(10_000);
    expect(await bytesOf(new Response(blob!.body))).toEqual(bytes);
  });

  it('streams a large body as a multipart upload with bounded parts', async () => {
    const bytes = patterned(11 * MiB + 123);
    expect(
      await blobs.put('atc_large', chunked(bytes), { contentType: 'application/octet-stream' }),
    ).toBe(bytes.length);
    const calls = stub.requests.map((r) =>
      r.query.has('uploads')
        ? 'create'
        : r.query.has('partNumber')
          ? `part ${r.query.get('partNumber')}`
          : r.query.has('uploadId')
            ? 'complete'
            : r.method,
    );
    expect(calls).toEqual(['create', 'part 1', 'part 2', 'part 3', 'complete']);
    expect(stub.requests.at(-1)!.headers['if-none-match']).toBe('*');
    // Compared as buffers: a deep equality over 11 MiB element by element takes minutes.
    const stored = await bytesOf(new Response((await blobs.get('atc_large'))!.body));
    expect(Buffer.from(stored).equals(Buffer.from(bytes))).toBe(true);
    expect(stub.pendingMultipartUploads()).toBe(0);
  });

  it('aborts the multipart upload when the body fails midway, leaving nothing', async () => {
    async function* failing() {
      yield* chunked(patterned(6 * MiB));
      throw new Error('client went away');
    }
    await expect(blobs.put('atc_broken', failing(), { contentType: 'image/png' })).rejects.toThrow(
      'client went away',
    );
    expect(stub.requests.some((r) => r.method === 'DELETE' && r.query.has('uploadId'))).toBe(true);
    expect(stub.keys()).toEqual([]);
    expect(stub.pendingMultipartUploads()).toBe(0);
  });

  it('never replaces an existing object (ConflictError)', async () => {
    await blobs.put('atc_once', chunked(pngBytes(100)), { contentType: 'image/png' });
    await expect(
      blobs.put('atc_once', chunked(pngBytes(200)), { contentType: 'image/png' }),
    ).rejects.toThrow(ConflictError);
    expect(stub.objects.get('chat-files/attachments/atc_once')!.body.length).toBe(100);
  });

  it('reads the first bytes with a ranged GET, reports the whole size, and handles missing keys', async () => {
    await blobs.put('atc_ranged', chunked(patterned(50_000)), { contentType: 'text/plain' });
    const head = await blobs.get('atc_ranged', { firstBytes: 4_100 });
    expect(head!.size).toBe(50_000);
    expect((await bytesOf(new Response(head!.body))).length).toBe(4_100);
    expect(await blobs.exists('atc_ranged')).toBe(true);
    await blobs.delete('atc_ranged');
    expect(await blobs.exists('atc_ranged')).toBe(false);
    expect(await blobs.get('atc_ranged')).toBeUndefined();
    await expect(blobs.delete('atc_ranged')).resolves.toBeUndefined();
    await expect(blobs.get('../escape')).rejects.toThrow('Invalid blob key');
  });

  it('presigns a single-use, size-bound, expiring PUT that works against the store', async () => {
    const bytes = pngBytes(2_000);
    const upload = await blobs.presignUpload('atc_signed', {
      contentType: 'image/png',
      contentLength: bytes.length,
      expiresInSeconds: 600,
    });
    const query = new URL(upload.url).searchParams;
    expect(query.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(query.get('X-Amz-Expires')).toBe('600');
    expect(query.get('X-Amz-SignedHeaders')).toBe('content-length;host;if-none-match');
    expect([...query.keys()].some((k) => /checksum/i.test(k))).toBe(false);

    const first = await fetch(upload.url, {
      method: upload.method,
      headers: upload.headers,
      body: bytes,
    });
    expect(first.status).toBe(200);
    expect(stub.objects.get('chat-files/attachments/atc_signed')!.body).toEqual(Buffer.from(bytes));
    const second = await fetch(upload.url, {
      method: upload.method,
      headers: upload.headers,
      body: bytes,
    });
    expect(second.status).toBe(412);

    stub.clockOffsetMs = 601_000;
    const late = await blobs.presignUpload('atc_late', {
      contentType: 'image/png',
      contentLength: 3,
      expiresInSeconds: 600,
    });
    expect(
      (await fetch(late.url, { method: 'PUT', headers: late.headers, body: new Uint8Array(3) }))
        .status,
    ).toBe(403);
  });

  it('presigns a GET that serves the bytes with our content type and disposition', async () => {
    const bytes = pngBytes(3_000);
    await blobs.put('atc_view', chunked(bytes), { contentType: 'image/png' });
    const url = await blobs.presignDownload('atc_view', {
      contentType: 'image/png',
      contentDisposition: 'inline; filename="cat.png"',
      expiresInSeconds: 300,
    });
    const query = new URL(url).searchParams;
    expect(query.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(query.get('X-Amz-Expires')).toBe('300');
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-disposition')).toBe('inline; filename="cat.png"');
    expect(await bytesOf(response)).toEqual(bytes);
  });

  it('sends the configured storage class on every write and in presigned uploads', async () => {
    const cold = new S3BlobStore({
      client,
      bucket: 'chat-files',
      prefix: 'cold/',
      partSize: 5 * MiB,
      storageClass: 'STANDARD_IA',
    });
    await cold.put('atc_ia', chunked(pngBytes(1_000)), { contentType: 'image/png' });
    await cold.put('atc_ia_big', chunked(patterned(6 * MiB)), {
      contentType: 'application/octet-stream',
    });
    const writes = stub.requests.filter(
      (r) => (r.method === 'PUT' && !r.query.has('partNumber')) || r.query.has('uploads'),
    );
    expect(writes.map((r) => [r.path, r.headers['x-amz-storage-class']])).toEqual([
      ['chat-files/cold/atc_ia', 'STANDARD_IA'],
      ['chat-files/cold/atc_ia_big', 'STANDARD_IA'],
    ]);
    const upload = await cold.presignUpload('atc_ia_signed', {
      contentType: 'text/plain',
      contentLength: 2,
      expiresInSeconds: 60,
    });
    // The presigner hoists x-amz-* headers into the signed query: the browser sends nothing extra.
    expect(new URL(upload.url).searchParams.get('x-amz-storage-class')).toBe('STANDARD_IA');
    const sent = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: 'hi' });
    expect(sent.status).toBe(200);
  });

  it('S3AttachmentStore builds its own client from a configuration', async () => {
    const attachments = new S3AttachmentStore({
      store: new MemoryStore(),
      bucket: 'chat-files',
      secret: SECRET,
      baseUrl: 'http://127.0.0.1:1/chatkit',
      s3: {
        region: 'us-east-1',
        endpoint: stub.endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      },
    });
    const created = await attachments.createAttachment(
      { name: 'a.txt', size: 3, mime_type: 'text/plain' },
      { userId: 'u' },
    );
    expect(created.upload_descriptor!.url.startsWith('http://127.0.0.1:1/chatkit/upload/')).toBe(
      true,
    );
    expect(attachments.client.config.forcePathStyle).toBe(true);
    attachments.client.destroy();
  });
});
