import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import type { AgentRegistry } from '../assistant/agents.js';
import type { AppConfig } from '../config.js';
import { chatPage } from '../pages/chat-page.js';
import { clientConfig } from '../pages/client-config.js';
import { contentSecurityPolicy } from '../pages/content-security-policy.js';
import { embedScript } from '../pages/embed-script.js';
import { FAVICON_SVG } from '../pages/favicon.js';

const PAGE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/** `GET /` (standalone chat page) and `GET /embed.js` (snippet for other sites); `?agent=` picks the agent. */
export function pageRoutes(config: AppConfig, agents: AgentRegistry): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const agentFrom = (id: string | undefined) => (id ? agents.get(id) : agents.defaultAgent);

  app.get('/', (c) => {
    const agent = agentFrom(c.req.query('agent') ?? c.req.query('agent_id'));
    if (!agent) return c.text('There is no such agent.', 404, PAGE_HEADERS);
    const settings = clientConfig(config, agents, agent);
    return c.html(chatPage({ title: settings.title, agentId: agent.id }), 200, {
      ...PAGE_HEADERS,
      'cache-control': 'no-cache',
      'x-frame-options': 'SAMEORIGIN',
      'content-security-policy': contentSecurityPolicy(settings),
    });
  });

  // Browsers ask for /favicon.ico on their own: answer with the icon, not a 404 in every log.
  for (const path of ['/favicon.ico', '/favicon.svg']) {
    app.get(path, (c) =>
      c.body(FAVICON_SVG, 200, {
        ...PAGE_HEADERS,
        'content-type': 'image/svg+xml',
        'cache-control': 'public, max-age=86400',
      }),
    );
  }

  app.get('/embed.js', (c) => {
    const agent = agentFrom(c.req.query('agent') ?? c.req.query('agent_id'));
    if (!agent) {
      return c.body('console.error("Threadline: there is no such agent");', 404, {
        ...PAGE_HEADERS,
        'content-type': 'text/javascript; charset=utf-8',
      });
    }
    return c.body(embedScript(clientConfig(config, agents, agent)), 200, {
      ...PAGE_HEADERS,
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'access-control-allow-origin': '*',
    });
  });
  return app;
}
