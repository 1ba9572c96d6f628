import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { Markdown } from './index.js';
import { createIncrementalLexer, lexMarkdown } from './lexer.js';
import { safeImageUrl, safeLinkUrl } from './safe-url.js';
import { parseDeeplink } from './deeplink.js';

const html = (text: string, streaming = false) => renderToString(h(Markdown, { text, streaming }));

describe('Markdown rendering', () => {
  it('renders GFM blocks and inline formatting', () => {
    const out = html(
      '# Title\n\nSome **bold**, *em*, ~~gone~~ and `code`.\n\n- a\n- [x] done\n\n1. one\n2. two\n\n> quote\n\n| h1 | h2 |\n|:--|--:|\n| c1 | c2 |\n\n---',
    );
    expect(out).toContain('<h1 dir="auto">Title</h1>');
    expect(out).toContain('<strong>bold</strong>');
    expect(out).toContain('<em>em</em>');
    expect(out).toContain('<del>gone</del>');
    expect(out).toContain('<code>code</code>');
    expect(out).toMatch(
      /<ul><li dir="auto">a<\/li><li dir="auto" class="tl-md-task"><input type="checkbox" checked disabled\/>\s*done<\/li><\/ul>/,
    );
    expect(out).toContain('<ol><li dir="auto">one</li>');
    expect(out).toContain('<blockquote dir="auto"><p dir="auto">quote</p></blockquote>');
    expect(out).toContain('<th dir="auto" style="text-align:left;">h1</th>');
    expect(out).toContain('<td dir="auto" style="text-align:right;">c2</td>');
    expect(out).toContain('<hr/>');
  });

  it('marks every block dir="auto" so right-to-left text lays out on its own', () => {
    const out = html('مرحبا بالعالم\n\nHello');
    expect(out).toContain('<div class="tl-md" dir="auto">');
    expect(out).toContain('<p dir="auto">مرحبا بالعالم</p>');
  });

  it('decodes character references once and escapes the result', () => {
    expect(html('AT&amp;T &lt;b&gt; &#x41; &copy;')).toContain('AT&amp;T &lt;b> A ©');
  });

  it('opens links in a new tab without an opener', () => {
    expect(html('[site](https://example.com "t")')).toContain(
      '<a href="https://example.com" title="t" target="_blank" rel="noopener noreferrer">site</a>',
    );
    expect(html('see https://example.org/x')).toContain('href="https://example.org/x"');
  });

  it('renders hostile payloads inert', () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      'inline <img src=x onerror="alert(2)"> html',
      '[click](javascript:alert(3))',
      '[click](JaVaScRiPt:alert(4))',
      '[click](java&#x09;script:alert(5))',
      '[click](&#106;avascript:alert(6))',
      '![img](javascript:alert(7))',
      '![img](data:image/svg+xml;base64,PHN2Zz4=)',
      '<a href="javascript:alert(8)">x</a>',
      '<iframe src="https://evil.example"></iframe>',
      '[x](vbscript:msgbox(9))',
      '<svg onload=alert(10)>',
      '<https://ok.example/?q="><script>alert(11)</script>>',
    ].join('\n\n');
    const out = html(hostile);
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/<img[^>]*onerror/i);
    expect(out).not.toMatch(/<iframe/i);
    expect(out).not.toMatch(/<svg/i);
    expect(out).not.toMatch(/href="\s*(javascript|vbscript|data)/i);
    expect(out).not.toMatch(/src="\s*(javascript|data:image\/svg)/i);
    // No element carries an event handler attribute (the words survive only as escaped text).
    expect(out).not.toMatch(/<[a-z][^>]*\son\w+=/i);
    // The text is still there, shown as text.
    expect(out).toContain('&lt;script>alert(1)&lt;/script>');
  });

  it('keeps code blocks as text until the highlighter chunk loads', () => {
    const out = html('```js\nconst a = "<b>";\n```');
    expect(out).toContain('<code class="language-js">const a = &quot;&lt;b>&quot;;</code>');
    expect(out).toContain('<span>js</span>');
  });

  it('tokenizes inline and block math, and leaves prices alone', () => {
    const tokens = lexMarkdown(
      'Euler: $e^{i\\pi}+1=0$ and \\(x^2\\).\n\n$$\n\\int_0^1 x\\,dx\n$$\n\nIt costs $5 and $10.',
    );
    const types = JSON.stringify(tokens);
    expect(types).toContain('"type":"math_inline","raw":"$e^{i\\\\pi}+1=0$"');
    expect(types).toContain('"tex":"x^2"');
    expect(
      tokens.some(
        (t) => t.type === 'math_block' && (t as { tex?: string }).tex === '\\int_0^1 x\\,dx',
      ),
    ).toBe(true);
    const out = html('It costs $5 and $10.');
    expect(out).toContain('It costs $5 and $10.');
    expect(html('$a+b$')).toContain(
      '<span class="tl-math tl-math-pending" dir="ltr"><code>a+b</code></span>',
    );
  });
});

describe('incremental lexing while streaming', () => {
  it('gives the same tokens as a full lex for every prefix', () => {
    const text =
      '# Plan\n\nFirst paragraph with **bold**.\n\n- one\n- two\n\n- three (loose)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```py\nprint(1)\n```\n\nTitle\n===\n\nEnd $x$.';
    const lexer = createIncrementalLexer();
    for (let end = 1; end <= text.length; end += 3) {
      const prefix = text.slice(0, end);
      expect(lexer.lex(prefix).map((t) => t.raw)).toEqual(lexMarkdown(prefix).map((t) => t.raw));
    }
  });

  it('re-lexes only the tail: earlier tokens are the same objects', () => {
    const lexer = createIncrementalLexer();
    const first = lexer.lex('para one\n\npara two\n\npara three');
    const second = lexer.lex('para one\n\npara two\n\npara three grows');
    expect(second[0]).toBe(first[0]);
    expect(second.at(-1)!.raw).toBe('para three grows');
  });

  it('shows a still-open code fence as plain text while streaming', () => {
    const out = html('Intro\n\n```js\nlet x', true);
    expect(out).toContain('<code class="language-js">let x</code>');
  });
});

describe('URL allow-list', () => {
  it('accepts web, mail, phone, relative and deep links', () => {
    for (const url of [
      'https://a.example',
      'http://a.example',
      'mailto:a@b.c',
      'tel:+1',
      '/path',
      '#frag',
      'chatkit-link://x',
    ])
      expect(safeLinkUrl(url)).toBe(url);
    expect(safeLinkUrl('//cdn.example/x')).toBe('https://cdn.example/x');
  });

  it('refuses script and data URLs, however disguised', () => {
    for (const url of [
      'javascript:alert(1)',
      ' javascript:x',
      'java\nscript:x',
      'JAVASCRIPT:x',
      '&#106;avascript:x',
      'javascript&colon;x',
      'data:text/html,x',
      'vbscript:x',
      'file:///etc/passwd',
    ])
      expect(safeLinkUrl(url)).toBeUndefined();
    expect(safeImageUrl('data:image/png;base64,iVBORw0KGgo=')).toBe(
      'data:image/png;base64,iVBORw0KGgo=',
    );
    expect(safeImageUrl('data:image/svg+xml;base64,PHN2Zz4=')).toBeUndefined();
    expect(safeImageUrl('javascript:alert(1)')).toBeUndefined();
  });

  it('parses deep links into a name and data', () => {
    expect(parseDeeplink('chatkit-link://open-order?id=42&tab=items')).toEqual({
      url: 'chatkit-link://open-order?id=42&tab=items',
      name: 'open-order',
      data: { id: '42', tab: 'items' },
    });
  });
});
