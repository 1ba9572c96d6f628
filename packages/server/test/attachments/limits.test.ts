import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ATTACHMENT_LIMITS,
  isMimeTypeAllowed,
  resolveAttachmentLimits,
} from '../../src/attachments/index.js';
import {
  assertAttachmentCount,
  normalizeMimeType,
  validateAttachmentParams,
} from '../../src/attachments/limits.js';
import {
  InvalidRequestError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../../src/errors.js';

const limits = resolveAttachmentLimits({
  maxBytes: 1_000,
  allowedMimeTypes: ['image/*', 'Text/Plain'],
});
const params = (overrides: Partial<{ name: string; size: number; mime_type: string }> = {}) => ({
  name: 'cat.png',
  size: 500,
  mime_type: 'image/png',
  ...overrides,
});

describe('attachment limits', () => {
  it('defaults to 25 MB, every type, 10 attachments per message', () => {
    expect(resolveAttachmentLimits()).toEqual({
      maxBytes: 25_000_000,
      allowedMimeTypes: undefined,
      maxPerMessage: 10,
    });
    expect(DEFAULT_ATTACHMENT_LIMITS.maxBytes).toBe(25_000_000);
    expect(() => resolveAttachmentLimits({ maxBytes: 0 })).toThrow(RangeError);
    expect(() => resolveAttachmentLimits({ maxPerMessage: -1 })).toThrow(RangeError);
  });

  it('normalizes MIME types to their essence and rejects malformed ones', () => {
    expect(normalizeMimeType(' Text/Plain; charset=UTF-8 ')).toBe('text/plain');
    expect(normalizeMimeType('image/svg+xml')).toBe('image/svg+xml');
    for (const bad of ['', 'png', 'image/', '/png', 'image/png/x', 'ima ge/png']) {
      expect(normalizeMimeType(bad)).toBeUndefined();
    }
  });

  it('matches exact types and wildcards; no list allows everything', () => {
    expect(isMimeTypeAllowed('image/webp', ['image/*'])).toBe(true);
    expect(isMimeTypeAllowed('application/pdf', ['image/*', 'text/plain'])).toBe(false);
    expect(isMimeTypeAllowed('application/pdf', ['*/*'])).toBe(true);
    expect(isMimeTypeAllowed('application/pdf', undefined)).toBe(true);
    expect(isMimeTypeAllowed('text/plain', limits.allowedMimeTypes)).toBe(true);
  });

  it('accepts valid params, keeping only the last path segment of the name', () => {
    expect(
      validateAttachmentParams(
        params({ name: '  C:\\Users\\me\\..\\cat.png ', mime_type: 'IMAGE/PNG' }),
        limits,
      ),
    ).toEqual({
      name: 'cat.png',
      size: 500,
      mimeType: 'image/png',
      typeUnknown: false,
    });
    expect(validateAttachmentParams(params({ name: '../../etc/passwd' }), limits).name).toBe(
      'passwd',
    );
  });

  it('accepts what a browser reports for an unknown file: no name, no type, size -1', () => {
    for (const name of ['', '   ', 'dir/']) {
      expect(validateAttachmentParams(params({ name }), limits).name).toBe('file');
    }
    expect(validateAttachmentParams(params({ size: -1 }), limits).size).toBeUndefined();
    expect(validateAttachmentParams(params({ size: 0 }), limits).size).toBeUndefined();
    // An unknown type passes an allow-list here; the sniffed type is checked on upload.
    expect(validateAttachmentParams(params({ mime_type: '' }), limits)).toMatchObject({
      mimeType: 'application/octet-stream',
      typeUnknown: true,
    });
  });

  it('refuses a bad name or size with 400, too large with 413, a type off the list with 415', () => {
    for (const name of ['a\u0000b.png', 'x'.repeat(256)]) {
      expect(() => validateAttachmentParams(params({ name }), limits)).toThrow(InvalidRequestError);
    }
    for (const size of [-2, 1.5, Number.MAX_SAFE_INTEGER + 2]) {
      expect(() => validateAttachmentParams(params({ size }), limits)).toThrow(
        'Attachment size must be a number of bytes, or -1 when unknown',
      );
    }
    expect(() => validateAttachmentParams(params({ size: 1_001 }), limits)).toThrow(
      PayloadTooLargeError,
    );
    expect(() => validateAttachmentParams(params({ size: 1_000 }), limits)).not.toThrow();
    expect(() => validateAttachmentParams(params({ mime_type: 'not a type' }), limits)).toThrow(
      InvalidRequestError,
    );
    expect(() =>
      validateAttachmentParams(params({ mime_type: 'application/pdf' }), limits),
    ).toThrow(UnsupportedMediaTypeError);
  });

  it('limits the attachments of one message (distinct ids)', () => {
    const two = resolveAttachmentLimits({ maxPerMessage: 2 });
    expect(() => assertAttachmentCount(['a', 'b', 'a'], two)).not.toThrow();
    expect(() => assertAttachmentCount(['a', 'b', 'c'], two)).toThrow(InvalidRequestError);
  });
});
