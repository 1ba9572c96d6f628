// Layout components: Box/Row/Col/Form (shared BoxBase props), Spacer, Divider, Transition.
import type { JSX } from 'preact';
import { useContext, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { renderChildren } from './render.js';
import { FormContext, FormScope, actionOf, fireAction, useRuntime } from './runtime.js';
import {
  alignItems,
  blockStyle,
  borderStyle,
  cssColor,
  cssValue,
  justifyContent,
  spacing,
  spacingBox,
} from './tokens.js';
import type { Props } from './types.js';

/** Inline style of BoxBase props (docs/protocol.md §8.3). */
export function boxStyle(node: Props, direction: 'row' | 'column'): JSX.CSSProperties {
  const style: Record<string, string | number> = {
    display: 'flex',
    flexDirection: direction,
    ...blockStyle(node),
    ...spacingBox(node.padding, 'padding'),
    ...borderStyle(node.border),
  };
  const align = alignItems(node.align) ?? (direction === 'row' ? 'center' : undefined);
  if (align) style.alignItems = align;
  const justify = justifyContent(node.justify);
  if (justify) style.justifyContent = justify;
  if (typeof node.wrap === 'string' && /^(nowrap|wrap|wrap-reverse)$/.test(node.wrap))
    style.flexWrap = node.wrap;
  const gap = spacing(node.gap);
  if (gap) style.gap = gap;
  const background = cssColor(node.background);
  if (background) style.background = background;
  return style;
}

function directionOf(node: Props): 'row' | 'column' {
  if (node.type === 'Row') return 'row';
  if (node.type === 'Col') return 'column';
  return node.direction === 'row' ? 'row' : 'column';
}

export function Box(props: { node: Props }) {
  const { node } = props;
  return (
    <div
      class={`tl-w-box tl-w-${String(node.type).toLowerCase()}`}
      style={boxStyle(node, directionOf(node))}
    >
      {renderChildren(node.children)}
    </div>
  );
}

/**
 * A form: its named controls' values go with any action fired inside it, and submitting (a submit
 * button or Enter) validates the fields, then fires `onSubmitAction` (docs/protocol.md §5.1).
 * A Form nested in another form scope renders as a group: HTML forms cannot nest.
 */
export function Form(props: { node: Props }) {
  const { node } = props;
  const runtime = useRuntime();
  const parent = useContext(FormContext);
  const scope = useMemo(() => new FormScope(parent), [parent]);
  const ref = useRef<HTMLFormElement & HTMLDivElement>(null);
  useLayoutEffect(() => {
    scope.element = ref.current;
  });
  const submitAction = actionOf(node.onSubmitAction);
  scope.onSubmit = submitAction
    ? () => fireAction(runtime, submitAction, scope, 'container')
    : undefined;
  const style = boxStyle(node, node.direction === 'row' ? 'row' : 'column');
  const children = (
    <FormContext.Provider value={scope}>{renderChildren(node.children)}</FormContext.Provider>
  );
  if (parent) {
    return (
      <div ref={ref} role="group" class="tl-w-form" style={style}>
        {children}
      </div>
    );
  }
  return (
    <form
      ref={ref}
      class="tl-w-form"
      style={style}
      onSubmit={(event) => {
        event.preventDefault();
        void scope.submit();
      }}
    >
      {children}
    </form>
  );
}

export function Spacer(props: { node: Props }) {
  const min = cssValue(props.node.minSize);
  return <div class="tl-w-spacer" style={min ? { minWidth: min, minHeight: min } : undefined} />;
}

export function Divider(props: { node: Props }) {
  const { node } = props;
  const style: Record<string, string> = {};
  const color = cssColor(node.color);
  if (color) style.borderTopColor = color;
  const size = cssValue(node.size);
  if (size) style.borderTopWidth = size;
  const space = spacing(node.spacing);
  if (space) style.marginBlock = space;
  return <hr class={node.flush ? 'tl-w-divider tl-w-flush' : 'tl-w-divider'} style={style} />;
}

/** Animates its single child in when the child (or its key) changes. */
export function Transition(props: { node: Props }) {
  const child = props.node.children as Props | undefined;
  const key =
    child && typeof child === 'object'
      ? `${String(child.type)}:${typeof child.key === 'string' ? child.key : ''}`
      : 'none';
  return (
    <div class="tl-w-transition" key={key}>
      {renderChildren(child)}
    </div>
  );
}
