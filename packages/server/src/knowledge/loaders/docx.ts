import { loadHtml } from './html.js';
import type { LoadedDocument } from './blocks.js';

/** DOCX through `mammoth` (Word styles → HTML headings and paragraphs), then the HTML loader. */
export async function loadDocx(bytes: Uint8Array): Promise<LoadedDocument> {
  const mammoth = (await import('mammoth')).default;
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  return loadHtml(`<body>${value}</body>`);
}
