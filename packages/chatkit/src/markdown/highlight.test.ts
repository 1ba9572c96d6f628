import { describe, expect, it } from 'vitest';
import { highlight, parseHighlighted } from './highlight-chunk.js';

describe('highlight chunk', () => {
  it('turns highlight.js output into class-named spans and decoded text', () => {
    expect(
      parseHighlighted(
        '<span class="hljs-keyword">const</span> a = <span class="hljs-string">&quot;&lt;b&gt;&amp;&#x27;&quot;</span>;',
      ),
    ).toEqual([
      { className: 'hljs-keyword', children: ['const'] },
      ' a = ',
      { className: 'hljs-string', children: ['"<b>&\'"'] },
      ';',
    ]);
  });

  it('keeps markup inside the code as text', () => {
    const nodes = highlight('<script>alert(1)</script>', 'html');
    const text = JSON.stringify(nodes);
    expect(text).toContain('script');
    const flatten = (list: typeof nodes): string =>
      list.map((node) => (typeof node === 'string' ? node : flatten(node.children))).join('');
    expect(flatten(nodes)).toBe('<script>alert(1)</script>');
  });

  it('highlights a known language, leaves an unknown one plain', () => {
    expect(JSON.stringify(highlight('def f(x):\n  return x', 'python'))).toContain(
      '"className":"hljs-keyword","children":["def"]',
    );
    expect(highlight('whatever', 'no-such-language')).toEqual(['whatever']);
  });
});
