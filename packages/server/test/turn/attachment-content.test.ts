import { describe, expect, it } from 'vitest';
import type { Attachment } from '../../src/protocol/index.js';
import {
  attachmentContent,
  extractPdfText,
  tagAsText,
  ThreadItemConverter,
  type AttachmentSkipReason,
} from '../../src/turn/index.js';
import { toAnthropicMessages } from '../../src/agents/anthropic/index.js';
import { SAMPLE_PNG, samplePdf } from '../../src/testing/index.js';

const file = (name: string, mime: string): Attachment => ({
  id: `atc_${name}`,
  type: 'file',
  name,
  mime_type: mime,
});
const image = (name: string, mime = 'image/png'): Attachment => ({
  id: `atc_${name}`,
  type: 'image',
  name,
  mime_type: mime,
  preview_url: `https://chat.example.com/chatkit/attachments/atc_${name}/preview?token=t`,
});

const BYTES: Record<string, Uint8Array> = {
  'dot.png': SAMPLE_PNG,
  'report.pdf': samplePdf(['Quarterly revenue grew 12%', 'Costs (fixed) fell']),
  'plain.pdf': samplePdf(['Uncompressed line'], { compress: false }),
  'notes.md': Buffer.from('# Notes\nBuy milk ✓'),
  'main.py': Buffer.from('print("hi")'),
  'data.bin': Buffer.from([0, 1, 2]),
  'broken.txt': Buffer.from([0xff, 0xfe, 0x00, 0xc3]),
};
const load = async (attachment: Attachment) => {
  const bytes = BYTES[attachment.name];
  if (!bytes) throw new Error('gone');
  return bytes;
};

describe('extractPdfText', () => {
  it('reads the text of compressed and uncompressed content streams', async () => {
    expect(await extractPdfText(BYTES['report.pdf']!)).toBe(
      'Quarterly revenue grew 12%\nCosts (fixed) fell',
    );
    expect(await extractPdfText(BYTES['plain.pdf']!)).toBe('Uncompressed line');
  });

  it('answers undefined for what is not a readable PDF', async () => {
    expect(await extractPdfText(Buffer.from('hello'))).toBeUndefined();
    expect(await extractPdfText(Buffer.from('%PDF-1.4\n%%EOF'))).toBeUndefined();
  });
});

describe('attachmentContent', () => {
  const skipped: [string, AttachmentSkipReason][] = [];
  const convert = attachmentContent({
    load,
    onSkipped: (attachment, reason) => skipped.push([attachment.name, reason]),
  });

  it('sends images inline, PDFs as files, text-like files as text', async () => {
    expect(await convert(image('dot.png'))).toEqual({
      type: 'input_image',
      image: `data:image/png;base64,${SAMPLE_PNG.toString('base64')}`,
      detail: 'auto',
    });
    const pdf = await convert(file('report.pdf', 'application/pdf'));
    expect(pdf).toMatchObject({ type: 'input_file', filename: 'report.pdf' });
    expect(
      pdf.type === 'input_file' && pdf.file.startsWith('data:application/pdf;base64,JVBER'),
    ).toBe(true);
    expect(await convert(file('notes.md', 'text/markdown'))).toEqual({
      type: 'input_text',
      text: '<File name="notes.md">\n# Notes\nBuy milk ✓\n</File>',
    });
    // Code uploaded as octet-stream is still text, by its extension.
    expect(await convert(file('main.py', 'application/octet-stream'))).toEqual({
      type: 'input_text',
      text: '<File name="main.py">\nprint("hi")\n</File>',
    });
  });

  it('extracts PDF text and uses image URLs when configured so', async () => {
    const asText = attachmentContent({ load, pdf: 'text', images: 'url' });
    expect(await asText(file('report.pdf', 'application/pdf'))).toEqual({
      type: 'input_text',
      text: '<File name="report.pdf">\nQuarterly revenue grew 12%\nCosts (fixed) fell\n</File>',
    });
    expect(await asText(image('dot.png'))).toEqual({
      type: 'input_image',
      image: 'https://chat.example.com/chatkit/attachments/atc_dot.png/preview?token=t',
      detail: 'auto',
    });
  });

  it('replaces what the model cannot take with a notice, never an exception', async () => {
    skipped.length = 0;
    expect(await convert(file('data.bin', 'application/zip'))).toEqual({
      type: 'input_text',
      text: '[The user attached "data.bin" (application/zip), which this assistant cannot read: the file type is not supported.]',
    });
    expect(await convert(file('gone.txt', 'text/plain'))).toEqual({
      type: 'input_text',
      text: '[The user attached "gone.txt" (text/plain), but the file is no longer available.]',
    });
    expect(await convert(file('broken.txt', 'text/plain'))).toMatchObject({
      text: expect.stringContaining('could not be read') as string,
    });
    expect(await convert(image('pic.heic', 'image/heic'))).toMatchObject({
      text: expect.stringContaining('not supported') as string,
    });
    expect(skipped).toEqual([
      ['data.bin', 'unsupported_type'],
      ['gone.txt', 'missing'],
      ['broken.txt', 'unreadable'],
      ['pic.heic', 'unsupported_type'],
    ]);
  });

  it('cuts long text files with a note', async () => {
    const short = attachmentContent({ load, maxTextChars: 5 });
    const out = await short(file('notes.md', 'text/markdown'));
    expect(out).toEqual({
      type: 'input_text',
      text: '<File name="notes.md">\n# Not\n[… cut: the file has 18 characters, only the first 5 are shown.]\n</File>',
    });
  });
});

describe('ThreadItemConverter with attachment and tag hooks', () => {
  it('converts a message with attachments and tags for every provider format', async () => {
    const converter = new ThreadItemConverter({
      attachmentContent: attachmentContent({ load }),
      tagContent: tagAsText,
    });
    const input = await converter.toAgentInput({
      type: 'user_message',
      id: 'msg_1',
      thread_id: 'thr_1',
      created_at: new Date().toISOString(),
      content: [
        { type: 'input_text', text: 'Compare with ' },
        {
          type: 'input_tag',
          id: 'acct_7',
          text: 'Acme',
          data: { plan: 'gold' },
          group: 'Accounts',
          interactive: false,
        },
      ],
      attachments: [
        image('dot.png'),
        file('report.pdf', 'application/pdf'),
        file('data.bin', 'application/zip'),
      ],
      inference_options: {},
    });
    expect(input).toHaveLength(2);
    expect(JSON.stringify(input[1])).toContain(
      '<Tag id=\\"acct_7\\" label=\\"Acme\\" group=\\"Accounts\\">\\n{\\"plan\\":\\"gold\\"}\\n</Tag>',
    );
    expect(JSON.stringify(input)).toContain('cannot read');
    const anthropic = JSON.stringify(toAnthropicMessages(input));
    expect(anthropic).toContain('"type":"image"');
    expect(anthropic).toContain('"type":"document"');
    expect(anthropic).toContain('Acme');
  });
});
