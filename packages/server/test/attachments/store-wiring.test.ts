import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttachmentUrlStore } from '../../src/attachments/index.js';
import { FilesystemAttachmentStore } from '../../src/attachments/filesystem/index.js';
import type { Attachment } from '../../src/protocol/attachments.js';
import { DelegatingStore } from '../../src/stores/delegating-store.js';
import { MemoryStore } from '../../src/stores/memory/index.js';
import {
  json,
  ScriptedServer,
  textInput,
  stream,
  type TestContext,
} from '../helpers/make-server.js';
import { ALICE, SECRET } from './harness.js';

const context: TestContext = { userId: ALICE };

// Preview URLs are signed at load time (docs/protocol.md §4.6). Handing the server the raw
// metadata store used to skip that silently; the server now derives the signing store itself.
describe('ChatKitServer with a BlobAttachmentStore', () => {
  let dir: string;
  let now = 1_700_000_000_000;
  const setup = () => {
    const metadata = new MemoryStore<TestContext>();
    const attachments = new FilesystemAttachmentStore<TestContext>({
      store: metadata,
      dataDir: dir,
      secret: SECRET,
      baseUrl: 'https://api.example.com/chatkit',
      now: () => now,
    });
    return { metadata, attachments };
  };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'threadline-wiring-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('re-signs preview URLs in loaded messages when given the raw store', async () => {
    const { metadata, attachments } = setup();
    const server = new ScriptedServer({}, metadata, attachments);
    const image = await attachments.createAttachment(
      { name: 'a.png', size: 100, mime_type: 'image/png' },
      context,
    );
    // Stored as uploaded: no upload descriptor left.
    const { upload_descriptor: _uploaded, ...stored } = image;
    await metadata.saveAttachment(stored, context);
    const { events } = await stream(
      server,
      { type: 'threads.create', params: { input: textInput('look', { attachments: [image.id] }) } },
      context,
    );
    const threadId = (events[0] as { thread: { id: string } }).thread.id;
    now += 60_000; // a later load signs a new token
    const page = await json<{ data: { type: string; attachments?: Attachment[] }[] }>(
      server,
      { type: 'items.list', params: { thread_id: threadId } },
      context,
    );
    const sent = page.data.find((item) => item.type === 'user_message')!.attachments![0]!;
    expect(sent.type).toBe('image');
    const previewUrl = (sent as { preview_url: string }).preview_url;
    expect(previewUrl).toMatch(/^https:\/\/api\.example\.com\/chatkit\/attachments\/atc_/);
    expect(previewUrl).not.toBe((image as { preview_url: string }).preview_url);
  });

  it('does not wrap twice when given `.store`, or a wrapper around it', () => {
    const { attachments } = setup();
    expect(new ScriptedServer({}, attachments.store, attachments).store).toBe(attachments.store);
    const outer = new DelegatingStore(attachments.store);
    expect(new ScriptedServer({}, outer, attachments).store).toBe(outer);
  });

  it("wraps a store signed for another attachment store with this one's signer", () => {
    const { metadata, attachments } = setup();
    const other = setup().attachments;
    const store = new ScriptedServer({}, other.wrapStore(metadata), attachments).store;
    expect(store).toBeInstanceOf(AttachmentUrlStore);
    expect((store as AttachmentUrlStore<TestContext>).signer).toBe(attachments);
  });
});
