import { squash, type Block, type LoadedDocument } from './blocks.js';

/** Plain text: paragraphs are separated by blank lines; no title of its own. */
export function loadText(text: string): LoadedDocument {
  const blocks: Block[] = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map(squash)
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => ({ kind: 'text', text: paragraph }));
  return { title: null, blocks, metadata: {} };
}
