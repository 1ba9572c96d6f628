// @-mentions in the composer: the textarea holds `@Title` for each chosen entity and the composer
// state keeps the entities; on send the text is split into `input_text` and `input_tag` parts in
// reading order (docs/protocol.md §4.4).
import type { EntityOption, UserMessageContentInput } from '../options.js';

export type ComposerTag = Extract<UserMessageContentInput, { type: 'input_tag' }>;

export const tagFromEntity = (entity: EntityOption): ComposerTag => ({
  type: 'input_tag',
  id: entity.id,
  text: entity.title,
  data: { ...(entity.data ?? {}) },
  interactive: entity.interactive ?? false,
  ...(entity.group !== undefined ? { group: entity.group } : {}),
});

export const entityFromTag = (tag: {
  id: string;
  text: string;
  data?: Record<string, unknown> | null;
  group?: string | null;
  interactive?: boolean;
}): EntityOption => ({
  id: tag.id,
  title: tag.text,
  interactive: tag.interactive ?? false,
  ...(tag.group ? { group: tag.group } : {}),
  data: Object.fromEntries(Object.entries(tag.data ?? {}).map(([k, v]) => [k, String(v)])),
});

/** The `@query` or `/query` being typed just before the caret, or null when there is none. */
export function activeTrigger(
  text: string,
  caret: number,
): { trigger: '@' | '/'; start: number; query: string } | null {
  const match = /(^|\s)([@/])([^\s@/]*)$/.exec(text.slice(0, caret));
  if (!match) return null;
  const query = match[3]!;
  return { trigger: match[2] as '@' | '/', start: caret - query.length - 1, query };
}

/** Replaces `start..caret` with `@Title ` (or nothing when `title` is null); new text and caret. */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  title: string | null,
): { text: string; caret: number } {
  const token = title === null ? '' : `@${title} `;
  return { text: text.slice(0, start) + token + text.slice(caret), caret: start + token.length };
}

/** Splits composer text into content parts; tags whose `@Title` is no longer in the text are dropped. */
export function composeContent(text: string, tags: ComposerTag[]): UserMessageContentInput[] {
  const parts: UserMessageContentInput[] = [];
  let rest = text;
  for (;;) {
    let best: { index: number; tag: ComposerTag } | null = null;
    for (const tag of tags) {
      const index = rest.indexOf(`@${tag.text}`);
      if (index >= 0 && (best === null || index < best.index)) best = { index, tag };
    }
    if (best === null) break;
    if (best.index > 0) parts.push({ type: 'input_text', text: rest.slice(0, best.index) });
    parts.push(best.tag);
    rest = rest.slice(best.index + best.tag.text.length + 1);
  }
  if (rest) parts.push({ type: 'input_text', text: rest });
  return parts;
}

/** The tags still present in the text (for the chip list). */
export const presentTags = (text: string, tags: ComposerTag[]): ComposerTag[] =>
  tags.filter((tag) => text.includes(`@${tag.text}`));
