import { useEffect, useState } from 'react';

/** Longest quote sent; a whole-page selection would crowd out the question. */
const MAX_QUOTE_CHARS = 1000;

interface Anchor {
  text: string;
  top: number;
  left: number;
}

/** The selection inside `container`, with where to float the button (just above its end). */
function readSelection(container: HTMLElement): Anchor | null {
  const selection = getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.commonAncestorContainer)) return null;
  const text = selection.toString().replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  const rects = range.getClientRects();
  const last = rects[rects.length - 1] ?? range.getBoundingClientRect();
  return { text: text.slice(0, MAX_QUOTE_CHARS), top: last.top - 40, left: last.right };
}

/**
 * "Ask about this selection": selecting text inside `container` floats a button near the
 * selection; clicking it hands the quote to `onAsk`.
 */
export function SelectionAsk(props: {
  container: HTMLElement | null;
  onAsk: (quote: string) => void;
}) {
  const { container, onAsk } = props;
  const [anchor, setAnchor] = useState<Anchor | null>(null);

  useEffect(() => {
    if (!container) return;
    // `selectionchange` also fires while dragging; reading after the pointer or key is released
    // places the button once. Collapsing the selection (a click elsewhere) hides it.
    const update = () => setAnchor(readSelection(container));
    const onSelectionChange = () => {
      if (getSelection()?.isCollapsed) setAnchor(null);
    };
    document.addEventListener('mouseup', update);
    document.addEventListener('keyup', update);
    document.addEventListener('selectionchange', onSelectionChange);
    window.addEventListener('scroll', update, { passive: true });
    return () => {
      document.removeEventListener('mouseup', update);
      document.removeEventListener('keyup', update);
      document.removeEventListener('selectionchange', onSelectionChange);
      window.removeEventListener('scroll', update);
    };
  }, [container]);

  if (!anchor) return null;
  return (
    <button
      type="button"
      className="ask-selection"
      style={{ top: Math.max(8, anchor.top), left: Math.min(anchor.left, innerWidth - 220) }}
      // Keep the selection: a mousedown on a button would otherwise collapse it first.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => {
        onAsk(anchor.text);
        getSelection()?.removeAllRanges();
        setAnchor(null);
      }}
    >
      Ask about this selection
    </button>
  );
}

/** The message sent for a selection: the quote as a Markdown block quote, then the question. */
export function selectionQuestion(quote: string): string {
  return `About this passage of the page:\n\n> ${quote}\n\nCan you explain it?`;
}
