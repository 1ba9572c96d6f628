import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FilesystemAttachmentStore } from '../../src/attachments/filesystem/index.js';
import { MemoryStore } from '../../src/stores/memory/index.js';
import type { TestContext } from '../helpers/make-server.js';
import { SECRET } from './harness.js';

describe('the attachment store’s wrapped Store', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'threadline-url-store-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps the metadata store’s turn lease (docs/crash-safety.md)', async () => {
    const attachments = new FilesystemAttachmentStore<TestContext>({
      store: new MemoryStore<TestContext>(),
      dataDir: dir,
      secret: SECRET,
      baseUrl: 'https://api.example.com/chatkit/',
    });
    const { store } = attachments;
    expect(await store.leaseThread!('thr_1', 'a', 10_000)).toBe(true);
    expect(await store.leaseThread!('thr_1', 'b', 10_000)).toBe(false);
    await store.releaseThreadLease!('thr_1', 'a');
    expect(await store.leaseThread!('thr_1', 'b', 10_000)).toBe(true);
  });
});
