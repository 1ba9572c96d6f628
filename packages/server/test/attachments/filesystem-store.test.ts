import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BlobAttachmentStore } from '../../src/attachments/index.js';
import { blobKeyForAttachment } from '../../src/attachments/blob-store.js';
import {
  FilesystemAttachmentStore,
  FilesystemBlobStore,
} from '../../src/attachments/filesystem/index.js';
import { ConfigurationError, ConflictError } from '../../src/errors.js';
import { MemoryStore } from '../../src/stores/memory/index.js';
import type { TestContext } from '../helpers/make-server.js';
import {
  ALICE,
  asUser,
  bytesOf,
  createAttachment,
  directUpload,
  pdfBytes,
  pngBytes,
  SECRET,
  startAttachmentApp,
  textBytes,
  uploadTo,
  type AttachmentApp,
  type WireAttachment,
} from './harness.js';

async function* chunks(...parts: Uint8Array[]) {
  for (const part of parts) yield part;
}

describe('FilesystemBlobStore', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'threadline-blobs-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const tempFiles = async () => readdir(join(dir, '.tmp'));

  it('publishes a blob atomically under a hashed shard folder, named by its key', async () => {
    const blobs = new FilesystemBlobStore(dir);
    expect(
      await blobs.put('atc_1', chunks(textBytes('hello '), textBytes('world')), {
        contentType: 'text/plain',
      }),
    ).toBe(11);
    const shards = (await readdir(dir)).filter((name) => name !== '.tmp');
    expect(shards).toHaveLength(1);
    expect(shards[0]).toMatch(/^[0-9a-f]{2}$/);
    expect(await readdir(join(dir, shards[0]!))).toEqual(['atc_1']);
    expect(await tempFiles()).toEqual([]);
    const blob = await blobs.get('atc_1');
    expect(blob!.size).toBe(11);
    expect(new TextDecoder().decode(await bytesOf(new Response(blob!.body)))).toBe('hello world');
    const head = await blobs.get('atc_1', { firstBytes: 5 });
    expect(new TextDecoder().decode(await bytesOf(new Response(head!.body)))).toBe('hello');
  });

  it('refuses to replace a blob (ConflictError) and keeps the first', async () => {
    const blobs = new FilesystemBlobStore(dir);
    await blobs.put('atc_2', chunks(textBytes('first')), { contentType: 'text/plain' });
    await expect(
      blobs.put('atc_2', chunks(textBytes('second')), { contentType: 'text/plain' }),
    ).rejects.toThrow(ConflictError);
    expect(
      new TextDecoder().decode(await bytesOf(new Response((await blobs.get('atc_2'))!.body))),
    ).toBe('first');
    expect(await tempFiles()).toEqual([]);
  });

  it('leaves nothing behind when the body fails midway', async () => {
    const blobs = new FilesystemBlobStore(dir);
    async function* failing() {
      yield textBytes('partial');
      throw new Error('too large');
    }
    await expect(blobs.put('atc_3', failing(), { contentType: 'text/plain' })).rejects.toThrow(
      'too large',
    );
    expect(await blobs.exists('atc_3')).toBe(false);
    expect(await tempFiles()).toEqual([]);
  });

  it('never turns a key into a path, and hashes ids that are not plain', async () => {
    const blobs = new FilesystemBlobStore(dir);
    for (const key of ['../x', 'a/b', '', '.hidden', 'a b']) {
      await expect(blobs.exists(key)).rejects.toThrow('Invalid blob key');
    }
    expect(await blobKeyForAttachment('atc_0123abcd')).toBe('atc_0123abcd');
    expect(await blobKeyForAttachment('../../etc/passwd')).toMatch(/^sha256-[0-9a-f]{64}$/);
    expect(await blobs.get('atc_missing')).toBeUndefined();
    await expect(blobs.delete('atc_missing')).resolves.toBeUndefined();
  });
});

describe('FilesystemAttachmentStore over real HTTP', () => {
  let app: AttachmentApp;
  beforeAll(async () => {
    app = await startAttachmentApp('filesystem', { limits: { maxBytes: 100_000 } });
  });
  afterAll(() => app.stop());
  afterEach(() => expect(app.loggedErrors).toEqual([]));

  it('stores bytes under <dataDir>/attachments, named by id, never by the filename', async () => {
    const response = await directUpload(
      app,
      ALICE,
      pngBytes(),
      '../../../etc/evil.png',
      'image/png',
    );
    expect(response.status).toBe(201);
    const uploaded = (await response.json()) as WireAttachment;
    expect(uploaded.name).toBe('evil.png');
    expect(await readdir(app.dataDir!)).toEqual(['attachments']);
    const keys = await app.blobKeys();
    expect(keys).toEqual([join(keys[0]!.split('/')[0]!, uploaded.id)]);
    expect(keys.join()).not.toContain('evil');
  });

  it('needs the caller to be authenticated for a direct upload, and answers 405/404 elsewhere', async () => {
    const form = new FormData();
    form.append('file', new Blob([pngBytes()], { type: 'image/png' }), 'x.png');
    expect((await fetch(`${app.url}/upload`, { method: 'POST', body: form })).status).toBe(401);
    expect((await fetch(`${app.url}/upload`, asUser(ALICE))).status).toBe(405);
    expect(
      (await fetch(`${app.url}/attachments/x/preview?token=t`, { method: 'DELETE' })).status,
    ).toBe(405);
    expect((await fetch(`${app.url}/nothing-here`)).status).toBe(404);
  });

  it('answers HEAD on a preview with the headers and no body', async () => {
    const uploaded = (await (
      await directUpload(app, ALICE, pngBytes(12_345), 'h.png', 'image/png')
    ).json()) as WireAttachment;
    const head = await fetch(uploaded.preview_url!, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('12345');
    expect(head.headers.get('content-security-policy')).toContain('sandbox');
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it('refuses a Content-Length far over the limit before reading the body', async () => {
    const response = await directUpload(app, ALICE, pngBytes(400_000), 'huge.png', 'image/png');
    expect(response.status).toBe(413);
  });

  it('lets exactly one of two concurrent uploads to the same URL win', async () => {
    const bytes = pngBytes(50_000);
    const { body: created } = await createAttachment(app, ALICE, {
      name: 'race.png',
      size: bytes.length,
      mime_type: 'image/png',
    });
    const statuses = await Promise.all([
      uploadTo(created.upload_descriptor!, bytes).then((r) => r.status),
      uploadTo(created.upload_descriptor!, bytes).then((r) => r.status),
    ]);
    expect(statuses.sort()).toEqual([200, 409]);
    expect(await app.leftovers()).toBe(0);
    expect(await bytesOf(await fetch(created.preview_url!))).toEqual(bytes);
  });
});

describe('AttachmentUrlStore (attachments.store)', () => {
  it("re-signs our preview URLs on load but never rewrites another store's URL", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-urls-'));
    let now = 1_700_000_000_000;
    const attachments = new FilesystemAttachmentStore<TestContext>({
      store: new MemoryStore<TestContext>(),
      dataDir: dir,
      secret: SECRET,
      baseUrl: 'https://api.example.com/chatkit/',
      now: () => now,
    });
    const context = { userId: ALICE };
    const ours = await attachments.createAttachment(
      { name: 'a.png', size: 100, mime_type: 'image/png' },
      context,
    );
    await attachments.store.saveAttachment(ours, context);
    const foreign = {
      id: 'atc_cdn',
      name: 'b.png',
      mime_type: 'image/png',
      type: 'image' as const,
      preview_url: 'https://cdn.example.com/b.png',
    };
    await attachments.store.saveAttachment(foreign, context);
    now += 10_000;
    const reloaded = await attachments.store.loadAttachment(ours.id, context);
    if (reloaded.type !== 'image' || ours.type !== 'image') throw new Error('expected images');
    expect(reloaded.preview_url).toMatch(
      /^https:\/\/api\.example\.com\/chatkit\/attachments\/atc_[0-9a-f]+\/preview\?token=/,
    );
    expect(reloaded.preview_url).not.toBe(ours.preview_url);
    expect(await attachments.store.loadAttachment('atc_cdn', context)).toEqual(foreign);
    expect(attachments.basePath).toBe('/chatkit');
    await rm(dir, { recursive: true, force: true });
  });
});

describe('MIME allow-list from configuration', () => {
  let app: AttachmentApp;
  beforeAll(async () => {
    app = await startAttachmentApp('filesystem', {
      limits: { allowedMimeTypes: ['image/*', 'text/plain'] },
    });
  });
  afterAll(() => app.stop());

  it('refuses a type off the list at attachments.create and at direct upload (415)', async () => {
    const created = await createAttachment(app, ALICE, {
      name: 'a.pdf',
      size: 100,
      mime_type: 'application/pdf',
    });
    expect(created.status).toBe(415);
    expect(created.body.error!.code).toBe('unsupported_media_type');
    expect((await directUpload(app, ALICE, pdfBytes(), 'a.pdf', 'application/pdf')).status).toBe(
      415,
    );
    expect((await directUpload(app, ALICE, textBytes('hi'), 'a.txt', 'text/plain')).status).toBe(
      201,
    );
  });

  it('checks the sniffed type as well as the declared one', async () => {
    const disguised = await directUpload(
      app,
      ALICE,
      pdfBytes(),
      'a.bin',
      'application/octet-stream',
    );
    expect(disguised.status).toBe(415);
    expect(await app.blobKeys()).toHaveLength(1); // only the text file above
  });
});

describe('signed URLs need a consistent owner mapping', () => {
  it('refuses a contextForOwner that maps to another owner (ConfigurationError)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-owner-'));
    const attachments = new FilesystemAttachmentStore<TestContext>({
      store: new MemoryStore<TestContext>(),
      dataDir: dir,
      secret: SECRET,
      baseUrl: 'http://localhost/chatkit',
      contextForOwner: () => ({ userId: 'someone-else' }),
    });
    const created = await attachments.createAttachment(
      { name: 'a.png', size: 100, mime_type: 'image/png' },
      { userId: ALICE },
    );
    const token = new URL(created.upload_descriptor!.url).pathname.split('/').pop()!;
    await expect(
      attachments.completeUpload(token, { body: chunks(pngBytes(100)) }),
    ).rejects.toThrow(ConfigurationError);
    await rm(dir, { recursive: true, force: true });
  });

  it('requires an absolute http(s) baseUrl and a presigning store for object-store modes', () => {
    const options = {
      store: new MemoryStore(),
      blobs: new FilesystemBlobStore('/tmp/x'),
      secret: SECRET,
    };
    expect(() => new BlobAttachmentStore({ ...options, baseUrl: 'ftp://x/chatkit' })).toThrow(
      ConfigurationError,
    );
    expect(
      () => new BlobAttachmentStore({ ...options, baseUrl: 'http://x', uploadVia: 'object-store' }),
    ).toThrow(ConfigurationError);
  });
});
