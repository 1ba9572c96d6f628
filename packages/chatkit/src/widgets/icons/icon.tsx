// Icons: the ChatKit names are inline SVG from the core bundle; `lucide:` names load the Lucide
// chunk on first use; `vendor:` names (host-defined) and unknown ones render an empty box of the
// same size so layout does not jump.
import { h, type JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { CHATKIT_ICONS, type IconNode } from './chatkit-icons.js';
import type * as LucideChunk from './lucide-chunk.js';

let lucide: Promise<typeof LucideChunk> | undefined;
const lucideCache = new Map<string, IconNode | null>();

const ALLOWED_TAGS = new Set(['path', 'circle', 'rect', 'line', 'polyline', 'polygon', 'ellipse']);
const ALLOWED_ATTRS =
  /^(d|cx|cy|r|rx|ry|x|y|x1|x2|y1|y2|width|height|points|fill|stroke|stroke-width)$/;

function shape(nodes: IconNode, filled: boolean): JSX.Element[] {
  return nodes
    .filter(([tag]) => ALLOWED_TAGS.has(tag))
    .map(([tag, attrs], index) => {
      const safe: Record<string, string> = {};
      for (const [key, value] of Object.entries(attrs))
        if (ALLOWED_ATTRS.test(key)) safe[key] = value;
      // The "-filled" variants: the outline shape is filled, inner strokes use the surface color.
      if (filled) {
        if (index === 0) safe.fill = 'currentColor';
        else safe.stroke = 'var(--tl-bg,#fff)';
      }
      return h(tag, { key: index, ...safe });
    });
}

export interface IconProps {
  name: string;
  size?: number;
  color?: string | undefined;
  label?: string | undefined;
}

export function Icon(props: IconProps) {
  const size = props.size ?? 16;
  const lucideName = /^lucide:(.+)$/.exec(props.name)?.[1];
  const [loaded, setLoaded] = useState<IconNode | null | undefined>(
    lucideName ? lucideCache.get(lucideName) : undefined,
  );
  useEffect(() => {
    if (!lucideName || lucideCache.has(lucideName)) {
      if (lucideName) setLoaded(lucideCache.get(lucideName));
      return;
    }
    let live = true;
    lucide ??= import('./lucide-chunk.js');
    void lucide.then((module) => {
      const nodes = module.lucideIcon(lucideName) ?? null;
      lucideCache.set(lucideName, nodes);
      if (live) setLoaded(nodes);
    });
    return () => {
      live = false;
    };
  }, [lucideName]);

  const nodes = lucideName ? loaded : CHATKIT_ICONS[props.name];
  const filled = props.name === 'star-filled' || props.name === 'check-circle-filled';
  return (
    <svg
      class="tl-w-icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill={props.name === 'star-filled' ? 'currentColor' : 'none'}
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      style={props.color ? { color: props.color } : undefined}
      role={props.label ? 'img' : undefined}
      aria-label={props.label}
      aria-hidden={props.label ? undefined : 'true'}
      data-icon={props.name}
    >
      {nodes ? shape(nodes, filled && props.name !== 'star-filled') : null}
    </svg>
  );
}
