// Markdown rendering shared by assistant messages and the widget `Markdown` component.
// marked's lexer (GFM) builds a token tree that becomes Preact nodes; no HTML string is rendered, so
// raw HTML in the text is inert. Code highlighting and KaTeX math load on demand as separate chunks.
import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { adoptStyles } from './adopt-styles.js';
import { createIncrementalLexer, lexMarkdown } from './lexer.js';
import { Block } from './render-tokens.js';
import { markdownStyles } from './styles.js';

export { markdownStyles } from './styles.js';
export { DEEPLINK_EVENT, type DeeplinkDetail } from './deeplink.js';
export { safeImageUrl, safeLinkUrl } from './safe-url.js';

export interface MarkdownProps {
  text: string;
  /** True while the text is still streaming (the renderer may defer costly work such as math). */
  streaming?: boolean;
}

export function Markdown(props: MarkdownProps) {
  const streaming = props.streaming === true;
  const lexer = useMemo(createIncrementalLexer, []);
  // While streaming only the tail is re-lexed; the final text gets one full lex.
  const tokens = useMemo(
    () => (streaming ? lexer.lex(props.text) : lexMarkdown(props.text)),
    [props.text, streaming],
  );
  const root = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (root.current) adoptStyles(root.current, 'tl-markdown', markdownStyles);
  }, []);
  const last = tokens.length - 1;
  return (
    <div class="tl-md" dir="auto" ref={root}>
      {tokens.map((token, index) => (
        <Block key={index} token={token} complete={!streaming || index < last} />
      ))}
    </div>
  );
}
