import { z } from 'zod';

/** The 64 literal icon names of ChatKit (PROTOCOL.md §8.8). */
export const ICON_NAMES = [
  'agent', 'analytics', 'atom', 'batch', 'bolt', 'book-open', 'book-closed', 'book-clock', 'bug',
  'calendar', 'chart', 'check', 'check-circle', 'check-circle-filled', 'chevron-left', 'chevron-right',
  'circle-question', 'clock', 'compass', 'confetti', 'cube', 'desktop', 'document', 'dot',
  'dots-horizontal', 'dots-vertical', 'empty-circle', 'external-link', 'globe', 'keys', 'lab', 'images',
  'info', 'lifesaver', 'lightbulb', 'mail', 'map-pin', 'maps', 'mobile', 'name', 'notebook',
  'notebook-pencil', 'page-blank', 'phone', 'play', 'plus', 'profile', 'profile-card', 'reload', 'star',
  'star-filled', 'search', 'sparkle', 'sparkle-double', 'square-code', 'square-image', 'square-text',
  'suitcase', 'settings-slider', 'user', 'wreath', 'write', 'write-alt', 'write-alt2',
] as const;

const LITERAL_ICONS: ReadonlySet<string> = new Set(ICON_NAMES);

/** A literal icon name, or any `vendor:`/`lucide:` prefixed name. */
export const IconNameSchema = z
  .string()
  .refine((name) => LITERAL_ICONS.has(name) || /^(vendor|lucide):/.test(name), {
    message: 'Unknown icon name: use one of the ChatKit icon names or a "vendor:"/"lucide:" prefix',
  });
export type IconName = (typeof ICON_NAMES)[number] | `vendor:${string}` | `lucide:${string}`;
