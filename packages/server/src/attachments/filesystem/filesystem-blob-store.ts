import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, open, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ConflictError } from '../../errors.js';
import { BLOB_KEY_PATTERN, type BlobStore, type StoredBlob } from '../blob-store.js';
import { toReadableStream } from '../byte-streams.js';

const TEMP_DIR = '.tmp';

const isErrno = (error: unknown, code: string): boolean =>
  error instanceof Error && (error as NodeJS.ErrnoException).code === code;

/**
 * Blobs as files under one directory: `<directory>/<2 hex>/<key>`, the two hex digits from a hash
 * of the key to spread files over 256 folders. Keys are checked against `[A-Za-z0-9_-]`, so a
 * user's filename can never become a path. Uploads are written to `<directory>/.tmp/` and
 * published with a hard link, which fails if the blob exists (single-use uploads) and never
 * exposes a partial file; the temp file is removed whatever happens.
 */
export class FilesystemBlobStore implements BlobStore {
  private ready: Promise<void> | undefined;

  constructor(readonly directory: string) {}

  private path(key: string): string {
    if (!BLOB_KEY_PATTERN.test(key)) throw new Error(`Invalid blob key ${JSON.stringify(key)}`);
    const shard = createHash('sha256').update(key).digest('hex').slice(0, 2);
    return join(this.directory, shard, key);
  }

  private ensureTempDir(): Promise<void> {
    this.ready ??= mkdir(join(this.directory, TEMP_DIR), { recursive: true }).then(() => undefined);
    return this.ready;
  }

  async put(
    key: string,
    body: AsyncIterable<Uint8Array>,
    _options: { contentType: string },
  ): Promise<number> {
    const target = this.path(key);
    await this.ensureTempDir();
    const temp = join(this.directory, TEMP_DIR, `${randomUUID()}.part`);
    let size = 0;
    try {
      const file = await open(temp, 'wx');
      try {
        for await (const chunk of body) {
          for (let offset = 0; offset < chunk.byteLength;) {
            offset += (await file.write(chunk, offset)).bytesWritten;
          }
          size += chunk.byteLength;
        }
        await file.sync();
      } finally {
        await file.close();
      }
      await mkdir(join(target, '..'), { recursive: true });
      try {
        await link(temp, target);
      } catch (error) {
        if (isErrno(error, 'EEXIST'))
          throw new ConflictError('This attachment has already been uploaded');
        throw error;
      }
      return size;
    } finally {
      await unlink(temp).catch((error: unknown) => {
        if (!isErrno(error, 'ENOENT')) throw error;
      });
    }
  }

  async get(key: string, options: { firstBytes?: number } = {}): Promise<StoredBlob | undefined> {
    const path = this.path(key);
    try {
      const { size } = await stat(path);
      const end =
        options.firstBytes === undefined ? undefined : Math.max(0, options.firstBytes - 1);
      const stream = createReadStream(path, end === undefined ? {} : { end });
      return { body: toReadableStream(stream), size };
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return undefined;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await stat(this.path(key));
      return true;
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await unlink(this.path(key)).catch((error: unknown) => {
      if (!isErrno(error, 'ENOENT')) throw error;
    });
  }
}
