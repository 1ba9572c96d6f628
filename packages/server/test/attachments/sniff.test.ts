import { describe, expect, it } from 'vitest';
import { sniffMimeType } from '../../src/attachments/index.js';
import { SNIFF_BYTES, verifyContentType } from '../../src/attachments/sniff.js';
import { guardUpload } from '../../src/attachments/upload-guard.js';
import {
  InvalidRequestError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../../src/errors.js';
import { pdfBytes, pngBytes, textBytes } from './harness.js';

const JPEG = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
]);
const EXE = Uint8Array.from([
  0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0, 0xb8, 0, 0, 0,
]);
const ZIP = Uint8Array.from([
  0x50, 0x4b, 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
  0x61,
]);

const verify = (declared: string, head: Uint8Array, allowedMimeTypes?: string[]) =>
  verifyContentType({ declared, head, allowedMimeTypes });

describe('content sniffing', () => {
  it('detects formats by their leading bytes', async () => {
    expect(await sniffMimeType(pngBytes(100))).toBe('image/png');
    expect(await sniffMimeType(pdfBytes(100))).toBe('application/pdf');
    expect(await sniffMimeType(textBytes('plain words'))).toBeUndefined();
  });

  it('accepts bytes that match the declared type', async () => {
    expect(await verify('image/png', pngBytes(100))).toBe('image/png');
    expect(await verify('application/pdf', pdfBytes(100))).toBe('application/pdf');
    expect(await verify('text/plain', textBytes('hello'))).toBe('text/plain');
    expect(await verify('text/csv', textBytes('a,b\n1,2'))).toBe('text/csv');
    expect(await verify('application/json', textBytes('{"a":1}'))).toBe('application/json');
    expect(await verify('image/svg+xml', textBytes('<?xml version="1.0"?><svg/>'))).toBe(
      'image/svg+xml',
    );
  });

  it('refuses a disguised type with 415: PDF or executable as PNG, executable as text', async () => {
    await expect(verify('image/png', pdfBytes(100))).rejects.toThrow(UnsupportedMediaTypeError);
    await expect(verify('image/png', EXE)).rejects.toThrow(UnsupportedMediaTypeError);
    await expect(verify('text/plain', EXE)).rejects.toThrow(UnsupportedMediaTypeError);
    await expect(verify('application/pdf', pngBytes(100))).rejects.toThrow(
      UnsupportedMediaTypeError,
    );
  });

  it('refuses a declared image or PDF whose signature is missing, and binary declared as text', async () => {
    await expect(verify('image/png', textBytes('not an image at all'))).rejects.toThrow(
      UnsupportedMediaTypeError,
    );
    await expect(verify('application/pdf', textBytes('not a pdf'))).rejects.toThrow(
      UnsupportedMediaTypeError,
    );
    await expect(verify('text/plain', Uint8Array.from([1, 2, 0, 4]))).rejects.toThrow(
      UnsupportedMediaTypeError,
    );
    // UTF-16 text has NULs but starts with a byte-order mark.
    expect(await verify('text/plain', Uint8Array.from([0xff, 0xfe, 0x68, 0, 0x69, 0]))).toBe(
      'text/plain',
    );
  });

  it('takes clean text as text even when its first letters spell a signature', async () => {
    expect(await sniffMimeType(textBytes('BMW,Audi\n1,2\n'))).toBe('image/bmp');
    expect(await verify('text/csv', textBytes('BMW,Audi\n1,2\n'))).toBe('text/csv');
    expect(await verify('text/plain', textBytes('MZ is how this note starts, caf\u00e9'))).toBe(
      'text/plain',
    );
    // Latin-1 text is not UTF-8, but has no NULs and no signature.
    expect(await verify('text/plain', Uint8Array.from([0x63, 0x61, 0x66, 0xe9]))).toBe(
      'text/plain',
    );
  });

  it('tolerates a mislabelled sibling or a container format', async () => {
    expect(await verify('image/jpeg', pngBytes(100))).toBe('image/jpeg');
    expect(await verify('image/jpg', JPEG)).toBe('image/jpg');
    expect(
      await verify('application/vnd.openxmlformats-officedocument.wordprocessingml.document', ZIP),
    ).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('applies the allow-list to the sniffed format too', async () => {
    await expect(verify('image/png', JPEG, ['image/png'])).rejects.toThrow(
      UnsupportedMediaTypeError,
    );
    expect(await verify('image/png', JPEG, ['image/*'])).toBe('image/png');
    // A container needs no entry of its own.
    expect(
      await verify('application/vnd.oasis.opendocument.text', ZIP, [
        'application/vnd.oasis.opendocument.text',
      ]),
    ).toBe('application/vnd.oasis.opendocument.text');
  });

  it('resolves application/octet-stream to the sniffed type, within the allow-list', async () => {
    expect(await verify('application/octet-stream', pngBytes(100))).toBe('image/png');
    expect(await verify('application/octet-stream', Uint8Array.from([1, 2, 3]))).toBe(
      'application/octet-stream',
    );
    await expect(
      verify('application/octet-stream', pdfBytes(100), ['application/octet-stream']),
    ).rejects.toThrow(UnsupportedMediaTypeError);
  });
});

async function* chunks(...parts: Uint8Array[]) {
  for (const part of parts) yield part;
}

async function drain(source: AsyncIterable<Uint8Array>) {
  let total = 0;
  for await (const chunk of source) total += chunk.byteLength;
  return total;
}

describe('guardUpload', () => {
  it('inspects the first SNIFF_BYTES once, before passing anything on, then streams the rest', async () => {
    const heads: number[] = [];
    let passedBeforeInspect = 0;
    let inspected = false;
    let size = 0;
    const guarded = guardUpload(
      chunks(new Uint8Array(3_000), new Uint8Array(3_000), new Uint8Array(10)),
      {
        maxBytes: 10_000,
        inspect: async (head) => {
          inspected = true;
          heads.push(head.byteLength);
        },
        onComplete: (n) => (size = n),
      },
    );
    let total = 0;
    for await (const chunk of guarded) {
      if (!inspected) passedBeforeInspect += chunk.byteLength;
      total += chunk.byteLength;
    }
    expect(heads).toEqual([SNIFF_BYTES]);
    expect(passedBeforeInspect).toBe(0);
    expect(total).toBe(6_010);
    expect(size).toBe(6_010);
  });

  it('fails with 413 as soon as the limit is passed, without reading further', async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled++;
        yield new Uint8Array(1_000);
      }
    }
    await expect(
      drain(guardUpload(endless(), { maxBytes: 5_500, inspect: async () => {} })),
    ).rejects.toThrow(PayloadTooLargeError);
    expect(pulled).toBe(6);
  });

  it('inspects a short file whole, refuses an empty one, and reports source failures as 400', async () => {
    const seen: number[] = [];
    await drain(
      guardUpload(chunks(new Uint8Array(10)), {
        maxBytes: 100,
        inspect: async (h) => void seen.push(h.byteLength),
      }),
    );
    expect(seen).toEqual([10]);
    await expect(
      drain(guardUpload(chunks(), { maxBytes: 100, inspect: async () => {} })),
    ).rejects.toThrow(InvalidRequestError);
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(10);
      throw new Error('socket hang up');
    }
    await expect(
      drain(guardUpload(broken(), { maxBytes: 100, inspect: async () => {} })),
    ).rejects.toThrow(InvalidRequestError);
  });
});
