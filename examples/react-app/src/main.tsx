import { createRoot } from 'react-dom/client';
import { App } from './App';
import { readHostConfig } from './config';

const root = document.getElementById('chat-root');
if (!root) throw new Error('index.html has no #chat-root');
createRoot(root).render(
  <App config={readHostConfig()} article={document.getElementById('article')} />,
);
