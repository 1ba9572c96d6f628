// The `theme` option as this module reads it: the official `ChatKitOptions['theme']` with its
// numeric unions widened to `number`, so a host's own (looser) option types are accepted too.
// Out-of-range numbers are clamped or ignored where they are read.
import type { ColorScheme, FontObject, SurfaceColors } from '@openai/chatkit';

export interface ThemeColorInput {
  grayscale?: { hue: number; tint: number; shade?: number };
  accent?: { primary: string; level: number };
  surface?: SurfaceColors;
}

export interface ThemeObjectInput {
  colorScheme?: ColorScheme;
  typography?: {
    baseSize?: number;
    fontSources?: readonly FontObject[];
    fontFamily?: string;
    fontFamilyMono?: string;
  };
  radius?: 'pill' | 'round' | 'soft' | 'sharp';
  density?: 'compact' | 'normal' | 'spacious';
  color?: ThemeColorInput;
}

export type ThemeInput = ColorScheme | ThemeObjectInput;
