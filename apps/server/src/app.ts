/** `createApp(deps)`: the Hono composition of middleware and routes. No business logic here. */
import { Hono, type Context } from 'hono';
import type { ChatKitHandler } from '@threadline/server/http';
import { cors } from 'hono/cors';
import type { AppEnv } from './app-env.js';
import type { AgentRegistry } from './assistant/agents.js';
import type { Authenticate } from './auth/identity.js';
import type { AppConfig } from './config.js';
import type { AppContext } from './context.js';
import { errorJson } from './http/json-error.js';
import type { AppLogger } from './logging.js';
import { requireAuth } from './middleware/auth.js';
import { cookieOriginGuard } from './middleware/cookie-origin.js';
import { clientIp } from './middleware/client-ip.js';
import { rateLimit } from './middleware/rate-limit.js';
import { requestId } from './middleware/request-id.js';
import type { RateLimiter } from './rate-limit/rate-limiter.js';
import { chatkitRoutes } from './routes/chatkit.js';
import { clientSecretRoutes, type ClientSecretMinter } from './routes/client-secret.js';
import { healthRoutes, type ReadinessCheck } from './routes/health.js';
import { pageRoutes } from './routes/pages.js';
import { clientBundleRoutes } from './pages/client-bundle.js';
import type { UploadRoutes } from './routes/uploads.js';

export interface AppDeps {
  config: AppConfig;
  logger: AppLogger;
  /** The SDK's ChatKit handler over the app's server. */
  chatkit: ChatKitHandler<AppContext>;
  agents: AgentRegistry;
  authenticate: Authenticate;
  limiter: RateLimiter;
  readiness: Record<string, ReadinessCheck>;
  /** Checks whose failure only degrades the app (`/readyz` stays 200). */
  optionalReadiness?: Record<string, ReadinessCheck> | undefined;
  /** Hosted mode; undefined → `/chatkit/client_secret` answers 404. */
  clientSecrets?: ClientSecretMinter | undefined;
  /** Upload and preview routes; undefined when uploads are disabled. */
  uploads?: UploadRoutes | undefined;
  /** True once a graceful shutdown began. */
  isDraining: () => boolean;
}

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const { config, logger, limiter } = deps;
  const app = new Hono<AppEnv>();

  app.use('*', requestId(logger));
  app.use('/chatkit/*', async (c, next) => {
    if (!deps.isDraining()) return next();
    return errorJson(503, 'shutting_down', 'The server is restarting; try again in a moment', {
      'retry-after': '5',
      connection: 'close',
    });
  });
  if (config.server.corsOrigins.length > 0) {
    const anyOrigin = config.server.corsOrigins.includes('*');
    app.use(
      '/chatkit/*',
      cors({
        origin: anyOrigin ? '*' : config.server.corsOrigins,
        credentials: !anyOrigin,
        allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS'],
        // accept-language: the client's locale option, not CORS-safelisted when not a plain tag.
        allowHeaders: ['content-type', 'authorization', 'x-request-id', 'accept-language'],
        exposeHeaders: ['x-request-id', 'retry-after'],
        maxAge: 600,
      }),
    );
  }
  const byIp = rateLimit(limiter, {
    limit: config.rateLimit.perIp,
    key: (c) => `ip:${clientIp(c, config.server.trustProxy)}`,
  });
  const byUser = rateLimit(limiter, {
    limit: config.rateLimit.perUser,
    key: (c: Context<AppEnv>) => {
      const { userId, tenantId } = c.get('identity');
      return `user:${tenantId ?? ''}:${userId}`;
    },
  });
  const auth = requireAuth(deps.authenticate);
  app.use('/chatkit/*', byIp);
  for (const path of ['/chatkit', '/chatkit/upload', '/chatkit/client_secret']) {
    app.use(path, auth, byUser);
    app.use(
      path,
      cookieOriginGuard({
        allowedOrigins: config.server.corsOrigins,
        publicUrl: config.server.publicUrl,
        jsonOnly: path === '/chatkit',
      }),
    );
  }

  app.route(
    '/',
    healthRoutes({
      checks: deps.readiness,
      optionalChecks: deps.optionalReadiness,
      isDraining: deps.isDraining,
    }),
  );
  app.route('/', pageRoutes(config, deps.agents));
  app.route('/chatkit', clientBundleRoutes());
  app.route('/chatkit/client_secret', clientSecretRoutes(deps.clientSecrets));
  if (deps.uploads) app.route('/chatkit', deps.uploads.routes);
  app.route('/chatkit', chatkitRoutes({ chatkit: deps.chatkit, agents: deps.agents }));

  app.notFound(() => errorJson(404, 'not_found', 'No such route'));
  app.onError((error, c) => {
    (c.get('log') ?? logger).error({ err: error }, 'Unhandled error');
    return errorJson(500, 'internal_error', 'The server failed to process the request');
  });
  return app;
}
