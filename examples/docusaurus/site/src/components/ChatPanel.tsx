import { useEffect, useRef, useState, type ReactNode } from 'react';
import { loadChatKit, type ChatKitElement } from '../chat/load-chatkit';
import { readPageContext } from '../chat/page-context';
import type { ThreadlineSettings } from '../chat/settings';
import { withPageContext } from '../chat/with-page-context';
import styles from './ChatPanel.module.css';

type LoadState = 'idle' | 'loading' | 'ready' | 'error';

/** The site's color mode: Docusaurus keeps it in `<html data-theme>` (its navbar toggle). */
const colorScheme = (): 'light' | 'dark' =>
  document.documentElement.dataset['theme'] === 'dark' ? 'dark' : 'light';

/** ChatKit options for the Threadline server (`setOptions` replaces all options at once). */
function chatOptions(settings: ThreadlineSettings): Record<string, unknown> {
  return {
    theme: { colorScheme: colorScheme() },
    api: {
      url: `${settings.url}/chatkit`,
      domainKey: settings.domainKey,
      fetch: withPageContext(() => readPageContext()),
    },
    header: { enabled: true, title: { enabled: true, text: settings.title } },
    history: { enabled: true },
    startScreen: {
      greeting: 'Ask anything about these docs.',
      prompts: [{ label: 'Explain this page', prompt: 'Explain this page in two sentences.' }],
    },
    composer: { placeholder: 'Ask about this page…', attachments: { enabled: false } },
  };
}

/**
 * The floating chat: a button in the bottom-right corner of every page opens a panel holding
 * `<openai-chatkit>`. The runtime script loads on the first open, so readers who never open the
 * chat never download it. The panel lives in the theme's Root, which never unmounts, so the
 * conversation survives navigation between docs.
 */
export default function ChatPanel({ settings }: { settings: ThreadlineSettings }): ReactNode {
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<LoadState>('idle');
  const [failure, setFailure] = useState('');
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open || state !== 'idle') return;
    setState('loading');
    loadChatKit(`${settings.url}/chatkit/chatkit.js`).then(
      () => setState('ready'),
      (error: unknown) => {
        setFailure(error instanceof Error ? error.message : String(error));
        setState('error');
      },
    );
  }, [open, state, settings.url]);

  useEffect(() => {
    const container = host.current;
    if (state !== 'ready' || !container) return;
    let chat = container.querySelector<ChatKitElement>('openai-chatkit');
    if (!chat) {
      chat = document.createElement('openai-chatkit') as ChatKitElement;
      container.append(chat);
    }
    const apply = () => chat.setOptions(chatOptions(settings));
    apply();
    // Follow the site's light/dark toggle.
    const observer = new MutationObserver(apply);
    observer.observe(document.documentElement, { attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, [state, settings]);

  return (
    <>
      <div
        id="threadline-chat-panel"
        className={styles.panel}
        role="dialog"
        aria-label={settings.title}
        hidden={!open}
      >
        {state === 'loading' && <p className={styles.status}>Loading the chat…</p>}
        {state === 'error' && (
          <p className={styles.status} role="alert">
            The chat could not be loaded: {failure}
          </p>
        )}
        <div ref={host} className={styles.chat} />
      </div>
      <button
        type="button"
        className={styles.toggle}
        aria-expanded={open}
        aria-controls="threadline-chat-panel"
        onClick={() => setOpen((value) => !value)}
      >
        {open ? 'Close chat' : settings.title}
      </button>
    </>
  );
}
