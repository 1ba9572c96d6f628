// A React page written as for OpenAI's script: `useChatKit` + `<ChatKit>` from
// @openai/chatkit-react, with the built-in runtime loaded by a plain <script>. Exposes the hook's
// methods and the events it saw on `window` for the browser test.
/* global window, document */
import { ChatKit, useChatKit } from '@openai/chatkit-react';
import { createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';

const events = [];
window.__reactEvents = events;

function App() {
  const [threadId, setThreadId] = useState(null);
  const chatkit = useChatKit({
    api: { url: '/chatkit?agent_id=assistant', domainKey: 'domain_pk_local' },
    theme: {
      colorScheme: 'dark',
      radius: 'soft',
      color: { accent: { primary: '#ff5500', level: 1 } },
    },
    startScreen: {
      greeting: 'Hello from React',
      prompts: [{ label: 'Say hello', prompt: 'Hello from a React prompt' }],
    },
    history: { enabled: true, showRename: true, showDelete: true },
    composer: { placeholder: 'Ask the React page' },
    onReady: () => events.push('ready'),
    onResponseStart: () => events.push('response.start'),
    onResponseEnd: () => events.push('response.end'),
    onThreadChange: (event) => {
      events.push('thread.change');
      setThreadId(event.threadId);
    },
    onHistoryOpen: () => events.push('history.open'),
    onHistoryClose: () => events.push('history.close'),
    onError: (event) => events.push(`error: ${event.error?.message}`),
  });
  window.__chatkit = chatkit;
  return h(
    'main',
    null,
    h('h1', null, 'React host page'),
    h('p', { id: 'thread' }, threadId ?? 'no thread'),
    h(ChatKit, { control: chatkit.control, style: { display: 'block', height: '640px' } }),
  );
}

createRoot(document.getElementById('root')).render(h(App));
