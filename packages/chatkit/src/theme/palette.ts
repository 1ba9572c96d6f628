// The colour set of a theme: a gray ramp (hue, tint, shade) or the host's own surface colours,
// an accent at one of four intensity levels, and status colours, per colour scheme.
import type { ColorScheme } from '@openai/chatkit';
import { hslToRgb, mix, parseColor, readableOn, toHex, type Rgb } from './color.js';
import { safeCssValue } from './css-safety.js';
import type { ThemeColorInput } from './theme-input.js';

export interface Palette {
  accent: string;
  accentContrast: string;
  accentSoft: string;
  bg: string;
  surface: string;
  surface2: string;
  text: string;
  textMuted: string;
  border: string;
  danger: string;
  warning: string;
  success: string;
}

/** A colour we can compute with, or a CSS colour we can only hand to the browser. */
type Color = Rgb | string;

const css = (color: Color) => (typeof color === 'string' ? color : toHex(color));

/** `weight` of `a` over `b`: computed when both parse, else left to CSS `color-mix()`. */
function blend(a: Color, b: Color, weight: number): Color {
  if (typeof a !== 'string' && typeof b !== 'string') return mix(a, b, weight);
  return `color-mix(in srgb, ${css(a)} ${Math.round(weight * 100)}%, ${css(b)})`;
}

const asColor = (value: string): Color => parseColor(value) ?? value;

/** Lightness (HSL %) of each gray role: page, raised surfaces, borders, text. */
const GRAY_LIGHTNESS = {
  light: { bg: 100, surface: 97, surface2: 93, border: 87, textMuted: 40, text: 10 },
  dark: { bg: 13, surface: 17, surface2: 22, border: 30, textMuted: 70, text: 96 },
} as const;

const STATUS = {
  light: { danger: '#c4320a', warning: '#b54708', success: '#067647' },
  dark: { danger: '#f97066', warning: '#fdb022', success: '#47cd89' },
} as const;

/** Used when the host gives no accent: a blue that keeps 4.5:1 against its contrast colour. */
const DEFAULT_ACCENT = { light: '#1d4ed8', dark: '#60a5fa' } as const;

function grayRamp(scheme: ColorScheme, grayscale: ThemeColorInput['grayscale']) {
  const finite = (value: number | undefined, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  const hue = finite(grayscale?.hue, 220);
  const tint = Math.min(9, Math.max(0, finite(grayscale?.tint, 0)));
  const shade = Math.min(4, Math.max(-4, finite(grayscale?.shade, 0)));
  const levels = GRAY_LIGHTNESS[scheme];
  // Tint saturates the grays towards the hue (surfaces more than text); a positive shade darkens
  // the surfaces, a negative one lightens them.
  const surface = (lightness: number) => hslToRgb(hue, tint * 2, lightness - shade * 1.5);
  return {
    bg: surface(levels.bg),
    surface: surface(levels.surface),
    surface2: surface(levels.surface2),
    border: surface(levels.border),
    textMuted: hslToRgb(hue, tint * 1.5, levels.textMuted),
    text: hslToRgb(hue, tint * 1.5, levels.text),
  };
}

/** Level 1 is the colour as given; 0 is softer (towards the page), 2 and 3 deeper (towards the text). */
function accentAtLevel(primary: Color, level: number, bg: Color, text: Color): Color {
  switch (level) {
    case 0:
      return blend(primary, bg, 0.75);
    case 2:
      return blend(primary, text, 0.82);
    case 3:
      return blend(primary, text, 0.64);
    default:
      return primary;
  }
}

export function buildPalette(scheme: ColorScheme, color: ThemeColorInput | undefined): Palette {
  const gray = grayRamp(scheme, color?.grayscale);
  const background = safeCssValue(color?.surface?.background);
  const foreground = safeCssValue(color?.surface?.foreground);
  let bg: Color = gray.bg;
  let text: Color = gray.text;
  let surface: Color = gray.surface;
  let surface2: Color = gray.surface2;
  let border: Color = gray.border;
  let textMuted: Color = gray.textMuted;
  if (background !== undefined || foreground !== undefined) {
    // The host's surface colours: derive the other roles by mixing the text into the background.
    bg = background !== undefined ? asColor(background) : bg;
    text = foreground !== undefined ? asColor(foreground) : text;
    surface = blend(text, bg, 0.04);
    surface2 = blend(text, bg, 0.08);
    border = blend(text, bg, 0.16);
    textMuted = blend(text, bg, 0.66);
  }

  const primary = asColor(safeCssValue(color?.accent?.primary) ?? DEFAULT_ACCENT[scheme]);
  const accent = accentAtLevel(primary, color?.accent?.level ?? 1, bg, text);
  const accentContrast = typeof accent === 'string' ? '#ffffff' : toHex(readableOn(accent));
  return {
    accent: css(accent),
    accentContrast,
    accentSoft: css(blend(accent, bg, 0.14)),
    bg: css(bg),
    surface: css(surface),
    surface2: css(surface2),
    text: css(text),
    textMuted: css(textMuted),
    border: css(border),
    ...STATUS[scheme],
  };
}
