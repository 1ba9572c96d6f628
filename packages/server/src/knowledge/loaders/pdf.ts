import { loadText } from './text.js';
import type { Block, LoadedDocument } from './blocks.js';

/** The part of pdf.js's document proxy used here (unpdf's declarations point at types it does not ship). */
interface PdfDocument {
  destroy(): Promise<void>;
}

/**
 * PDF text by page (through `unpdf`, a serverless build of pdf.js): each page opens with a page
 * marker so passages carry their page number as their section. Scanned PDFs have no text layer
 * and come back empty.
 */
export async function loadPdf(bytes: Uint8Array): Promise<LoadedDocument> {
  const { extractText, getDocumentProxy, getMeta } = await import('unpdf');
  // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
  const pdf = (await getDocumentProxy(new Uint8Array(bytes))) as unknown as PdfDocument;
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    const blocks: Block[] = [];
    text.forEach((page, index) => {
      blocks.push({ kind: 'page', number: index + 1 });
      blocks.push(...loadText(page).blocks);
    });
    const metadata: Record<string, string> = {};
    let title: string | null = null;
    try {
      const { info } = await getMeta(pdf);
      const record = info as Record<string, unknown>;
      if (typeof record.Title === 'string' && record.Title.trim() !== '')
        title = record.Title.trim();
      if (typeof record.Author === 'string' && record.Author.trim() !== '') {
        metadata.author = record.Author.trim();
      }
    } catch {
      // Metadata is optional; the text is what matters.
    }
    return { title, blocks, metadata };
  } finally {
    await pdf.destroy();
  }
}
