import type { Translate } from '@threadline/server';
import type { ProgressUpdateEvent } from '@threadline/server/protocol';

/**
 * Progress updates in the Rails seed's style (docs/seeds.md §A.2): "Analyzing your request…" when a
 * turn starts, one line per tool call, "Preparing a response…" once tool results are in. Texts are
 * catalogue keys (`i18n/`), shown in the user's locale through `t`.
 * ChatKit has no `tool`/`bookmark` icons, so the nearest ChatKit icons stand in for them.
 */
export const analyzing = (t: Translate): ProgressUpdateEvent => ({
  type: 'progress_update',
  icon: 'sparkle',
  text: t('Analyzing your request…'),
});

export const preparing = (t: Translate): ProgressUpdateEvent => ({
  type: 'progress_update',
  icon: 'bolt',
  text: t('Preparing a response…'),
});

const truncate = (text: string, max = 50): string =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;

/** `show_card` → "Show card". */
export const humanize = (name: string): string => {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function stringArg(args: unknown, key: string): string | undefined {
  if (args === null || typeof args !== 'object') return undefined;
  const value = (args as Record<string, unknown>)[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The progress line for a tool call, by tool name and arguments, in the locale of `t`. */
export function toolProgress(name: string, args: unknown, t: Translate): ProgressUpdateEvent {
  switch (name) {
    case 'search_resources': {
      const query = stringArg(args, 'query');
      return {
        type: 'progress_update',
        icon: 'search',
        text: query
          ? t('Searching for "{query}"…', { query: truncate(query) })
          : t('Searching knowledge base…'),
      };
    }
    case 'find_quotes': {
      const query = stringArg(args, 'query');
      return {
        type: 'progress_update',
        icon: 'search',
        text: query
          ? t('Finding quotes for "{query}"…', { query: truncate(query) })
          : t('Finding relevant quotes…'),
      };
    }
    case 'remember':
      return { type: 'progress_update', icon: 'notebook-pencil', text: t('Saving to memory…') };
    case 'recall':
      return { type: 'progress_update', icon: 'book-open', text: t('Recalling from memory…') };
    case 'get_current_time':
      return { type: 'progress_update', icon: 'clock', text: t('Checking the time…') };
    case 'calculate':
      return { type: 'progress_update', icon: 'analytics', text: t('Calculating…') };
    default:
      return {
        type: 'progress_update',
        icon: 'cube',
        text: t('Executing {tool}…', { tool: humanize(name) }),
      };
  }
}

/** Parses a tool call's JSON arguments for {@link toolProgress}; bad JSON counts as no arguments. */
export function parseToolArguments(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return {};
  }
}
