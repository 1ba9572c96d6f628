import { useLayoutEffect, useRef } from 'preact/hooks';
import { Markdown } from '../markdown/index.js';
import type { Item, ViewState } from '../state/types.js';
import { useUi } from './context.js';
import { Icon } from './icons.js';
import { ItemView } from './items.js';

/** Ids of each turn's assistant-side items, keyed by the turn's last assistant message. */
function turns(items: Item[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let ids: string[] = [];
  let last: string | null = null;
  const close = () => {
    if (last) out.set(last, ids);
    ids = [];
    last = null;
  };
  for (const item of items) {
    if (item.type === 'user_message') close();
    else {
      ids.push(item.id);
      if (item.type === 'assistant_message') last = item.id;
    }
  }
  close();
  return out;
}

export function ThreadView(props: { state: ViewState }) {
  const { controller, t } = useUi();
  const { state } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const autoScroll = controller.options.thread?.autoScroll !== false;

  // Follow the stream while the reader is at the bottom; stop following once they scroll up.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && autoScroll && pinned.current) el.scrollTop = el.scrollHeight;
  });
  const onScroll = () => {
    const el = scroller.current;
    if (el) pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
  };

  const byTurn = turns(state.items);
  const lastId = state.items[state.items.length - 1]?.id;
  return (
    <div
      class="thread"
      ref={scroller}
      onScroll={onScroll}
      role="log"
      aria-live="off"
      aria-busy={state.streaming}
      aria-label={t('Messages')}
      tabIndex={0}
    >
      {state.loading ? (
        <div class="loading" role="status">
          {t('Loading…')}
        </div>
      ) : null}
      {state.items.map((item) => (
        <ItemView
          key={item.id}
          item={item}
          streaming={state.streaming && item.id === lastId}
          turnItemIds={byTurn.get(item.id) ?? null}
          feedback={state.feedback[item.id]}
        />
      ))}
      {state.progress ? (
        <div class="progress" role="status">
          {state.progress.text}
        </div>
      ) : null}
      {state.notices.map((n) => (
        <div
          class="notice"
          data-level={n.level}
          role={n.level === 'danger' ? 'alert' : 'status'}
          key={n.id}
        >
          <div>
            {n.title ? <strong>{n.title}</strong> : null}
            <Markdown text={n.message} />
          </div>
          <button
            type="button"
            class="icon-btn"
            aria-label={t('Dismiss')}
            onClick={() => controller.dismissNotice(n.id)}
          >
            <Icon name="close" size={16} />
          </button>
        </div>
      ))}
      {state.error ? (
        <div class="error" role="alert">
          <span>{t(state.error.message)}</span>
          {state.error.retryAfter ? (
            <button
              type="button"
              class="btn"
              onClick={() => void controller.retryAfter(state.error!.retryAfter!)}
            >
              {t('Retry')}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
