// The theme option (`ChatKitOptions['theme']`) as CSS custom properties on `:host`, so every view
// styles itself from `var(--tl-…)` and a new theme is one stylesheet swap.
import type { ColorScheme } from '@openai/chatkit';
import { safeFontFamily } from './css-safety.js';
import { fontFaceRules } from './fonts.js';
import { buildPalette } from './palette.js';
import type { ThemeInput, ThemeObjectInput } from './theme-input.js';

export { fontFaceRules, installFontFaces } from './fonts.js';
export { buildPalette, type Palette } from './palette.js';
export type { ThemeColorInput, ThemeInput, ThemeObjectInput } from './theme-input.js';

/** `ChatKitOptions['theme']` (official type), or a looser host type of the same shape. */
type Theme = ThemeInput;

const SYSTEM_FONT =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif';
const SYSTEM_MONO =
  'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "Noto Sans Mono", monospace';

/** Corner radius of cards and bubbles, of small parts (chips, menus) and of controls (buttons, composer). */
const RADII = {
  pill: { radius: '20px', small: '12px', control: '9999px' },
  round: { radius: '16px', small: '10px', control: '12px' },
  soft: { radius: '10px', small: '6px', control: '8px' },
  sharp: { radius: '0px', small: '0px', control: '0px' },
} as const;

/** The gap between blocks and the inner padding of controls. */
const DENSITIES = {
  compact: { gap: '8px', pad: '6px' },
  normal: { gap: '12px', pad: '10px' },
  spacious: { gap: '16px', pad: '14px' },
} as const;

const BASE_SIZES = new Set([14, 15, 16, 17, 18]);

function themeObject(theme: Theme | undefined): ThemeObjectInput {
  if (theme === 'light' || theme === 'dark') return { colorScheme: theme };
  return theme && typeof theme === 'object' ? theme : {};
}

/** The colour scheme a theme asks for (`light` unless it says `dark`). */
export function colorSchemeOf(theme: Theme | undefined): ColorScheme {
  return themeObject(theme).colorScheme === 'dark' ? 'dark' : 'light';
}

/**
 * CSS text for the shadow root: `@font-face` rules for `typography.fontSources`, then `:host` with
 * `color-scheme` and the `--tl-*` custom properties. Values that are not plain CSS values are
 * ignored (the defaults apply), so host options cannot inject rules.
 */
export function themeStyles(theme: Theme | undefined): string {
  const option = themeObject(theme);
  const scheme = colorSchemeOf(theme);
  const palette = buildPalette(scheme, option.color);
  const radius = RADII[option.radius ?? 'pill'] ?? RADII.pill;
  const density = DENSITIES[option.density ?? 'normal'] ?? DENSITIES.normal;
  const typography = option.typography ?? {};
  const baseSize = BASE_SIZES.has(typography.baseSize ?? 0) ? typography.baseSize! : 16;
  const properties: [string, string][] = [
    ['color-scheme', scheme],
    ['--tl-accent', palette.accent],
    ['--tl-accent-contrast', palette.accentContrast],
    ['--tl-accent-soft', palette.accentSoft],
    ['--tl-bg', palette.bg],
    ['--tl-surface', palette.surface],
    ['--tl-surface-2', palette.surface2],
    ['--tl-text', palette.text],
    ['--tl-text-muted', palette.textMuted],
    ['--tl-border', palette.border],
    ['--tl-danger', palette.danger],
    ['--tl-warning', palette.warning],
    ['--tl-success', palette.success],
    ['--tl-radius', radius.radius],
    ['--tl-radius-sm', radius.small],
    ['--tl-radius-control', radius.control],
    ['--tl-gap', density.gap],
    ['--tl-pad', density.pad],
    ['--tl-font-family', safeFontFamily(typography.fontFamily) ?? SYSTEM_FONT],
    ['--tl-font-family-mono', safeFontFamily(typography.fontFamilyMono) ?? SYSTEM_MONO],
    ['--tl-font-size', `${baseSize}px`],
  ];
  const host = `:host{${properties.map(([name, value]) => `${name}:${value}`).join(';')}}`;
  const fonts = fontFaceRules(typography.fontSources);
  return fonts ? `${fonts}\n${host}` : host;
}
