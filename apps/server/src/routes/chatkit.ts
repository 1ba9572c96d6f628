import { Hono } from 'hono';
import type { ChatKitHandler } from '@threadline/server/http';
import type { AppEnv } from '../app-env.js';
import type { AgentRegistry } from '../assistant/agents.js';
import { bearerToken } from '../auth/identity.js';
import type { AppContext } from '../context.js';
import { errorJson } from '../http/json-error.js';
import { requestScope } from '../logging.js';

export interface ChatKitRouteOptions {
  /** The SDK's handler: body limit, abort wiring, frame grouping, error mapping, open streams. */
  chatkit: ChatKitHandler<AppContext>;
  agents: AgentRegistry;
}

/**
 * `POST /chatkit`: the ChatKit protocol endpoint. The caller (from the auth middleware) and the
 * agent (`?agent_id=`, else the default agent) become the request context; the SDK's handler
 * does the rest, tracking the stream so a shutdown can cancel it.
 */
export function chatkitRoutes(options: ChatKitRouteOptions): Hono<AppEnv> {
  const { chatkit, agents } = options;
  const app = new Hono<AppEnv>();

  app.post('/', (c) => {
    const agentId = c.req.query('agent_id');
    const agent = agentId ? agents.get(agentId) : agents.defaultAgent;
    if (!agent) return errorJson(404, 'agent_not_found', `There is no agent "${agentId}"`);
    const identity = c.get('identity');
    const context: AppContext = {
      userId: identity.userId,
      tenantId: identity.tenantId,
      requestId: c.get('requestId'),
      agentId: agent.id,
      authMethod: identity.method,
      bearerToken: bearerToken(c.req.raw),
    };
    const scope = { requestId: context.requestId };
    return chatkit.handle(c.req.raw, {
      context,
      // Body reads run after this handler returned: keep the request id on their log lines.
      scope: (step) => requestScope.run(scope, step),
    });
  });

  app.all('/', () => errorJson(405, 'method_not_allowed', 'Use POST', { allow: 'POST' }));
  return app;
}
