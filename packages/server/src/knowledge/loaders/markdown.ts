import { squash, type Block, type LoadedDocument } from './blocks.js';

const FRONT_MATTER = /^---\n([\s\S]*?)\n---\n?/;
const ATX_HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^(```|~~~)/;
const LIST_ITEM = /^\s*([-*+]|\d+[.)])\s+/;

/** `key: value` lines of YAML front matter (flat strings only; enough for title/date/tags). */
function frontMatter(source: string): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const line of source.split('\n')) {
    const match = /^([A-Za-z_][\w-]*):\s*(.+)$/.exec(line);
    if (match) metadata[match[1]!] = match[2]!.trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return metadata;
}

/** Inline Markdown to text: links keep their label, images their alt text, emphasis is dropped. */
const inline = (text: string): string =>
  squash(
    text
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/`([^`]+)`/g, '$1')
      .replace(/(\*\*|__)(.+?)\1/g, '$2')
      .replace(/(^|\W)[*_](\S(?:.*?\S)?)[*_](?=\W|$)/g, '$1$2')
      .replace(/<[^>]+>/g, ' '),
  );

/**
 * Markdown by blocks: ATX and setext headings, paragraphs, list items (one block per list),
 * fenced code (kept verbatim), front matter as metadata (`title` becomes the title).
 */
export function loadMarkdown(markdown: string): LoadedDocument {
  let text = markdown.replace(/\r\n?/g, '\n');
  let metadata: Record<string, string> = {};
  const front = FRONT_MATTER.exec(text);
  if (front) {
    metadata = frontMatter(front[1]!);
    text = text.slice(front[0].length);
  }
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = (): void => {
    const joined = paragraph.map((line) => line.replace(/^\s*>\s?/, '')).join('\n');
    const isList = paragraph.length > 0 && LIST_ITEM.test(paragraph[0]!);
    const value = isList
      ? joined
          .split('\n')
          .map((line) => inline(line.replace(LIST_ITEM, '- ')))
          .filter(Boolean)
          .join('\n')
      : inline(joined);
    if (value !== '') blocks.push({ kind: 'text', text: value });
    paragraph = [];
  };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line.trim());
    if (fence) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trim().startsWith(fence[1]!); i++)
        code.push(lines[i]!);
      if (code.join('').trim() !== '') blocks.push({ kind: 'text', text: code.join('\n').trim() });
      continue;
    }
    const atx = ATX_HEADING.exec(line);
    if (atx) {
      flush();
      blocks.push({ kind: 'heading', level: atx[1]!.length, text: inline(atx[2]!) });
      continue;
    }
    const next = lines[i + 1];
    if (
      paragraph.length === 0 &&
      line.trim() !== '' &&
      next !== undefined &&
      /^(=+|-+)\s*$/.test(next) &&
      !LIST_ITEM.test(line)
    ) {
      blocks.push({ kind: 'heading', level: next.startsWith('=') ? 1 : 2, text: inline(line) });
      i++;
      continue;
    }
    if (line.trim() === '') flush();
    else paragraph.push(line);
  }
  flush();
  const firstH1 = blocks.find(
    (b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading' && b.level === 1,
  );
  return { title: metadata.title ?? firstH1?.text ?? null, blocks, metadata };
}
