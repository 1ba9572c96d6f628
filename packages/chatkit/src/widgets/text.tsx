// Text components: Text, Title, Caption, Markdown, Badge, Label (docs/protocol.md §8.3).
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Markdown } from '../markdown/index.js';
import { fieldId } from './field-id.js';
import { useFormScope, useRuntime } from './runtime.js';
import {
  CAPTION_SIZE,
  TEXT_SIZE,
  TITLE_SIZE,
  WEIGHT,
  cssColor,
  cssValue,
  statusColor,
} from './tokens.js';
import type { Props } from './types.js';

function textStyle(node: Props, sizes: Readonly<Record<string, string>>, fallbackSize: string) {
  const style: Record<string, string | number> = {};
  const size = typeof node.size === 'string' ? sizes[node.size] : undefined;
  style.fontSize = size ?? fallbackSize;
  const weight = typeof node.weight === 'string' ? WEIGHT[node.weight] : undefined;
  if (weight) style.fontWeight = weight;
  const color = cssColor(node.color);
  if (color) style.color = color;
  if (typeof node.textAlign === 'string' && /^(start|center|end)$/.test(node.textAlign))
    style.textAlign = node.textAlign;
  if (node.italic === true) style.fontStyle = 'italic';
  if (node.lineThrough === true) style.textDecoration = 'line-through';
  const width = cssValue(node.width);
  if (width) style.width = width;
  if (node.truncate === true) {
    style.whiteSpace = 'nowrap';
    style.overflow = 'hidden';
    style.textOverflow = 'ellipsis';
  } else if (typeof node.maxLines === 'number' && node.maxLines > 0) {
    style.display = '-webkit-box';
    style.WebkitBoxOrient = 'vertical';
    style.WebkitLineClamp = node.maxLines;
    style.overflow = 'hidden';
  }
  if (typeof node.minLines === 'number' && node.minLines > 0)
    style.minHeight = `${node.minLines * 1.4}em`;
  return style as JSX.CSSProperties;
}

function value(node: Props): string {
  return typeof node.value === 'string' ? node.value : '';
}

/** An editable Text is a text field of the enclosing form. */
function EditableText(props: { node: Props; editable: Props }) {
  const { node, editable } = props;
  const runtime = useRuntime();
  const scope = useFormScope();
  const [text, setText] = useState(value(node));
  const name = typeof editable.name === 'string' ? editable.name : '';
  useEffect(
    () => (scope && name ? scope.register(name, () => text) : undefined),
    [scope, name, text],
  );
  return (
    <input
      id={fieldId(runtime.uid, name)}
      class="tl-w-text tl-w-editable"
      name={name}
      title={typeof editable.placeholder === 'string' ? editable.placeholder : name}
      value={text}
      dir="auto"
      placeholder={typeof editable.placeholder === 'string' ? editable.placeholder : undefined}
      pattern={typeof editable.pattern === 'string' ? editable.pattern : undefined}
      required={editable.required === true}
      autoComplete={typeof editable.autoComplete === 'string' ? editable.autoComplete : 'off'}
      autoFocus={editable.autoFocus === true}
      onFocus={editable.autoSelect === true ? (event) => event.currentTarget.select() : undefined}
      style={textStyle(node, TEXT_SIZE, TEXT_SIZE.md!)}
      onInput={(event) => setText(event.currentTarget.value)}
    />
  );
}

export function TextView(props: { node: Props }) {
  const { node } = props;
  if (typeof node.editable === 'object' && node.editable !== null)
    return <EditableText node={node} editable={node.editable as Props} />;
  return (
    <div class="tl-w-text" dir="auto" style={textStyle(node, TEXT_SIZE, TEXT_SIZE.md!)}>
      {value(node)}
      {node.streaming === true ? <span class="tl-w-caret" aria-hidden="true" /> : null}
    </div>
  );
}

export function Title(props: { node: Props }) {
  const style = textStyle(props.node, TITLE_SIZE, TITLE_SIZE.md!);
  return (
    <div class="tl-w-title" role="heading" aria-level={3} dir="auto" style={style}>
      {value(props.node)}
    </div>
  );
}

export function Caption(props: { node: Props }) {
  return (
    <div
      class="tl-w-caption"
      dir="auto"
      style={textStyle(props.node, CAPTION_SIZE, CAPTION_SIZE.md!)}
    >
      {value(props.node)}
    </div>
  );
}

export function MarkdownBlock(props: { node: Props }) {
  return (
    <div class="tl-w-markdown">
      <Markdown text={value(props.node)} streaming={props.node.streaming === true} />
    </div>
  );
}

export function Badge(props: { node: Props }) {
  const { node } = props;
  const color =
    statusColor(typeof node.color === 'string' ? node.color : undefined) ??
    'var(--tl-text-muted,#5d5d66)';
  const variant = typeof node.variant === 'string' ? node.variant : 'soft';
  const size = typeof node.size === 'string' ? node.size : 'sm';
  return (
    <span
      class={`tl-w-badge tl-w-badge-${variant} tl-w-badge-${size}${node.pill === true ? ' tl-w-pill' : ''}`}
      style={{ '--tl-w-tone': color }}
      dir="auto"
    >
      {typeof node.label === 'string' ? node.label : ''}
    </span>
  );
}

export function Label(props: { node: Props }) {
  const { node } = props;
  const runtime = useRuntime();
  const field = typeof node.fieldName === 'string' ? node.fieldName : '';
  return (
    <label
      class="tl-w-label"
      for={fieldId(runtime.uid, field)}
      dir="auto"
      style={textStyle(node, TEXT_SIZE, TEXT_SIZE.sm!)}
    >
      {value(node)}
    </label>
  );
}
