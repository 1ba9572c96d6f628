// Widget roots (docs/protocol.md §8.2): Card, ListView (with ListViewItem) and Basic.
import { useContext, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { WidgetIcon } from './media.js';
import { boxStyle } from './layout.js';
import { renderChildren, renderNode } from './render.js';
import {
  FormContext,
  FormScope,
  actionOf,
  fireAction,
  useFormScope,
  useRuntime,
} from './runtime.js';
import { safeImageUrl } from '../markdown/safe-url.js';
import { cssColor, spacing, spacingBox, borderStyle } from './tokens.js';
import type { Props } from './types.js';
import { Spinner } from './spinner.js';

function Status(props: { status: unknown }) {
  if (typeof props.status !== 'object' || props.status === null) return null;
  const status = props.status as Props;
  if (typeof status.text !== 'string') return null;
  const favicon = safeImageUrl(typeof status.favicon === 'string' ? status.favicon : undefined);
  return (
    <div class="tl-w-status" dir="auto">
      {typeof status.icon === 'string' ? (
        <WidgetIcon node={{ type: 'Icon', name: status.icon, size: 'sm' }} />
      ) : favicon ? (
        <img
          class={status.frame ? 'tl-w-favicon tl-w-framed' : 'tl-w-favicon'}
          src={favicon}
          alt=""
          width={16}
          height={16}
          referrerpolicy="no-referrer"
        />
      ) : null}
      <span>{status.text}</span>
    </div>
  );
}

function themeClass(theme: unknown): string {
  return theme === 'dark' ? ' tl-w-theme-dark' : theme === 'light' ? ' tl-w-theme-light' : '';
}

function CardButton(props: { label: string; action: Props; primary: boolean; scope: FormScope }) {
  const runtime = useRuntime();
  const action = actionOf(props.action);
  const [busy, setBusy] = useState(false);
  const disabled = !action || busy || runtime.containerBusy;
  const fire = () => {
    if (!action) return;
    if (props.primary && !props.scope.validate()) return;
    void fireAction(runtime, action, props.scope, 'container', setBusy);
  };
  return (
    <button
      type="button"
      class={`tl-w-button tl-w-solid ${props.primary ? 'tl-w-c-primary' : 'tl-w-c-secondary'}`}
      disabled={disabled}
      aria-busy={busy || undefined}
      onClick={fire}
    >
      {busy ? <Spinner /> : null}
      <span>{props.label}</span>
    </button>
  );
}

/**
 * A card. With `asForm` its body is a form: the named controls go with the confirm/cancel actions
 * and confirm validates first. `collapsed` folds the body behind a "Show" toggle.
 */
export function Card(props: { node: Props }) {
  const { node } = props;
  const parent = useContext(FormContext);
  const scope = useMemo(() => new FormScope(parent), [parent]);
  const runtime = useRuntime();
  const ref = useRef<HTMLFormElement & HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  useLayoutEffect(() => {
    scope.element = ref.current;
  });
  const confirm = node.confirm as Props | undefined;
  const cancel = node.cancel as Props | undefined;
  const confirmAction = actionOf(confirm?.action);
  scope.onSubmit = confirmAction
    ? () => fireAction(runtime, confirmAction, scope, 'container')
    : undefined;

  const size = typeof node.size === 'string' ? node.size : 'md';
  const style: Record<string, string> = {
    ...(node.padding === undefined ? {} : spacingBox(node.padding, 'padding')),
    ...borderStyle(node.border),
  };
  const background = cssColor(node.background);
  if (background) style.background = background;
  const collapsed = node.collapsed === true && !open;
  const asForm = node.asForm === true && !parent;
  const body = (
    <div class="tl-w-card-body" hidden={collapsed}>
      {renderChildren(node.children)}
    </div>
  );
  const footer =
    (confirm || cancel) && !collapsed ? (
      <div class="tl-w-card-footer">
        {cancel && typeof cancel.label === 'string' ? (
          <CardButton
            label={cancel.label}
            action={cancel.action as Props}
            primary={false}
            scope={scope}
          />
        ) : null}
        {confirm && typeof confirm.label === 'string' ? (
          <CardButton
            label={confirm.label}
            action={confirm.action as Props}
            primary
            scope={scope}
          />
        ) : null}
      </div>
    ) : null;
  const content = (
    <FormContext.Provider value={node.asForm === true ? scope : parent}>
      {body}
      {node.collapsed === true ? (
        <button
          type="button"
          class="tl-w-card-toggle"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? '−' : '+'}
        </button>
      ) : null}
      {footer}
    </FormContext.Provider>
  );
  const className = `tl-w-card tl-w-card-${size}${themeClass(node.theme)}`;
  return (
    <div class="tl-w-root" data-key={typeof node.key === 'string' ? node.key : undefined}>
      <Status status={node.status} />
      {asForm ? (
        <form
          ref={ref}
          class={className}
          style={style}
          onSubmit={(event) => {
            event.preventDefault();
            void scope.submit();
          }}
        >
          {content}
        </form>
      ) : (
        <div ref={ref} class={className} style={style}>
          {content}
        </div>
      )}
    </div>
  );
}

/** A list of rows; `limit` shows the first rows and a "Show more" button. */
export function ListView(props: { node: Props }) {
  const { node } = props;
  const [expanded, setExpanded] = useState(false);
  const children = Array.isArray(node.children) ? (node.children as unknown[]) : [];
  const limit = typeof node.limit === 'number' ? node.limit : node.limit === 'auto' ? 5 : Infinity;
  const visible = expanded ? children : children.slice(0, limit);
  return (
    <div class="tl-w-root" data-key={typeof node.key === 'string' ? node.key : undefined}>
      <Status status={node.status} />
      <div class={`tl-w-listview${themeClass(node.theme)}`} role="list">
        {visible.map((child, index) => renderNode(child, index))}
        {visible.length < children.length ? (
          <button type="button" class="tl-w-show-more" onClick={() => setExpanded(true)}>
            Show more ({children.length - visible.length})
          </button>
        ) : null}
      </div>
    </div>
  );
}

export function ListViewItem(props: { node: Props }) {
  const { node } = props;
  const runtime = useRuntime();
  const scope = useFormScope();
  const [busy, setBusy] = useState(false);
  const action = actionOf(node.onClickAction);
  const style: Record<string, string> = {};
  const gap = spacing(node.gap);
  if (gap) style.gap = gap;
  if (typeof node.align === 'string')
    style.alignItems = boxStyle({ align: node.align }, 'row').alignItems as string;
  const fire = () => {
    if (action && !busy) void fireAction(runtime, action, scope, 'self', setBusy);
  };
  return (
    <div
      role="listitem"
      class={action ? 'tl-w-listitem tl-w-clickable' : 'tl-w-listitem'}
      style={style}
      tabIndex={action ? 0 : undefined}
      aria-busy={busy || undefined}
      onClick={action ? fire : undefined}
      onKeyDown={
        action
          ? (event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                fire();
              }
            }
          : undefined
      }
    >
      {renderChildren(node.children)}
      {busy ? <Spinner /> : null}
    </div>
  );
}

/** A layout root used for entity previews; it may nest other roots. */
export function Basic(props: { node: Props }) {
  const { node } = props;
  return (
    <div
      class={`tl-w-basic${themeClass(node.theme)}`}
      style={boxStyle(node, node.direction === 'row' ? 'row' : 'column')}
    >
      {renderChildren(node.children)}
    </div>
  );
}
