/** A structural unit a loader extracts: a heading (level 1–6), a page break marker, or a text block. */
export type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'page'; number: number }
  | { kind: 'text'; text: string };

/** What a loader returns: the text as blocks plus what it learned about the document. */
export interface LoadedDocument {
  title: string | null;
  blocks: Block[];
  /** Extra metadata the format carries (front matter, PDF info), string values only. */
  metadata: Record<string, string>;
}

/** Collapses runs of whitespace (not paragraph structure: callers split first). */
export const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The plain text of a loaded document (headings on their own lines), for hashing and previews. */
export const blocksToText = (blocks: Block[]): string =>
  blocks
    .map((block) =>
      block.kind === 'page'
        ? `\f${block.number}`
        : block.kind === 'heading'
          ? `# ${block.text}`
          : block.text,
    )
    .join('\n\n');
