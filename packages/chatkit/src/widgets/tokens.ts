// Design tokens of the widget schema (docs/protocol.md §8.3) → CSS values built on the theme's
// custom properties. Every free-form string from the widget JSON passes `cssValue`/`cssColor`, so a
// payload cannot smuggle `url(…)` or extra declarations into a style.

type Props = Record<string, unknown>;

const SAFE_VALUE = /^[\w\s.,%#()+*/-]+$/;

/** A CSS length/keyword from widget JSON, or `undefined` when it holds anything risky. */
export function cssValue(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return `${value}px`;
  if (typeof value !== 'string' || value === '' || value.length > 100) return undefined;
  if (!SAFE_VALUE.test(value) || /url\s*\(|expression|var\s*\(\s*-/i.test(value)) return undefined;
  return value;
}

/** Spacing units: a number counts steps of 4px (like the official widgets); strings are CSS. */
export function spacing(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return `${value * 4}px`;
  return cssValue(value);
}

const STATUS: Readonly<Record<string, string>> = {
  success: '#16a34a',
  warning: '#d97706',
  caution: '#ca8a04',
  danger: '#dc2626',
  error: '#dc2626',
  info: '#2563eb',
  discovery: '#7c3aed',
};

const HUES: Readonly<Record<string, [number, number]>> = {
  red: [0, 72],
  orange: [25, 90],
  amber: [38, 92],
  yellow: [48, 90],
  lime: [84, 70],
  green: [142, 60],
  emerald: [160, 70],
  teal: [173, 70],
  cyan: [189, 80],
  sky: [199, 85],
  blue: [217, 85],
  indigo: [239, 75],
  violet: [258, 80],
  purple: [270, 75],
  fuchsia: [292, 75],
  pink: [330, 75],
  rose: [350, 80],
  gray: [220, 10],
  slate: [215, 20],
  zinc: [240, 5],
  neutral: [0, 0],
};
const SHADES: Readonly<Record<string, number>> = {
  '50': 97,
  '100': 94,
  '200': 86,
  '300': 77,
  '400': 66,
  '500': 56,
  '600': 47,
  '700': 39,
  '800': 31,
  '900': 24,
  '950': 16,
};

const NAMED_COLORS: Readonly<Record<string, string>> = {
  prose: 'var(--tl-text,#111)',
  primary: 'var(--tl-text,#111)',
  emphasis: 'var(--tl-text,#111)',
  secondary: 'var(--tl-text-muted,#5d5d66)',
  tertiary: 'color-mix(in srgb,var(--tl-text-muted,#5d5d66) 70%,transparent)',
  surface: 'var(--tl-surface,#f7f7f8)',
  'surface-secondary': 'var(--tl-surface-2,#ececf1)',
  'surface-tertiary': 'color-mix(in srgb,var(--tl-surface-2,#ececf1) 85%,var(--tl-text,#111))',
  'surface-elevated': 'var(--tl-bg,#fff)',
  'surface-elevated-secondary': 'var(--tl-surface,#f7f7f8)',
  default: 'var(--tl-border,#dcdce0)',
  subtle: 'color-mix(in srgb,var(--tl-border,#dcdce0) 60%,transparent)',
  strong: 'color-mix(in srgb,var(--tl-border,#dcdce0) 60%,var(--tl-text,#111))',
  accent: 'var(--tl-accent,#2563eb)',
  ...STATUS,
  blue: '#3b82f6',
  purple: '#8b5cf6',
  orange: '#f97316',
  green: '#22c55e',
  red: '#ef4444',
  yellow: '#eab308',
  pink: '#ec4899',
};

function singleColor(value: string): string | undefined {
  const named = NAMED_COLORS[value];
  if (named) return named;
  const primitive = /^([a-z]+)-(\d{2,3})$/.exec(value);
  if (primitive) {
    const hue = HUES[primitive[1]!];
    const light = SHADES[primitive[2]!];
    if (hue && light !== undefined) return `hsl(${hue[0]} ${hue[1]}% ${light}%)`;
  }
  if (/^#[0-9a-f]{3,8}$/i.test(value) || /^[a-z]+$/i.test(value)) return value;
  if (/^(rgb|rgba|hsl|hsla|oklch|oklab|lab|lch)\([\d\s.,%/+-]+\)$/i.test(value)) return value;
  return undefined;
}

/** A color token, CSS color or `{light, dark}` pair (resolved by the host's `color-scheme`). */
export function cssColor(value: unknown): string | undefined {
  if (typeof value === 'string') return singleColor(value);
  if (typeof value === 'object' && value !== null) {
    const { light, dark } = value as { light?: unknown; dark?: unknown };
    const l = typeof light === 'string' ? singleColor(light) : undefined;
    const d = typeof dark === 'string' ? singleColor(dark) : undefined;
    if (l && d) return `light-dark(${l},${d})`;
    return l ?? d;
  }
  return undefined;
}

/** The color of a status name (`success`, `danger`…), for badges, buttons and charts. */
export function statusColor(name: string | undefined): string | undefined {
  return name ? STATUS[name] : undefined;
}

const RADIUS: Readonly<Record<string, string>> = {
  none: '0',
  '2xs': '2px',
  xs: '4px',
  sm: '6px',
  md: '8px',
  lg: '12px',
  xl: '16px',
  '2xl': '20px',
  '3xl': '24px',
  '4xl': '32px',
  full: '9999px',
  '100%': '100%',
};

export function radius(value: unknown): string | undefined {
  return typeof value === 'string' ? RADIUS[value] : undefined;
}

export const TEXT_SIZE: Readonly<Record<string, string>> = {
  xs: '12px',
  sm: '14px',
  md: 'var(--tl-font-size,16px)',
  lg: '18px',
  xl: '20px',
};
export const TITLE_SIZE: Readonly<Record<string, string>> = {
  sm: '16px',
  md: '20px',
  lg: '24px',
  xl: '28px',
  '2xl': '32px',
  '3xl': '36px',
  '4xl': '42px',
  '5xl': '48px',
};
export const CAPTION_SIZE: Readonly<Record<string, string>> = {
  sm: '12px',
  md: '13px',
  lg: '14px',
};
export const ICON_SIZE: Readonly<Record<string, number>> = {
  xs: 12,
  sm: 14,
  md: 16,
  lg: 18,
  xl: 20,
  '2xl': 24,
  '3xl': 32,
};
export const WEIGHT: Readonly<Record<string, number>> = {
  normal: 400,
  medium: 500,
  semibold: 600,
  bold: 700,
};
/** Control heights by `size`. */
export const CONTROL_HEIGHT: Readonly<Record<string, number>> = {
  '3xs': 20,
  '2xs': 24,
  xs: 28,
  sm: 32,
  md: 36,
  lg: 40,
  xl: 44,
  '2xl': 48,
  '3xl': 56,
};

const ALIGN: Readonly<Record<string, string>> = {
  start: 'flex-start',
  center: 'center',
  end: 'flex-end',
  baseline: 'baseline',
  stretch: 'stretch',
};
const JUSTIFY: Readonly<Record<string, string>> = {
  start: 'flex-start',
  center: 'center',
  end: 'flex-end',
  between: 'space-between',
  around: 'space-around',
  evenly: 'space-evenly',
  stretch: 'stretch',
};

export function alignItems(value: unknown): string | undefined {
  return typeof value === 'string' ? ALIGN[value] : undefined;
}
export function justifyContent(value: unknown): string | undefined {
  return typeof value === 'string' ? JUSTIFY[value] : undefined;
}

/** `padding`/`margin`: spacing units, CSS string, or `{top,right,bottom,left,x,y}`. */
export function spacingBox(value: unknown, property: 'padding' | 'margin'): Record<string, string> {
  if (typeof value === 'number' || typeof value === 'string') {
    const v = spacing(value);
    return v === undefined ? {} : { [property]: v };
  }
  if (typeof value !== 'object' || value === null) return {};
  const box = value as Props;
  const out: Record<string, string> = {};
  const edge = (name: string, ...keys: string[]) => {
    for (const key of keys) {
      const v = spacing(box[key]);
      if (v !== undefined) {
        out[`${property}${name}`] = v;
        return;
      }
    }
  };
  edge('Top', 'top', 'y');
  edge('Bottom', 'bottom', 'y');
  edge('Left', 'left', 'x');
  edge('Right', 'right', 'x');
  return out;
}

function borderEdge(value: unknown): string | undefined {
  if (typeof value === 'number') return `${value}px solid var(--tl-border,#dcdce0)`;
  if (typeof value !== 'object' || value === null) return undefined;
  const border = value as Props;
  if (typeof border.size !== 'number') return undefined;
  const style =
    typeof border.style === 'string' && /^[a-z]+$/.test(border.style) ? border.style : 'solid';
  return `${border.size}px ${style} ${cssColor(border.color) ?? 'var(--tl-border,#dcdce0)'}`;
}

/** `border`: width in px, one `Border`, or per-edge `Borders`. */
export function borderStyle(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value === 'number' || (typeof value === 'object' && 'size' in value)) {
    const v = borderEdge(value);
    return v ? { border: v } : {};
  }
  if (typeof value !== 'object') return {};
  const edges = value as Props;
  const out: Record<string, string> = {};
  const edge = (name: string, ...keys: string[]) => {
    for (const key of keys) {
      const v = borderEdge(edges[key]);
      if (v !== undefined) {
        out[`border${name}`] = v;
        return;
      }
    }
  };
  edge('Top', 'top', 'y');
  edge('Bottom', 'bottom', 'y');
  edge('Left', 'left', 'x');
  edge('Right', 'right', 'x');
  return out;
}

/** Sizing props shared by boxes, images and charts. */
export function blockStyle(props: Props): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  const set = (key: string, value: unknown) => {
    const v = cssValue(value);
    if (v !== undefined) out[key] = v;
  };
  set('width', props.size);
  set('height', props.size);
  set('minWidth', props.minSize);
  set('minHeight', props.minSize);
  set('maxWidth', props.maxSize);
  set('maxHeight', props.maxSize);
  set('width', props.width);
  set('height', props.height);
  set('minWidth', props.minWidth);
  set('minHeight', props.minHeight);
  set('maxWidth', props.maxWidth);
  set('maxHeight', props.maxHeight);
  if (typeof props.aspectRatio === 'number') out.aspectRatio = String(props.aspectRatio);
  else if (typeof props.aspectRatio === 'string' && /^[\d.\s/]+$/.test(props.aspectRatio))
    out.aspectRatio = props.aspectRatio;
  if (typeof props.flex === 'number') out.flex = `${props.flex} ${props.flex} 0%`;
  else if (typeof props.flex === 'string' && /^[\w\s.%]+$/.test(props.flex)) out.flex = props.flex;
  const r = radius(props.radius);
  if (r) out.borderRadius = r;
  Object.assign(out, spacingBox(props.margin, 'margin'));
  return out;
}
