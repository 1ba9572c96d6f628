import { CustomStreamError } from '../errors.js';
import { translator } from '../i18n/catalog.js';
import { SDK_CATALOGS } from '../i18n/sdk-catalogs.js';
import type { UserMessageItem } from '../protocol/items.js';

/** A user message's text as typed: text parts verbatim, tags as `@label`. */
export function userMessageText(item: UserMessageItem): string {
  let text = '';
  for (const part of item.content) text += part.type === 'input_text' ? part.text : `@${part.text}`;
  return text;
}

/** Options of {@link assertInputLength}. */
export interface InputLimitOptions {
  /** Largest accepted message, in characters (text, tags and quoted text together). */
  maxChars: number;
  /** The error text; default says how long the message was and what the limit is. */
  message?: ((length: number, maxChars: number) => string) | undefined;
  /** The user's locale for the default text (`SDK_CATALOGS`; English without a catalogue). */
  locale?: string | readonly string[] | undefined;
}

/**
 * Rejects a user message that is too long before any model is called: throws a `custom`
 * `CustomStreamError` (no retry; the user must shorten it). `null` input (a resumed turn) passes.
 */
export function assertInputLength(
  input: UserMessageItem | null | undefined,
  options: InputLimitOptions,
): void {
  if (!input) return;
  const length = userMessageText(input).length + (input.quoted_text?.length ?? 0);
  if (length <= options.maxChars) return;
  const message =
    options.message?.(length, options.maxChars) ??
    translator(SDK_CATALOGS, options.locale)(
      'Your message is too long ({length} characters). Please shorten it to {max} characters or fewer and try again.',
      { length, max: options.maxChars },
    );
  throw new CustomStreamError(message, { allowRetry: false });
}
