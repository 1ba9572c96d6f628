import { escapeHtml } from './safe-json.js';

/**
 * The standalone chat page (`GET /`): a full-height container that `/embed.js` fills. The only
 * dynamic values are the title (HTML-escaped) and the agent id (URL-encoded into an attribute).
 */
export function chatPage(options: { title: string; agentId: string }): string {
  const title = escapeHtml(options.title);
  const embedSrc = escapeHtml(`/embed.js?agent=${encodeURIComponent(options.agentId)}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
<style>
  html, body { margin: 0; height: 100%; background: #fff; color: #111; }
  @media (prefers-color-scheme: dark) { html, body { background: #111; color: #eee; } }
  #chat { height: 100vh; height: 100dvh; max-width: 960px; margin: 0 auto; }
  noscript { display: block; padding: 24px; font: 15px/1.5 system-ui, sans-serif; }
</style>
</head>
<body>
<main id="chat" aria-label="${title}"></main>
<noscript>This chat needs JavaScript.</noscript>
<script src="${embedSrc}" data-target="#chat" defer></script>
</body>
</html>
`;
}
