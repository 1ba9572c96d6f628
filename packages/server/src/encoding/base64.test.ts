import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  base64ToText,
  base64UrlToBytes,
  bytesToBase64,
  bytesToBase64Url,
  textToBase64,
} from './base64.js';

// Node's Buffer is the reference the web-standard versions are checked against.
const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256);

describe('base64', () => {
  it('encodes and decodes bytes beyond one fromCharCode chunk, as Buffer does', () => {
    const encoded = bytesToBase64(bytes);
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(encoded)).toEqual(bytes);
  });

  it('ignores whitespace in standard base64 and rejects what is not base64', () => {
    expect(base64ToBytes('aGVs\nbG8=\r\n')).toEqual(new TextEncoder().encode('hello'));
    expect(() => base64ToBytes('not base64!')).toThrow();
  });

  it('round-trips UTF-8 text, strictly when asked', () => {
    expect(textToBase64('héllo ✓')).toBe(Buffer.from('héllo ✓').toString('base64'));
    expect(base64ToText(textToBase64('héllo ✓'))).toBe('héllo ✓');
    const invalidUtf8 = bytesToBase64(Uint8Array.of(0xff, 0xfe));
    expect(base64ToText(invalidUtf8)).toBe('\uFFFD\uFFFD');
    expect(() => base64ToText(invalidUtf8, { fatal: true })).toThrow();
  });

  it('writes and reads unpadded base64url, as Buffer does', () => {
    const encoded = bytesToBase64Url(bytes.subarray(0, 1001));
    expect(encoded).toBe(Buffer.from(bytes.subarray(0, 1001)).toString('base64url'));
    expect(base64UrlToBytes(encoded)).toEqual(bytes.subarray(0, 1001));
    expect(base64UrlToBytes('a+b/')).toBeUndefined();
    expect(base64UrlToBytes('a')).toBeUndefined();
  });
});
