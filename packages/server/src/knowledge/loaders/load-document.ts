import { extname } from 'node:path';
import { ConfigurationError } from '../../errors.js';
import type { LoadedDocument } from './blocks.js';
import { loadDocx } from './docx.js';
import { loadHtml } from './html.js';
import { loadMarkdown } from './markdown.js';
import { loadPdf } from './pdf.js';
import { loadText } from './text.js';

/** The formats the knowledge base reads. */
export type DocumentFormat = 'markdown' | 'text' | 'html' | 'pdf' | 'docx';

const BY_EXTENSION: Record<string, DocumentFormat> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.mdx': 'markdown',
  '.txt': 'text',
  '.text': 'text',
  '.csv': 'text',
  '.log': 'text',
  '.rst': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.pdf': 'pdf',
  '.docx': 'docx',
};

const BY_MIME: Record<string, DocumentFormat> = {
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/plain': 'text',
  'text/csv': 'text',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};

/** The format of a source from its MIME type (preferred) or extension; null when unsupported. */
export function detectFormat(source: string, mimeType?: string | null): DocumentFormat | null {
  const mime = mimeType?.split(';')[0]?.trim().toLowerCase();
  if (mime && BY_MIME[mime]) return BY_MIME[mime];
  let path = source;
  try {
    if (/^https?:\/\//i.test(source)) path = new URL(source).pathname;
  } catch {
    // Not a URL after all: treat it as a path.
  }
  return BY_EXTENSION[extname(path).toLowerCase()] ?? null;
}

/** Extensions `detectFormat` knows (for walking folders). */
export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(BY_EXTENSION);

/** Reads a document of a known format into blocks. */
export async function loadDocument(
  bytes: Uint8Array,
  format: DocumentFormat,
): Promise<LoadedDocument> {
  const text = (): string => new TextDecoder().decode(bytes);
  switch (format) {
    case 'markdown':
      return loadMarkdown(text());
    case 'text':
      return loadText(text());
    case 'html':
      return loadHtml(text());
    case 'pdf':
      return loadPdf(bytes);
    case 'docx':
      return loadDocx(bytes);
    default:
      throw new ConfigurationError(`Unsupported document format: ${String(format)}`);
  }
}
