import { InvalidRequestError, PayloadTooLargeError, ThreadlineError } from '../errors.js';
import { concatBytes } from './byte-streams.js';
import { SNIFF_BYTES } from './sniff.js';

export interface UploadGuardOptions {
  /** Bytes beyond this fail the upload with `PayloadTooLargeError` (413) as soon as they arrive. */
  maxBytes: number;
  /**
   * Called once with the first `SNIFF_BYTES` (or the whole file if shorter), before any byte is
   * passed on; throw to refuse the upload (e.g. `UnsupportedMediaTypeError`).
   */
  inspect: (head: Uint8Array) => Promise<void>;
  /** Called at the end with the total size. */
  onComplete?: (size: number) => void;
}

/**
 * Passes an upload through while enforcing the byte limit and the content check: the first bytes
 * are held back until they can be sniffed, then everything streams. Nothing is buffered beyond
 * the sniff window. Errors raised by the source itself (a client gone mid-upload, a malformed
 * multipart body) become `InvalidRequestError` so they are never mistaken for a server fault.
 */
export async function* guardUpload(
  source: AsyncIterable<Uint8Array>,
  options: UploadGuardOptions,
): AsyncGenerator<Uint8Array> {
  let total = 0;
  let held: Uint8Array[] | undefined = [];
  let heldBytes = 0;
  const iterator = source[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await iterator.next();
      } catch (cause) {
        if (cause instanceof ThreadlineError) throw cause;
        throw new InvalidRequestError('The upload could not be read to the end', [], { cause });
      }
      if (next.done) break;
      const chunk = next.value;
      if (chunk.byteLength === 0) continue;
      total += chunk.byteLength;
      if (total > options.maxBytes) {
        throw new PayloadTooLargeError(`Attachments may be at most ${options.maxBytes} bytes`);
      }
      if (held) {
        held.push(chunk);
        heldBytes += chunk.byteLength;
        if (heldBytes < SNIFF_BYTES) continue;
        const head = concatBytes(held, heldBytes);
        held = undefined;
        await options.inspect(head.subarray(0, SNIFF_BYTES));
        yield head;
        continue;
      }
      yield chunk;
    }
    if (total === 0) {
      throw new InvalidRequestError('The uploaded file is empty', [
        { path: 'file', message: 'must not be empty' },
      ]);
    }
    if (held) {
      const head = concatBytes(held, heldBytes);
      await options.inspect(head);
      yield head;
    }
    options.onComplete?.(total);
  } finally {
    // Stopping early (limit, refused type, a failed write downstream) releases the source.
    await iterator.return?.();
  }
}
