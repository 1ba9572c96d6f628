import type { UserMessageItem } from '../protocol/items.js';
import type { ThreadMetadata } from '../protocol/thread.js';
import { userMessageText } from './input-limit.js';

/** Instructions for the short model call that names a thread. */
export const TITLE_INSTRUCTIONS =
  'Write a short title (3 to 6 words) for a conversation that starts with the user message below. Reply with the title only, without quotes or a trailing period.';

/** One model call: returns the raw title text. Provider adapters ship one each. */
export type TitleGenerator = (request: {
  instructions: string;
  text: string;
  signal?: AbortSignal | undefined;
}) => Promise<string>;

/** Options of {@link generateThreadTitle}. */
export interface ThreadTitleOptions {
  /** The model call; without it the truncated first message is the title. */
  generate?: TitleGenerator | undefined;
  /** Longest title kept; default 60 characters. */
  maxLength?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Called when `generate` fails (the fallback title is used). */
  onError?: ((error: unknown) => void) | undefined;
}

function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxLength / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The fallback title: the message's first line, whitespace collapsed, truncated at a word. */
export function fallbackTitle(text: string, maxLength = 60): string {
  const line = text.split('\n').find((candidate) => candidate.trim() !== '') ?? '';
  return truncate(line.replace(/\s+/g, ' ').trim(), maxLength);
}

/** A model's answer as a title: first line, no "Title:" prefix, quotes or trailing period. */
export function cleanTitle(raw: string, maxLength = 60): string {
  const line = raw.split('\n').find((candidate) => candidate.trim() !== '') ?? '';
  const cleaned = line
    .replace(/^\s*(title\s*:\s*)/i, '')
    .replace(/^["'“”‘’*#\s]+|["'“”‘’*\s]+$/g, '')
    .replace(/[.。]+$/, '')
    .trim();
  return truncate(cleaned, maxLength);
}

/**
 * Names an untitled thread after its first message (§6.4): a short model call when `generate` is
 * given, else (or when it fails or answers nothing) the truncated message. Sets `thread.title`, so
 * the server saves it and streams `thread.updated`. No-op when the thread has a title already or
 * there is no user text.
 *
 * @returns the title set, or undefined.
 */
export async function generateThreadTitle(
  thread: ThreadMetadata,
  input: UserMessageItem | string | null | undefined,
  options: ThreadTitleOptions = {},
): Promise<string | undefined> {
  if (thread.title) return undefined;
  const text = typeof input === 'string' ? input : input ? userMessageText(input) : '';
  if (text.trim() === '') return undefined;
  const maxLength = options.maxLength ?? 60;
  let title = '';
  if (options.generate) {
    try {
      const raw = await options.generate({
        instructions: TITLE_INSTRUCTIONS,
        text,
        signal: options.signal,
      });
      title = cleanTitle(raw, maxLength);
    } catch (error) {
      if (options.signal?.aborted) return undefined;
      options.onError?.(error);
    }
  }
  if (title === '') title = fallbackTitle(text, maxLength);
  if (thread.title) return undefined;
  thread.title = title;
  return title;
}

/**
 * Runs {@link generateThreadTitle} alongside a turn: the title is set as soon as it is known (the
 * server streams `thread.updated` after the next event) and awaited before the turn ends, so it is
 * never lost. A cancelled turn does not wait for it.
 */
export async function* withThreadTitle<T>(
  thread: ThreadMetadata,
  input: UserMessageItem | string | null | undefined,
  events: AsyncIterable<T>,
  options: ThreadTitleOptions = {},
): AsyncGenerator<T, void, undefined> {
  const title = generateThreadTitle(thread, input, options).catch((error: unknown) => {
    options.onError?.(error);
    return undefined;
  });
  try {
    yield* events;
  } catch (error) {
    await title;
    throw error;
  }
  await title;
}
