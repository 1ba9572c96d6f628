import { ChatKit, useChatKit } from '@openai/chatkit-react';
import { useEffect, useMemo, useRef } from 'react';
import { createChatFetch } from './chat-fetch';
import type { HostConfig } from './config';
import { readPageContext } from './page-context';
import type { Session } from './session';
import type { ColorScheme } from './use-host-theme';

/** What the rest of the page may ask of a mounted chat. */
export interface ChatHandle {
  send(text: string): Promise<void>;
}

/**
 * `<ChatKit>` wired to a Threadline server: the custom fetch adds the visitor's token and the
 * page context, and the theme follows the host page.
 */
export function ChatPanel(props: {
  config: HostConfig;
  session: Session;
  scheme: ColorScheme;
  onHandle: (handle: ChatHandle) => void;
}) {
  const { config, session, scheme, onHandle } = props;
  // The fetch reads the latest session at request time (a refreshed token needs no remount).
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const chatFetch = useMemo(
    () =>
      createChatFetch({
        token: () => sessionRef.current.token,
        metadata: () => ({ userInfo: sessionRef.current.user, pageContext: readPageContext() }),
      }),
    [],
  );
  const chatkit = useChatKit({
    api: { url: `${config.threadlineUrl}/chatkit`, domainKey: 'local-dev', fetch: chatFetch },
    theme: { colorScheme: scheme, radius: 'round' },
    startScreen: {
      greeting: `Hi ${session.user.name}, ask me about this page`,
      prompts: [{ label: 'Summarize this page', prompt: 'Summarize this page in three bullets.' }],
    },
    composer: { placeholder: 'Ask about this page…' },
    onError: ({ error }) => console.error('ChatKit error', error),
  });
  const { sendUserMessage } = chatkit;
  useEffect(() => {
    onHandle({ send: (text) => sendUserMessage({ text }) });
  }, [onHandle, sendUserMessage]);
  return <ChatKit control={chatkit.control} className="chatkit" />;
}
