// Math typeset by KaTeX, loaded on first use as its own chunk with its CSS and fonts. Until it is
// there the TeX source shows as code; each formula is typeset once and cached.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type * as KatexChunk from './katex-chunk.js';

type Typesetter = typeof KatexChunk;

let typesetter: Promise<Typesetter> | undefined;
const cache = new Map<string, string>();
const CACHE_LIMIT = 500;

function loadTypesetter(): Promise<Typesetter> {
  typesetter ??= import('./katex-chunk.js');
  return typesetter;
}

export interface MathViewProps {
  tex: string;
  display: boolean;
}

export function MathView(props: MathViewProps) {
  const key = `${props.display ? 'D' : 'I'}${props.tex}`;
  const [html, setHtml] = useState<string | undefined>(cache.get(key));
  const root = useRef<HTMLElement>(null);

  useEffect(() => {
    const hit = cache.get(key);
    if (hit !== undefined) {
      setHtml(hit);
      if (root.current) void loadTypesetter().then((m) => m.installMathStyles(root.current!));
      return;
    }
    let live = true;
    void loadTypesetter().then((module) => {
      if (root.current) module.installMathStyles(root.current);
      const output = module.typeset(props.tex, props.display);
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
      cache.set(key, output);
      if (live) setHtml(output);
    });
    return () => {
      live = false;
    };
  }, [key]);

  const tag = props.display ? 'div' : 'span';
  const className = props.display ? 'tl-math tl-math-display' : 'tl-math';
  if (html === undefined) {
    return h(
      tag,
      { ref: root, class: `${className} tl-math-pending`, dir: 'ltr' },
      <code>{props.tex}</code>,
    );
  }
  // KaTeX output from TeX with `trust: false` (no \href, \url or HTML extensions): safe markup.
  return h(tag, {
    ref: root,
    class: className,
    dir: 'ltr',
    dangerouslySetInnerHTML: { __html: html },
  });
}
