// A fenced code block: plain text first, highlighted once the block is complete by a lazily loaded
// highlighter (its own chunk), so streaming code is never re-highlighted per delta.
import { useEffect, useRef, useState } from 'preact/hooks';
import type * as HighlightChunk from './highlight-chunk.js';
import type { HighlightNode } from './highlight-chunk.js';

type Highlighter = typeof HighlightChunk;

let highlighter: Promise<Highlighter> | undefined;
const cache = new Map<string, HighlightNode[]>();
const CACHE_LIMIT = 200;

function loadHighlighter(): Promise<Highlighter> {
  highlighter ??= import('./highlight-chunk.js');
  return highlighter;
}

function renderNodes(nodes: HighlightNode[]): (string | preact.JSX.Element)[] {
  return nodes.map((node, index) =>
    typeof node === 'string' ? (
      node
    ) : (
      <span key={index} class={node.className}>
        {renderNodes(node.children)}
      </span>
    ),
  );
}

export interface CodeBlockProps {
  code: string;
  lang: string;
  /** False while the fence is still open in a streamed answer. */
  complete: boolean;
}

export function CodeBlock(props: CodeBlockProps) {
  const key = `${props.lang}\u0000${props.code}`;
  const [highlighted, setHighlighted] = useState<HighlightNode[] | undefined>(cache.get(key));
  const [copied, setCopied] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const language = props.lang.split(/\s/, 1)[0] ?? '';

  useEffect(() => {
    if (!props.complete) return;
    const hit = cache.get(key);
    if (hit) {
      setHighlighted(hit);
      return;
    }
    let live = true;
    void loadHighlighter().then((module) => {
      if (root.current) module.installHighlightStyles(root.current);
      const nodes = module.highlight(props.code, language);
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
      cache.set(key, nodes);
      if (live) setHighlighted(nodes);
    });
    return () => {
      live = false;
    };
  }, [key, props.complete]);

  const copy = () => {
    void navigator.clipboard?.writeText(props.code).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  };

  return (
    <div class="tl-md-code" ref={root}>
      <div class="tl-md-code-bar">
        <span>{language}</span>
        <button type="button" class="tl-md-copy" onClick={copy} aria-label="Copy code">
          {copied ? '✓' : 'Copy'}
        </button>
      </div>
      <pre dir="ltr">
        <code class={language ? `language-${language}` : undefined}>
          {highlighted && props.complete ? renderNodes(highlighted) : props.code}
        </code>
      </pre>
    </div>
  );
}
