import { parseAcceptLanguage } from '@threadline/server';
import { Hono } from 'hono';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { ChatKitHandler } from '@threadline/server/http';
import { createNodeHandler } from '@threadline/server/node';
import type { AppEnv } from '../app-env.js';
import type { AgentRegistry } from '../assistant/agents.js';
import { bearerToken } from '../auth/identity.js';
import type { AppContext } from '../context.js';
import { errorJson } from '../http/json-error.js';
import { requestScope } from '../logging.js';
import { REQUEST_ID_HEADER } from '../middleware/request-id.js';

export interface ChatKitRouteOptions {
  /** The SDK's handler: body limit, abort wiring, frame grouping, error mapping, open streams. */
  chatkit: ChatKitHandler<AppContext>;
  agents: AgentRegistry;
}

/**
 * `POST /chatkit`: the ChatKit protocol endpoint. The caller (from the auth middleware) and the
 * agent (`?agent_id=`, else the default agent) become the request context; the SDK's handler
 * does the rest, tracking the stream so a shutdown can cancel it. Under Node the response is
 * written to the socket directly (the SDK's Node adapter); elsewhere (`app.request` in tests)
 * through the web-standard handler.
 */
export function chatkitRoutes(options: ChatKitRouteOptions): Hono<AppEnv> {
  const { chatkit, agents } = options;
  const onNode = createNodeHandler(chatkit);
  const app = new Hono<AppEnv>();

  app.post('/', async (c) => {
    const agentId = c.req.query('agent_id');
    const agent = agentId ? agents.get(agentId) : agents.defaultAgent;
    if (!agent) return errorJson(404, 'agent_not_found', `There is no agent "${agentId}"`);
    const identity = c.get('identity');
    const requestId = c.get('requestId');
    const context: AppContext = {
      userId: identity.userId,
      tenantId: identity.tenantId,
      requestId,
      agentId: agent.id,
      authMethod: identity.method,
      bearerToken: bearerToken(c.req.raw),
      // The ChatKit client sends its active locale here (docs/protocol.md §1.1).
      locale: parseAcceptLanguage(c.req.header('accept-language'))[0],
    };
    // `c.env` is the Node bindings under @hono/node-server, undefined under `app.request`.
    const bindings = c.env as AppEnv['Bindings'] | undefined;
    const incoming = bindings?.incoming;
    const outgoing = bindings?.outgoing;
    if (incoming && outgoing) {
      // Headers the middleware set so far (CORS…) plus the request id, which its middleware
      // would add after this returns, too late for a response already written.
      const headers: Record<string, string> = { [REQUEST_ID_HEADER]: requestId };
      c.res.headers.forEach((value, name) => (headers[name] = value));
      const status = await onNode(incoming, outgoing, { context, headers });
      return new Response(null, { status, headers: RESPONSE_ALREADY_SENT.headers });
    }
    const scope = { requestId };
    return chatkit.handle(c.req.raw, {
      context,
      // The body is produced after this handler returned: keep the request id on its log lines.
      scope: (step) => requestScope.run(scope, step),
    });
  });

  app.all('/', () => errorJson(405, 'method_not_allowed', 'Use POST', { allow: 'POST' }));
  return app;
}
