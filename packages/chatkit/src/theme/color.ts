// Colour arithmetic for the theme: parse the CSS colours a host page typically passes (hex, rgb(),
// hsl()), mix them, and pick a readable text colour on top (WCAG relative luminance).

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

function parseHex(value: string): Rgb | undefined {
  const match = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(value);
  if (!match) return undefined;
  let hex = match[1]!;
  if (hex.length <= 4) hex = [...hex].map((c) => c + c).join('');
  return {
    r: parseInt(hex.slice(0, 2), 16),
    g: parseInt(hex.slice(2, 4), 16),
    b: parseInt(hex.slice(4, 6), 16),
  };
}

/** The numeric arguments of `name(...)`, separated by commas, spaces or a slash (alpha ignored). */
function functionArgs(value: string, names: string[]): string[] | undefined {
  const match = /^([a-z]+)\(([^()]*)\)$/i.exec(value);
  if (!match || !names.includes(match[1]!.toLowerCase())) return undefined;
  const args = match[2]!
    .split('/')[0]!
    .split(/[\s,]+/)
    .filter(Boolean);
  return args.length >= 3 ? args.slice(0, 3) : undefined;
}

function parseRgb(value: string): Rgb | undefined {
  const args = functionArgs(value, ['rgb', 'rgba']);
  if (!args) return undefined;
  const [r, g, b] = args.map((a) =>
    a.endsWith('%') ? (parseFloat(a) / 100) * 255 : parseFloat(a),
  ) as [number, number, number];
  if ([r, g, b].some((n) => !Number.isFinite(n))) return undefined;
  return { r: clamp(r, 0, 255), g: clamp(g, 0, 255), b: clamp(b, 0, 255) };
}

export function hslToRgb(hue: number, saturation: number, lightness: number): Rgb {
  const h = (((hue % 360) + 360) % 360) / 360;
  const s = clamp(saturation, 0, 100) / 100;
  const l = clamp(lightness, 0, 100) / 100;
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t: number) => {
    const x = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    const v =
      x < 1 / 6
        ? p + (q - p) * 6 * x
        : x < 1 / 2
          ? q
          : x < 2 / 3
            ? p + (q - p) * (2 / 3 - x) * 6
            : p;
    return v * 255;
  };
  return { r: channel(h + 1 / 3), g: channel(h), b: channel(h - 1 / 3) };
}

function parseHsl(value: string): Rgb | undefined {
  const args = functionArgs(value, ['hsl', 'hsla']);
  if (!args) return undefined;
  const [h, s, l] = args.map((a) => parseFloat(a)) as [number, number, number];
  if ([h, s, l].some((n) => !Number.isFinite(n))) return undefined;
  return hslToRgb(h, s, l);
}

/** Parses `#rgb`, `#rrggbb` (alpha ignored), `rgb()` and `hsl()`; anything else is `undefined`. */
export function parseColor(value: string): Rgb | undefined {
  const text = value.trim();
  return parseHex(text) ?? parseRgb(text) ?? parseHsl(text);
}

export function toHex({ r, g, b }: Rgb): string {
  const byte = (n: number) =>
    Math.round(clamp(n, 0, 255))
      .toString(16)
      .padStart(2, '0');
  return `#${byte(r)}${byte(g)}${byte(b)}`;
}

/** `weight` (0..1) of `a`, the rest of `b`, in sRGB (as CSS `color-mix(in srgb, …)` does). */
export function mix(a: Rgb, b: Rgb, weight: number): Rgb {
  const w = clamp(weight, 0, 1);
  return { r: a.r * w + b.r * (1 - w), g: a.g * w + b.g * (1 - w), b: a.b * w + b.b * (1 - w) };
}

/** WCAG 2 relative luminance. */
export function luminance({ r, g, b }: Rgb): number {
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export const WHITE: Rgb = { r: 255, g: 255, b: 255 };
export const BLACK: Rgb = { r: 0, g: 0, b: 0 };

/** White or black, whichever reads better on `background`. */
export function readableOn(background: Rgb): Rgb {
  return contrastRatio(WHITE, background) >= contrastRatio(BLACK, background) ? WHITE : BLACK;
}
