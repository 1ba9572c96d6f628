// Markdown rendering contract shared by assistant messages and the widget `Markdown` component.
// Placeholder until the sanitized renderer lands: plain text, whitespace kept.

export interface MarkdownProps {
  text: string;
  /** True while the text is still streaming (the renderer may defer costly work such as math). */
  streaming?: boolean;
}

export function Markdown(props: MarkdownProps) {
  return <div style={{ whiteSpace: 'pre-wrap' }}>{props.text}</div>;
}
