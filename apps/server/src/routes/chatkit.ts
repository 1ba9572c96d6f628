import { Hono } from 'hono';
import { isStreamingResult } from '@threadline/server';
import { errorResponse, readBody, SSE_HEADERS } from '@threadline/server/http';
import type { AppEnv } from '../app-env.js';
import type { AgentRegistry } from '../assistant/agents.js';
import type { AssistantServer } from '../assistant/assistant-server.js';
import { bearerToken } from '../auth/identity.js';
import type { AppContext } from '../context.js';
import { errorJson } from '../http/json-error.js';
import { requestScope } from '../logging.js';
import type { OpenStreams } from '../open-streams.js';

export interface ChatKitRouteOptions {
  server: AssistantServer;
  agents: AgentRegistry;
  streams: OpenStreams;
  maxBodyBytes: number;
}

/**
 * `POST /chatkit`: the ChatKit protocol endpoint. The caller (from the auth middleware) and the
 * agent (`?agent_id=`, else the default agent) become the request context. Streams are tracked so a
 * shutdown can cancel them; a client disconnect cancels its stream too.
 */
export function chatkitRoutes(options: ChatKitRouteOptions): Hono<AppEnv> {
  const { server, agents, streams, maxBodyBytes } = options;
  const app = new Hono<AppEnv>();

  app.post('/', async (c) => {
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
    const request = c.req.raw;
    const stream = streams.open();
    const onClientGone = () => stream.controller.abort(request.signal.reason);
    request.signal.addEventListener('abort', onClientGone, { once: true });
    const finish = () => {
      request.signal.removeEventListener('abort', onClientGone);
      stream.release();
    };
    try {
      const body = await readBody(request, maxBodyBytes);
      const result = await server.process(body, context, { signal: stream.controller.signal });
      if (!isStreamingResult(result)) {
        finish();
        return new Response(result.json, { headers: { 'content-type': 'application/json' } });
      }
      const frames = result[Symbol.asyncIterator]();
      const scope = { requestId: context.requestId };
      // Once the body is cancelled (client gone) a pending read still resolves: it must not
      // touch the closed controller.
      let cancelled = false;
      const bodyStream = new ReadableStream<Uint8Array>({
        pull: (controller) =>
          requestScope.run(scope, async () => {
            try {
              const next = await frames.next();
              if (cancelled) return;
              if (next.done) {
                finish();
                controller.close();
              } else {
                controller.enqueue(next.value);
              }
            } catch (error) {
              if (cancelled) return;
              // The SDK turns failures into an `error` event; this is a bug guard, never expected.
              c.get('log').error({ err: error }, 'Stream failed');
              finish();
              controller.close();
            }
          }),
        cancel: (reason) =>
          requestScope.run(scope, async () => {
            cancelled = true;
            stream.controller.abort(reason);
            try {
              await frames.return?.();
            } finally {
              finish();
            }
          }),
      });
      return new Response(bodyStream, { headers: SSE_HEADERS });
    } catch (error) {
      finish();
      const { response, unexpected } = errorResponse(error);
      if (unexpected) c.get('log').error({ err: error }, 'ChatKit request failed');
      return response;
    }
  });

  app.all('/', () => errorJson(405, 'method_not_allowed', 'Use POST', { allow: 'POST' }));
  return app;
}
