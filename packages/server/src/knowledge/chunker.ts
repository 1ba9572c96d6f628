import type { Block } from './loaders/blocks.js';

/** Size limits of {@link chunkBlocks}, in characters. */
export interface ChunkingOptions {
  /** Longest chunk; a chunk is closed before it would grow past this. Default 1200. */
  maxChars?: number;
  /** Text repeated from the end of the previous chunk of the same section. Default 150. */
  overlapChars?: number;
  /** A section's last chunk shorter than this is merged into the previous one when it fits. Default 200. */
  minChars?: number;
}

/** A chunk before it is stored: its text and the section (heading path or page) it sits under. */
export interface DraftChunk {
  section: string;
  text: string;
}

const SENTENCE_END = /(?<=[.!?。])\s+/;

/** Splits an over-long block at sentence, then word, boundaries into pieces of at most `max`. */
function splitLong(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let current = '';
  const push = (part: string): void => {
    if (current !== '' && current.length + 1 + part.length > max) {
      pieces.push(current);
      current = '';
    }
    current = current === '' ? part : `${current} ${part}`;
  };
  for (const sentence of text.split(SENTENCE_END)) {
    if (sentence.length <= max) push(sentence);
    else
      for (const word of sentence.split(/\s+/)) push(word.length > max ? word.slice(0, max) : word);
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

/** The last `overlap` characters of `text`, starting at a word boundary. */
function tail(text: string, overlap: number): string {
  if (overlap <= 0 || text.length <= overlap) return overlap <= 0 ? '' : text;
  const cut = text.slice(text.length - overlap);
  const space = cut.indexOf(' ');
  return space === -1 ? cut : cut.slice(space + 1);
}

/**
 * Structural chunking: a heading closes the current chunk and starts a section (the heading path,
 * `A > B`, becomes the chunk's section); paragraphs are packed into chunks of at most `maxChars`;
 * consecutive chunks of one section share `overlapChars` of text; paragraphs longer than a chunk
 * are split at sentences. Chunks never span two sections, so a citation names one place.
 */
export function chunkBlocks(blocks: Block[], options: ChunkingOptions = {}): DraftChunk[] {
  const maxChars = Math.max(100, options.maxChars ?? 1200);
  const overlapChars = Math.min(Math.max(0, options.overlapChars ?? 150), Math.floor(maxChars / 3));
  const minChars = Math.min(options.minChars ?? 200, Math.floor(maxChars / 2));
  const chunks: DraftChunk[] = [];
  const headings: string[] = [];
  let page: number | null = null;
  let section = '';
  let parts: string[] = [];
  let length = 0;
  let sectionStart = 0;
  let carried = false;

  const sectionName = (): string => {
    const path = headings.filter(Boolean).join(' > ');
    if (page === null) return path;
    return path === '' ? `Page ${page}` : `${path} (page ${page})`;
  };
  const close = (): void => {
    if (parts.length === 0 || (carried && parts.length === 1)) {
      parts = [];
      length = 0;
      carried = false;
      return;
    }
    chunks.push({ section, text: parts.join('\n\n') });
    parts = [];
    length = 0;
    carried = false;
  };
  const endSection = (): void => {
    close();
    // Merge a short last chunk into its predecessor in the same section when both fit.
    const last = chunks[chunks.length - 1];
    const previous = chunks[chunks.length - 2];
    if (
      last &&
      previous &&
      chunks.length - 1 > sectionStart &&
      previous.section === last.section &&
      last.text.length < minChars &&
      previous.text.length + last.text.length <= maxChars
    ) {
      chunks.pop();
      previous.text = `${previous.text}\n\n${last.text}`;
    }
    sectionStart = chunks.length;
  };
  const add = (text: string): void => {
    for (const piece of splitLong(text, maxChars - overlapChars)) {
      if (length > 0 && length + 2 + piece.length > maxChars) {
        const overlap = tail(parts.join('\n\n'), overlapChars);
        close();
        if (overlap !== '') {
          parts = [overlap];
          length = overlap.length;
          carried = true;
        }
      }
      parts.push(piece);
      length += (length > 0 ? 2 : 0) + piece.length;
    }
  };

  for (const block of blocks) {
    if (block.kind === 'heading') {
      endSection();
      headings.length = Math.min(headings.length, block.level - 1);
      while (headings.length < block.level - 1) headings.push('');
      headings.push(block.text);
      section = sectionName();
    } else if (block.kind === 'page') {
      endSection();
      page = block.number;
      section = sectionName();
    } else {
      add(block.text);
    }
  }
  endSection();
  return chunks;
}
