import type { ViewState } from '../state/types.js';
import { useUi } from './context.js';
import { headerIcon, Icon } from './icons.js';

export function Header(props: { state: ViewState }) {
  const { controller, t } = useUi();
  const { header, history } = controller.options;
  if (header?.enabled === false) return null;
  const titleOption = header?.title;
  const title =
    titleOption?.enabled === false
      ? ''
      : (titleOption?.text ?? props.state.thread?.title ?? t('New chat'));
  const historyEnabled = history?.enabled !== false;
  return (
    <header class="header">
      {header?.leftAction ? (
        <button
          type="button"
          class="icon-btn"
          aria-label={header.leftAction.icon}
          onClick={() => header.leftAction!.onClick()}
        >
          <Icon name={headerIcon(header.leftAction.icon)} />
        </button>
      ) : historyEnabled ? (
        <button
          type="button"
          class="icon-btn"
          aria-label={t('History')}
          title={t('History')}
          aria-expanded={props.state.history.open}
          onClick={() => void controller.showHistory()}
        >
          <Icon name="history" />
        </button>
      ) : null}
      <h1 dir="auto">{title}</h1>
      <button
        type="button"
        class="icon-btn"
        aria-label={t('New chat')}
        title={t('New chat')}
        onClick={() => void controller.setThreadId(null)}
      >
        <Icon name="plus" />
      </button>
      {header?.rightAction ? (
        <button
          type="button"
          class="icon-btn"
          aria-label={header.rightAction.icon}
          onClick={() => header.rightAction!.onClick()}
        >
          <Icon name={headerIcon(header.rightAction.icon)} />
        </button>
      ) : null}
    </header>
  );
}
