import type { ChatKitOptions } from '@openai/chatkit';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { contrastRatio, parseColor } from '../../src/theme/color.js';
import {
  colorSchemeOf,
  fontFaceRules,
  themeStyles,
  type ThemeInput,
} from '../../src/theme/index.js';

/** The declarations of the `:host` rule, by property name. */
function hostProperties(css: string): Map<string, string> {
  const match = /:host\{([^}]*)\}/.exec(css);
  expect(match, css).not.toBeNull();
  return new Map(
    match![1]!.split(';').map((declaration) => {
      const colon = declaration.indexOf(':');
      return [declaration.slice(0, colon), declaration.slice(colon + 1)] as [string, string];
    }),
  );
}

const REQUIRED = [
  '--tl-accent',
  '--tl-accent-contrast',
  '--tl-bg',
  '--tl-surface',
  '--tl-surface-2',
  '--tl-text',
  '--tl-text-muted',
  '--tl-border',
  '--tl-radius',
  '--tl-gap',
  '--tl-font-family',
  '--tl-font-size',
];

const rgb = (value: string | undefined) => {
  const color = parseColor(value ?? '');
  expect(color, `not a colour: ${value}`).toBeDefined();
  return color!;
};

describe('themeStyles', () => {
  it('defines every custom property, light by default', () => {
    const props = hostProperties(themeStyles(undefined));
    for (const name of REQUIRED) expect(props.get(name), name).toBeTruthy();
    expect(props.get('color-scheme')).toBe('light');
    expect(props.get('--tl-bg')).toBe('#ffffff');
    expect(props.get('--tl-font-size')).toBe('16px');
    expect(props.get('--tl-radius-control')).toBe('9999px');
  });

  it('keeps text and accent readable in both schemes', () => {
    for (const scheme of ['light', 'dark'] as const) {
      const props = hostProperties(themeStyles(scheme));
      expect(props.get('color-scheme')).toBe(scheme);
      expect(contrastRatio(rgb(props.get('--tl-text')), rgb(props.get('--tl-bg')))).toBeGreaterThan(
        12,
      );
      expect(
        contrastRatio(rgb(props.get('--tl-text-muted')), rgb(props.get('--tl-bg'))),
      ).toBeGreaterThan(4.5);
      expect(
        contrastRatio(rgb(props.get('--tl-accent')), rgb(props.get('--tl-accent-contrast'))),
      ).toBeGreaterThan(4.5);
    }
    const dark = hostProperties(themeStyles({ colorScheme: 'dark' }));
    expect(rgb(dark.get('--tl-bg')).r).toBeLessThan(50);
  });

  it('uses the accent as given at level 1 and picks its contrast colour', () => {
    const yellow = hostProperties(
      themeStyles({ color: { accent: { primary: '#ffd500', level: 1 } } }),
    );
    expect(yellow.get('--tl-accent')).toBe('#ffd500');
    expect(yellow.get('--tl-accent-contrast')).toBe('#000000');
    const navy = hostProperties(
      themeStyles({ color: { accent: { primary: 'rgb(10, 20, 90)', level: 1 } } }),
    );
    expect(navy.get('--tl-accent')).toBe('#0a145a');
    expect(navy.get('--tl-accent-contrast')).toBe('#ffffff');
  });

  it('moves the accent towards the page at level 0 and towards the text at levels 2 and 3', () => {
    const accentAt = (level: 0 | 1 | 2 | 3) =>
      rgb(
        hostProperties(themeStyles({ color: { accent: { primary: '#3366ff', level } } })).get(
          '--tl-accent',
        ),
      );
    const white = { r: 255, g: 255, b: 255 };
    const distances = ([0, 1, 2, 3] as const).map((level) => contrastRatio(accentAt(level), white));
    expect(distances[0]).toBeLessThan(distances[1]!);
    expect(distances[1]).toBeLessThan(distances[2]!);
    expect(distances[2]).toBeLessThan(distances[3]!);
  });

  it('leaves colours it cannot compute with to color-mix()', () => {
    const props = hostProperties(
      themeStyles({ color: { accent: { primary: 'rebeccapurple', level: 0 } } }),
    );
    expect(props.get('--tl-accent')).toBe('color-mix(in srgb, rebeccapurple 75%, #ffffff)');
  });

  it('tints and shades the grays', () => {
    const neutral = hostProperties(themeStyles({ color: { grayscale: { hue: 30, tint: 0 } } }));
    const warm = hostProperties(themeStyles({ color: { grayscale: { hue: 30, tint: 9 } } }));
    const border = rgb(warm.get('--tl-border'));
    expect(border.r).toBeGreaterThan(border.b + 5);
    const neutralSurface = rgb(neutral.get('--tl-surface'));
    expect(Math.abs(neutralSurface.r - neutralSurface.b)).toBeLessThan(1);
    const darker = hostProperties(
      themeStyles({ color: { grayscale: { hue: 30, tint: 0, shade: 4 } } }),
    );
    expect(rgb(darker.get('--tl-bg')).r).toBeLessThan(rgb(neutral.get('--tl-bg')).r);
  });

  it('derives surfaces, borders and muted text from the host surface colours', () => {
    const props = hostProperties(
      themeStyles({
        colorScheme: 'dark',
        color: { surface: { background: '#101820', foreground: '#f0f0e0' } },
      }),
    );
    expect(props.get('--tl-bg')).toBe('#101820');
    expect(props.get('--tl-text')).toBe('#f0f0e0');
    const bg = rgb(props.get('--tl-bg'));
    const border = rgb(props.get('--tl-border'));
    expect(border.r).toBeGreaterThan(bg.r);
    expect(border.r).toBeLessThan(rgb(props.get('--tl-text-muted')).r);
  });

  it('maps radius, density and typography', () => {
    const props = hostProperties(
      themeStyles({
        radius: 'sharp',
        density: 'compact',
        typography: {
          baseSize: 14,
          fontFamily: '"Inter", sans-serif',
          fontFamilyMono: 'Fira Code',
        },
      }),
    );
    expect(props.get('--tl-radius')).toBe('0px');
    expect(props.get('--tl-radius-control')).toBe('0px');
    expect(props.get('--tl-gap')).toBe('8px');
    expect(props.get('--tl-font-size')).toBe('14px');
    expect(props.get('--tl-font-family')).toBe('"Inter", sans-serif');
    expect(props.get('--tl-font-family-mono')).toBe('Fira Code');
    const spacious = hostProperties(themeStyles({ radius: 'soft', density: 'spacious' }));
    expect(spacious.get('--tl-radius')).toBe('10px');
    expect(spacious.get('--tl-gap')).toBe('16px');
  });

  it('writes @font-face rules for fontSources', () => {
    const css = themeStyles({
      typography: {
        fontFamily: 'Brand',
        fontSources: [
          { family: 'Brand', src: '/fonts/brand.woff2', weight: 400, style: 'normal' },
          {
            family: 'Brand',
            src: '/fonts/brand-bold.woff2',
            weight: '700',
            display: 'optional',
            unicodeRange: 'U+0000-00FF',
          },
        ],
      },
    });
    expect(css).toContain(
      '@font-face{font-family:"Brand";src:url("/fonts/brand.woff2");font-weight:400;font-style:normal;font-display:swap}',
    );
    expect(css).toContain(
      '@font-face{font-family:"Brand";src:url("/fonts/brand-bold.woff2");font-weight:700;font-display:optional;unicode-range:U+0000-00FF}',
    );
    expect(css.indexOf('@font-face')).toBeLessThan(css.indexOf(':host'));
  });

  it('cannot be used to inject rules', () => {
    const hostile = {
      color: {
        accent: { primary: 'red;}:host{display:none', level: 1 },
        surface: { background: '#fff}body{x:y', foreground: 'black' },
      },
      typography: {
        fontFamily: 'x;} * {display:none',
        fontSources: [{ family: 'a"}b', src: 'x.woff2")}body{display:none' }],
      },
    } as unknown as ChatKitOptions['theme'];
    const css = themeStyles(hostile);
    // Outside CSS strings: one @font-face rule plus :host, and no declaration leaks out of them.
    const code = css.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    expect(code.match(/\{/g)).toHaveLength(2);
    expect(code.match(/\}/g)).toHaveLength(2);
    expect(code).not.toContain('display:none');
    const props = hostProperties(css);
    expect(props.get('--tl-accent')).toBe('#1d4ed8');
    expect(props.get('--tl-bg')).toBe('#ffffff');
  });
});

describe('colorSchemeOf', () => {
  it('reads the string and the object forms', () => {
    expect(colorSchemeOf(undefined)).toBe('light');
    expect(colorSchemeOf('dark')).toBe('dark');
    expect(colorSchemeOf('light')).toBe('light');
    expect(colorSchemeOf({ colorScheme: 'dark' })).toBe('dark');
    expect(colorSchemeOf({ radius: 'soft' })).toBe('light');
  });
});

describe('fontFaceRules', () => {
  it('skips entries without a family or a source', () => {
    expect(fontFaceRules(undefined)).toBe('');
    expect(fontFaceRules([{ family: '', src: 'a.woff2' }])).toBe('');
  });
});

describe('the theme parameter type', () => {
  it('accepts the official option type and looser host types', () => {
    expectTypeOf<ChatKitOptions['theme']>().toExtend<ThemeInput | undefined>();
    // A host's own option type with plain numbers where the official one has unions.
    type LooseTheme =
      | 'light'
      | 'dark'
      | {
          typography?: { baseSize?: number };
          color?: {
            accent?: { primary: string; level: number };
            grayscale?: { hue: number; tint: number };
          };
        };
    expectTypeOf<LooseTheme>().toExtend<ThemeInput>();
    const loose: LooseTheme = {
      typography: { baseSize: 13 },
      color: { accent: { primary: '#000', level: 7 } },
    };
    const props = hostProperties(themeStyles(loose));
    expect(props.get('--tl-font-size')).toBe('16px');
    expect(props.get('--tl-accent')).toBe('#000000');
  });
});
