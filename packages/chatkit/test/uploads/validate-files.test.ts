import { describe, expect, it } from 'vitest';
import {
  acceptAttribute,
  formatBytes,
  maxSizeFor,
  validateFiles,
} from '../../src/uploads/index.js';

const file = (name: string, type: string, size = 10) =>
  new File([new Uint8Array(size)], name, { type });

const names = (files: File[]) => files.map((f) => f.name);

describe('validateFiles', () => {
  it('accepts everything (but empty files) without options, up to 10 files', () => {
    const files = Array.from({ length: 12 }, (_, i) => file(`f${i}.bin`, ''));
    const { accepted, refused } = validateFiles(files, {});
    expect(accepted).toHaveLength(10);
    const detail = { text: 'You can attach at most {count} files', vars: { count: 10 } };
    expect(refused.map((r) => [r.file.name, r.code, r.reason, r.detail])).toEqual([
      ['f10.bin', 'count', 'Too many files', detail],
      ['f11.bin', 'count', 'Too many files', detail],
    ]);
    const empty = validateFiles([file('e.txt', 'text/plain', 0)]);
    expect(empty.refused[0]).toMatchObject({ code: 'empty', reason: 'This file is empty' });
  });

  it('matches accept by MIME type, wildcard or extension', () => {
    const accept = { 'image/*': ['.png'], 'application/pdf': ['.pdf'], 'text/markdown': ['.md'] };
    const { accepted, refused } = validateFiles(
      [
        file('a.jpg', 'image/jpeg'),
        file('b.pdf', 'application/pdf'),
        file('c.md', ''), // the browser does not know .md: the extension decides
        file('d.PDF', 'application/octet-stream'),
        file('e.exe', 'application/x-msdownload'),
        file('f.txt', 'text/plain; charset=utf-8'),
      ],
      { accept },
    );
    expect(names(accepted)).toEqual(['a.jpg', 'b.pdf', 'c.md', 'd.PDF']);
    expect(refused.map((r) => [r.file.name, r.reason])).toEqual([
      ['e.exe', 'This file type is not accepted'],
      ['f.txt', 'This file type is not accepted'],
    ]);
  });

  it('applies one maxSize to every file, with the limit in the message', () => {
    const { accepted, refused } = validateFiles(
      [file('small.png', 'image/png', 1000), file('big.png', 'image/png', 5_000_001)],
      { maxSize: 5_000_000, locale: 'en' },
    );
    expect(names(accepted)).toEqual(['small.png']);
    expect(refused[0]).toMatchObject({
      code: 'size',
      reason: 'This file is too large',
      detail: { text: 'This file is too large (maximum {size})', vars: { size: '5 MB' } },
    });
  });

  it('applies maxSize per MIME type, most specific entry first', () => {
    const maxSize = { 'image/*': 1000, 'image/gif': 100, 'application/pdf': 5000 };
    const { accepted, refused } = validateFiles(
      [
        file('a.png', 'image/png', 900),
        file('b.png', 'image/png', 1001),
        file('c.gif', 'image/gif', 101),
        file('d.pdf', 'application/pdf', 4000),
        file('e.zip', 'application/zip', 1_000_000), // no entry: no limit
      ],
      { maxSize },
    );
    expect(names(accepted)).toEqual(['a.png', 'd.pdf', 'e.zip']);
    expect(refused.map((r) => [r.file.name, r.detail?.vars.size])).toEqual([
      ['b.png', '1 kB'],
      ['c.gif', '100 byte'],
    ]);
    expect(maxSizeFor(file('x', 'image/gif'), { '*/*': 1, 'image/*': 2 })).toBe(2);
  });

  it('counts files already attached, and refused files take no room', () => {
    const { accepted, refused } = validateFiles(
      [
        file('bad.exe', 'application/x-msdownload'),
        file('a.png', 'image/png'),
        file('b.png', 'image/png'),
      ],
      { maxCount: 3, existingCount: 2, accept: { 'image/*': [] } },
    );
    expect(names(accepted)).toEqual(['a.png']);
    expect(refused.map((r) => [r.file.name, r.code])).toEqual([
      ['bad.exe', 'type'],
      ['b.png', 'count'],
    ]);
    expect(refused[1]!.detail?.vars).toEqual({ count: 3 });
  });
});

describe('helpers', () => {
  it('builds the accept attribute of a file input', () => {
    expect(acceptAttribute({ 'image/*': ['.png', '.jpg'], 'application/pdf': ['.pdf'] })).toBe(
      'image/*,.png,.jpg,application/pdf,.pdf',
    );
    expect(acceptAttribute(undefined)).toBe('');
  });

  it('formats sizes in the locale', () => {
    expect(formatBytes(20_000_000, 'en')).toBe('20 MB');
    expect(formatBytes(1_500_000, 'de')).toBe('1,5 MB');
    expect(formatBytes(512, 'en')).toBe('512 byte');
  });
});
