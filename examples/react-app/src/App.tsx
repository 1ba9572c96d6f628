import { useCallback, useEffect, useRef, useState } from 'react';
import { ChatPanel, type ChatHandle } from './ChatPanel';
import type { HostConfig } from './config';
import { loadChatKitRuntime } from './load-runtime';
import { SelectionAsk, selectionQuestion } from './SelectionAsk';
import { fetchSession, type Session } from './session';
import { useHostTheme } from './use-host-theme';

type Layout = 'launcher' | 'sidebar';
type ChatState =
  | { status: 'loading' }
  | { status: 'ready'; session: Session }
  | { status: 'error'; message: string };

/** Loads the visitor's session and the runtime together; either failing is a readable error. */
function useChatState(config: HostConfig): ChatState {
  const [state, setState] = useState<ChatState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    Promise.all([
      fetchSession(config.sessionUrl),
      loadChatKitRuntime(config.scriptUrl, config.scriptTimeoutMs),
    ]).then(
      ([session]) => live && setState({ status: 'ready', session }),
      (error: unknown) =>
        live && setState({ status: 'error', message: (error as Error).message ?? String(error) }),
    );
    return () => {
      live = false;
    };
  }, [config]);
  return state;
}

export function App(props: { config: HostConfig; article: HTMLElement | null }) {
  const { config, article } = props;
  const state = useChatState(config);
  const [scheme, setScheme] = useHostTheme();
  const [layout, setLayout] = useState<Layout>('launcher');
  const [open, setOpen] = useState(false);
  const chat = useRef<ChatHandle | null>(null);
  const onHandle = useCallback((handle: ChatHandle) => (chat.current = handle), []);

  // The host page's own styles make room for the sidebar; see index.html.
  useEffect(() => {
    document.body.dataset.chatLayout = layout;
    document.body.toggleAttribute('data-chat-open', open);
  }, [layout, open]);

  const ask = (quote: string) => {
    setOpen(true);
    // The chat stays mounted while its panel is closed, so it can take the message at once.
    void chat.current?.send(selectionQuestion(quote));
  };

  return (
    <>
      <div className="host-controls">
        <button
          type="button"
          id="theme-toggle"
          aria-pressed={scheme === 'dark'}
          onClick={() => setScheme(scheme === 'dark' ? 'light' : 'dark')}
        >
          {scheme === 'dark' ? 'Light mode' : 'Dark mode'}
        </button>
        <label>
          Chat layout{' '}
          <select
            id="layout-select"
            value={layout}
            onChange={(event) => setLayout(event.target.value as Layout)}
          >
            <option value="launcher">Floating launcher</option>
            <option value="sidebar">Sidebar</option>
          </select>
        </label>
      </div>

      <section
        id="chat-panel"
        className={`chat-panel chat-panel--${layout}`}
        aria-label="Chat"
        hidden={!open}
      >
        {state.status === 'ready' && (
          <ChatPanel config={config} session={state.session} scheme={scheme} onHandle={onHandle} />
        )}
        {state.status === 'loading' && <p className="chat-status">Loading the chat…</p>}
        {state.status === 'error' && (
          <div role="alert" className="chat-status chat-status--error">
            <strong>The chat is unavailable.</strong>
            <p>{state.message}</p>
            <button type="button" onClick={() => location.reload()}>
              Try again
            </button>
          </div>
        )}
      </section>

      <button
        type="button"
        className={`launcher launcher--${layout}`}
        aria-controls="chat-panel"
        aria-expanded={open}
        aria-label={open ? 'Close chat' : 'Open chat'}
        onClick={() => setOpen(!open)}
      >
        {open ? '×' : 'Chat'}
      </button>

      <SelectionAsk container={article} onAsk={ask} />
    </>
  );
}
