/**
 * Builds everything the app runs on from the configuration: store (migrated), attachments, agents,
 * responder, auth, rate limiter, hosted-mode minter, and the Hono app. `close()` releases them.
 */
import type { Hono } from 'hono';
import type { Logger, Store } from '@threadline/server';
import { createChatKitHandler, type ChatKitHandler } from '@threadline/server/http';
import { createApp } from './app.js';
import type { AppEnv } from './app-env.js';
import { AgentRegistry } from './assistant/agents.js';
import { AgentScopedStore } from './assistant/agent-scoped-store.js';
import { AssistantServer } from './assistant/assistant-server.js';
import type { Responder } from './assistant/responder.js';
import { DemoResponder } from './assistant/responders/demo.js';
import { NoModelResponder } from './assistant/responders/no-model.js';
import { createAuthenticator } from './auth/authenticator.js';
import type { Authenticate } from './auth/identity.js';
import type { AppConfig } from './config.js';
import type { AppContext } from './context.js';
import { openAIClientSecretMinter } from './hosted.js';
import { sdkLogger, type AppLogger } from './logging.js';
import { MemoryRateLimiter } from './rate-limit/memory-limiter.js';
import type { RateLimiter } from './rate-limit/rate-limiter.js';
import { RedisRateLimiter } from './rate-limit/redis-limiter.js';
import type { ClientSecretMinter } from './routes/client-secret.js';
import type { UploadRoutes } from './routes/uploads.js';
import { resolveSecret } from './secret.js';
import { createStore } from './store.js';
import { startUploadSweeper } from './upload-sweeper.js';

export interface Runtime {
  app: Hono<AppEnv>;
  server: AssistantServer;
  /** The ChatKit endpoint's handler: its open streams and graceful `close()`. */
  chatkit: ChatKitHandler<AppContext>;
  /** Set once a graceful shutdown begins. */
  draining: { value: boolean };
  /** What the start-up banner reports. */
  summary: { store: string; model: string; auth: string; rateLimit: string; uploads: string };
  close(): Promise<void>;
}

/** Replace built-in pieces (tests, or your own auth). */
export interface RuntimeOverrides {
  authenticate?: Authenticate;
  responder?: Responder;
  clientSecrets?: ClientSecretMinter;
}

async function createResponder(
  config: AppConfig,
  agents: AgentRegistry,
  logger: AppLogger,
  uploads: UploadRoutes | undefined,
): Promise<Responder> {
  if (config.demo.enabled) return new DemoResponder(config.demo.delayMs);
  if (!config.model.configured) return new NoModelResponder();
  // Loaded only when a model is configured: it pulls in @openai/agents (every provider runs on it).
  const { AgentsResponder } = await import('./assistant/responders/agents-sdk.js');
  const knowledge = config.agents.agents.some((agent) => agent.knowledge)
    ? (await import('./knowledge/knowledge-base.js')).createKnowledgeBase(config)
    : undefined;
  return new AgentsResponder(
    config.model,
    agents,
    sdkLogger(logger),
    config.agents.mcpServers,
    uploads?.attachments,
    knowledge,
  );
}

/** Dictation through the OpenAI-compatible endpoint; none in demo mode, without one, or with Anthropic. */
async function createTranscriber(config: AppConfig, logger: Logger) {
  const { model } = config;
  if (config.demo.enabled || !model.configured || model.provider === 'anthropic') return undefined;
  const [{ default: OpenAI }, { Transcriber }] = await Promise.all([
    import('openai'),
    import('./assistant/transcriber.js'),
  ]);
  const client = new OpenAI({
    apiKey: model.apiKey ?? 'not-needed',
    baseURL: model.baseURL,
    maxRetries: 1,
    timeout: 120_000,
  });
  return new Transcriber(client, model.transcribe, logger, model.baseURL);
}

async function createLimiter(config: AppConfig, logger: AppLogger): Promise<RateLimiter> {
  const { redisUrl, windowMs } = config.rateLimit;
  if (!redisUrl) return new MemoryRateLimiter(windowMs);
  const limiter = new RedisRateLimiter(redisUrl, windowMs, logger);
  try {
    await limiter.connect();
  } catch (error) {
    await limiter.close();
    throw new Error(`REDIS_URL: cannot connect to Redis (${(error as Error).message})`, {
      cause: error,
    });
  }
  return limiter;
}

function describeAuth(config: AppConfig): string {
  if (config.auth.methods.length === 0) {
    return 'none configured: every /chatkit request is refused with 401 (set THREADLINE_AUTH)';
  }
  return config.auth.methods
    .map((m) => (m === 'jwt' ? `jwt (${config.auth.jwt.jwksUrl ? 'JWKS' : 'HS256'})` : m))
    .join(', ');
}

export async function createRuntime(
  config: AppConfig,
  logger: AppLogger,
  overrides: RuntimeOverrides = {},
): Promise<Runtime> {
  const log = sdkLogger(logger);
  const appStore = createStore(config);
  const cleanups: (() => Promise<void>)[] = [() => appStore.close()];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => logger.warn({ err: error }, 'Cleanup failed'));
    }
  };
  try {
    await appStore.migrate();
    const secret = resolveSecret(config.secret, config.dataDir);
    const agents = new AgentRegistry(config.agents, config.model.name);

    let uploads: UploadRoutes | undefined;
    if (config.chatkit.uploadStrategy !== 'disabled') {
      uploads = await loadUploads(config, appStore.store, secret, log, agents.defaultAgent.id);
      cleanups.push(uploads.close);
      if (config.uploadSweepAgeMs > 0) {
        cleanups.push(startUploadSweeper(uploads.attachments, config.uploadSweepAgeMs, logger));
      }
    }
    // The server wraps it with the attachment store's preview URL signing (`wrapStore`).
    const store = new AgentScopedStore(appStore.store, agents);
    const responder =
      overrides.responder ?? (await createResponder(config, agents, logger, uploads));
    if (responder.close) cleanups.push(() => responder.close!());
    await responder.start?.();
    const server = new AssistantServer({
      store,
      attachmentStore: uploads?.attachments,
      logger: log,
      agents,
      responder,
      checkpoints: config.checkpoints,
      maxInputChars: config.model.maxInputChars,
      transcriber: await createTranscriber(config, log),
      keepAliveMs: config.keepAliveMs,
    });
    const limiter = await createLimiter(config, logger);
    cleanups.push(() => limiter.close());
    const chatkit = createChatKitHandler(server, { maxBodyBytes: config.server.maxBodyBytes });
    const draining = { value: false };
    const clientSecrets =
      overrides.clientSecrets ??
      (config.chatkit.workflowId && config.model.apiKey
        ? openAIClientSecretMinter({
            apiKey: config.model.apiKey,
            baseURL: config.model.baseURL,
            workflowId: config.chatkit.workflowId,
          })
        : undefined);
    const probe: AppContext = {
      userId: '__readiness_probe__',
      requestId: 'readyz',
      agentId: agents.defaultAgent.id,
      authMethod: 'anonymous',
    };
    const app = createApp({
      config,
      logger,
      chatkit,
      agents,
      authenticate: overrides.authenticate ?? createAuthenticator(config.auth, secret),
      limiter,
      readiness: {
        store: async () => {
          await appStore.store.loadThreads(1, null, 'desc', probe);
          return true;
        },
      },
      // Rate limits fail open without Redis: its outage degrades the instance, not its readiness.
      optionalReadiness: limiter.kind === 'redis' ? { redis: () => limiter.ready() } : undefined,
      clientSecrets,
      uploads,
      isDraining: () => draining.value,
    });
    return {
      app,
      server,
      chatkit,
      draining,
      summary: {
        store: appStore.description,
        model: responder.description,
        auth: describeAuth(config),
        rateLimit:
          `${config.rateLimit.perIp}/IP and ${config.rateLimit.perUser}/user per ` +
          `${config.rateLimit.windowMs / 1000}s (${limiter.kind === 'redis' ? 'Redis' : 'in memory'})`,
        uploads: uploads?.description ?? 'disabled',
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Loaded lazily: the attachment routes pull in busboy and file-type. */
async function loadUploads(
  config: AppConfig,
  store: Store<AppContext>,
  secret: string,
  logger: Logger,
  defaultAgentId: string,
): Promise<UploadRoutes> {
  const { createUploads } = await import('./routes/uploads.js');
  return createUploads({ config, store, secret, logger, defaultAgentId });
}
