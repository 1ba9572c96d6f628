import { describe, expect, it } from 'vitest';
import { chunkBlocks, detectFormat, loadDocument, type Block } from '@threadline/server/knowledge';
import { makeDocx, makePdf } from './document-fixtures.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const headings = (blocks: Block[]): string[] =>
  blocks.flatMap((b) => (b.kind === 'heading' ? [`h${b.level}:${b.text}`] : []));
const texts = (blocks: Block[]): string[] =>
  blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));

describe('knowledge loaders', () => {
  it('reads Markdown: front matter, ATX and setext headings, lists, code, inline markup', async () => {
    const md = [
      '---',
      'title: "Install guide"',
      'owner: docs-team',
      '---',
      '# Installing',
      '',
      'Run the **installer** with [the script](https://x.test/s.sh).',
      '',
      'Requirements',
      '------------',
      '- Node 20',
      '- 2 GB of RAM',
      '',
      '```sh',
      'npm install threadline',
      '```',
    ].join('\n');
    const doc = await loadDocument(encode(md), 'markdown');
    expect(doc.title).toBe('Install guide');
    expect(doc.metadata).toEqual({ title: 'Install guide', owner: 'docs-team' });
    expect(headings(doc.blocks)).toEqual(['h1:Installing', 'h2:Requirements']);
    expect(texts(doc.blocks)).toEqual([
      'Run the installer with the script.',
      '- Node 20\n- 2 GB of RAM',
      'npm install threadline',
    ]);
  });

  it('reads plain text by paragraphs', async () => {
    const doc = await loadDocument(
      encode('First line\ncontinues.\n\n\nSecond   paragraph.\r\n'),
      'text',
    );
    expect(doc.title).toBeNull();
    expect(texts(doc.blocks)).toEqual(['First line continues.', 'Second paragraph.']);
  });

  it('reads HTML main content with headings, dropping navigation and scripts', async () => {
    const html = `<!doctype html><html><head><title>Billing &amp; plans</title>
      <meta name="description" content="How billing works"><script>var x = "<p>no</p>";</script></head>
      <body><nav><a href="/">Home</a> Menu entries</nav>
      <main><h1>Billing</h1><p>Invoices are sent on the <b>1st</b> of each month.</p>
      <h2>Refunds</h2><ul><li>Within 30 days</li><li>Full amount</li></ul></main>
      <footer>Copyright footer</footer></body></html>`;
    const doc = await loadDocument(encode(html), 'html');
    expect(doc.title).toBe('Billing & plans');
    expect(doc.metadata.description).toBe('How billing works');
    expect(headings(doc.blocks)).toEqual(['h1:Billing', 'h2:Refunds']);
    expect(texts(doc.blocks)).toEqual([
      'Invoices are sent on the 1st of each month.',
      'Within 30 days',
      'Full amount',
    ]);
    const all = JSON.stringify(doc.blocks);
    expect(all).not.toContain('Menu entries');
    expect(all).not.toContain('Copyright');
    expect(all).not.toContain('no</p>');
  });

  it('reads a real PDF by page, with its title', async () => {
    const pdf = makePdf(
      [
        ['Quarterly report', 'Revenue grew by twelve percent.'],
        ['Outlook', 'Hiring continues in the second half.'],
      ],
      'Q3 Report',
    );
    const doc = await loadDocument(pdf, 'pdf');
    expect(doc.title).toBe('Q3 Report');
    expect(doc.blocks.filter((b) => b.kind === 'page')).toHaveLength(2);
    const text = texts(doc.blocks).join('\n');
    expect(text).toContain('Revenue grew by twelve percent.');
    expect(text).toContain('Hiring continues in the second half.');
    const chunks = chunkBlocks(doc.blocks);
    expect(chunks.map((c) => c.section)).toEqual(['Page 1', 'Page 2']);
    expect(chunks[1]!.text).toContain('Hiring continues');
  });

  it('reads a real DOCX with its heading styles', async () => {
    const docx = await makeDocx([
      { text: 'Employee handbook', style: 'Heading1' },
      { text: 'Welcome to the team.' },
      { text: 'Holidays', style: 'Heading2' },
      { text: 'Everyone gets 25 days of paid holiday & public holidays.' },
    ]);
    const doc = await loadDocument(docx, 'docx');
    expect(doc.title).toBe('Employee handbook');
    expect(headings(doc.blocks)).toEqual(['h1:Employee handbook', 'h2:Holidays']);
    expect(texts(doc.blocks)).toEqual([
      'Welcome to the team.',
      'Everyone gets 25 days of paid holiday & public holidays.',
    ]);
  });

  it('detects formats from MIME types, then extensions (also of URLs)', () => {
    expect(detectFormat('a/b/notes.md')).toBe('markdown');
    expect(detectFormat('https://x.test/page.html?q=1')).toBe('html');
    expect(detectFormat('https://x.test/api', 'text/html; charset=utf-8')).toBe('html');
    expect(detectFormat('report.PDF')).toBe('pdf');
    expect(detectFormat('image.png')).toBeNull();
  });
});

describe('structural chunking', () => {
  it('never crosses sections, names the heading path, and packs paragraphs within the limit', () => {
    const blocks: Block[] = [
      { kind: 'heading', level: 1, text: 'Guide' },
      { kind: 'text', text: 'Intro paragraph.' },
      { kind: 'heading', level: 2, text: 'Install' },
      { kind: 'text', text: 'Step one. '.repeat(30).trim() },
      { kind: 'text', text: 'Step two. '.repeat(30).trim() },
      { kind: 'heading', level: 2, text: 'Usage' },
      { kind: 'text', text: 'Use it.' },
    ];
    const chunks = chunkBlocks(blocks, { maxChars: 400, overlapChars: 60, minChars: 50 });
    expect(chunks.map((c) => c.section)).toEqual([
      'Guide',
      'Guide > Install',
      'Guide > Install',
      'Guide > Usage',
    ]);
    for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(400);
    // The second Install chunk starts with the tail of the first (overlap).
    const tailOfFirst = chunks[1]!.text.slice(-40);
    expect(chunks[2]!.text.startsWith('Step one.')).toBe(true);
    expect(chunks[1]!.text.endsWith(tailOfFirst)).toBe(true);
    expect(chunks[2]!.text).toContain('Step two.');
  });

  it('splits a paragraph longer than a chunk at sentences', () => {
    const long = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const chunks = chunkBlocks([{ kind: 'text', text: long }], { maxChars: 300, overlapChars: 0 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(300);
    expect(chunks.map((c) => c.text).join(' ')).toBe(long);
  });
});
