import { useEffect, useRef, useState } from 'preact/hooks';
import type { ThreadSummary, ViewState } from '../state/types.js';
import { useUi } from './context.js';
import { Icon } from './icons.js';

export function HistoryPanel(props: { state: ViewState }) {
  const { controller, t } = useUi();
  const h = props.state.history;
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    panel.current?.querySelector<HTMLElement>('.history-close')?.focus();
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') void controller.hideHistory();
  };
  return (
    <div
      class="history"
      role="dialog"
      aria-modal="true"
      aria-label={t('History')}
      ref={panel}
      onKeyDown={onKeyDown}
    >
      <div class="history-head">
        <h2>{t('History')}</h2>
        <button
          type="button"
          class="btn"
          onClick={() => {
            void controller.setThreadId(null);
            void controller.hideHistory();
          }}
        >
          {t('New chat')}
        </button>
        <button
          type="button"
          class="icon-btn history-close"
          aria-label={t('Close history')}
          onClick={() => void controller.hideHistory()}
        >
          <Icon name="close" />
        </button>
      </div>
      <ul aria-label={t('Conversations')} aria-busy={h.loading}>
        {h.threads.map((thread) => (
          <HistoryRow
            key={thread.id}
            thread={thread}
            current={thread.id === props.state.threadId}
          />
        ))}
        {h.threads.length === 0 && !h.loading ? (
          <li class="empty">{h.error ? t(h.error) : t('No conversations yet')}</li>
        ) : null}
        {h.loading ? (
          <li class="empty" role="status">
            {t('Loading…')}
          </li>
        ) : null}
        {h.hasMore && !h.loading ? (
          <li>
            <button type="button" class="btn" onClick={() => void controller.loadHistory(false)}>
              {t('Load more')}
            </button>
          </li>
        ) : null}
      </ul>
    </div>
  );
}

function HistoryRow(props: { thread: ThreadSummary; current: boolean }) {
  const { controller, t } = useUi();
  const { thread } = props;
  const opts = controller.options.history;
  const [mode, setMode] = useState<'view' | 'rename' | 'confirm'>('view');
  const title = thread.title || t('New chat');
  const input = useRef<HTMLInputElement>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  const previous = useRef(mode);
  // Keyboard focus stays in the row: into the input when renaming, back to the row afterwards.
  useEffect(() => {
    if (mode === 'rename') input.current?.select();
    else if (previous.current !== 'view') openButton.current?.focus();
    previous.current = mode;
  }, [mode]);

  if (mode === 'rename') {
    const commit = () => {
      const value = input.current?.value.trim() ?? '';
      setMode('view');
      if (value && value !== thread.title) void controller.renameThread(thread.id, value);
    };
    return (
      <li>
        <input
          ref={input}
          value={thread.title ?? ''}
          aria-label={t('Rename conversation')}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') {
              e.stopPropagation();
              setMode('view');
            }
          }}
          onBlur={commit}
        />
      </li>
    );
  }
  return (
    <li aria-current={props.current} data-thread-id={thread.id}>
      <button
        type="button"
        class="open"
        ref={openButton}
        onClick={() => {
          void controller.setThreadId(thread.id);
          void controller.hideHistory();
        }}
      >
        {title}
      </button>
      {mode === 'confirm' ? (
        <>
          <button
            type="button"
            class="btn"
            onClick={() => {
              setMode('view');
              void controller.deleteThread(thread.id);
            }}
          >
            {t('Delete')}
          </button>
          <button type="button" class="btn" onClick={() => setMode('view')}>
            {t('Cancel')}
          </button>
        </>
      ) : (
        <>
          {opts?.showRename !== false ? (
            <button
              type="button"
              class="icon-btn"
              aria-label={`${t('Rename')}: ${title}`}
              onClick={() => setMode('rename')}
            >
              <Icon name="edit" size={16} />
            </button>
          ) : null}
          {opts?.showDelete !== false ? (
            <button
              type="button"
              class="icon-btn"
              aria-label={`${t('Delete')}: ${title}`}
              onClick={() => setMode('confirm')}
            >
              <Icon name="trash" size={16} />
            </button>
          ) : null}
        </>
      )}
    </li>
  );
}
