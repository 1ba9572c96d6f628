// Minimal theme module: custom properties on :host from the `theme` option. Replaced by the full
// theme implementation (grayscale, density, typography, font sources) when it lands.
import type { ChatKitOptions } from '../options.js';

type Theme = ChatKitOptions['theme'];

export function colorSchemeOf(theme: Theme | undefined): 'light' | 'dark' {
  if (theme === 'dark' || theme === 'light') return theme;
  return theme?.colorScheme ?? 'light';
}

export function themeStyles(theme: Theme | undefined): string {
  const dark = colorSchemeOf(theme) === 'dark';
  const object = typeof theme === 'object' ? theme : undefined;
  const accent = object?.color?.accent?.primary ?? (dark ? '#f5f5f5' : '#0d0d0d');
  const bg = object?.color?.surface?.background ?? (dark ? '#161616' : '#ffffff');
  const text = object?.color?.surface?.foreground ?? (dark ? '#ececec' : '#0d0d0d');
  const radius = { pill: '20px', round: '14px', soft: '8px', sharp: '2px' }[
    object?.radius ?? 'round'
  ];
  const gap = { compact: '6px', normal: '10px', spacious: '14px' }[object?.density ?? 'normal'];
  return `:host{color-scheme:${dark ? 'dark' : 'light'};--tl-accent:${accent};--tl-accent-contrast:${dark ? '#0d0d0d' : '#ffffff'};--tl-bg:${bg};--tl-surface:${dark ? '#212121' : '#f7f7f8'};--tl-surface-2:${dark ? '#2c2c2c' : '#ececf1'};--tl-text:${text};--tl-text-muted:${dark ? '#a8a8a8' : '#5d5d66'};--tl-border:${dark ? '#3a3a3a' : '#dcdce0'};--tl-radius:${radius};--tl-gap:${gap};--tl-font-family:${object?.typography?.fontFamily ?? 'system-ui,-apple-system,"Segoe UI",sans-serif'};--tl-font-size:${object?.typography?.baseSize ?? 16}px}`;
}
