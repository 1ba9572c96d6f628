import { Hono } from 'hono';
import { BlobAttachmentStore, createAttachmentRoutes } from '@threadline/server/attachments';
import { FilesystemBlobStore } from '@threadline/server/attachments/filesystem';
import type { Logger, Owner, Store } from '@threadline/server';
import type { AppEnv } from '../app-env.js';
import type { AppConfig } from '../config.js';
import { resolveOwner, type AppContext } from '../context.js';

/** The attachment store and its routes, mounted under `/chatkit`. */
export interface UploadRoutes {
  attachments: BlobAttachmentStore<AppContext>;
  routes: Hono<AppEnv>;
}

/**
 * Attachments on disk (`THREADLINE_UPLOAD_DIR`) with the SDK's limits and signed URLs:
 * - `POST /chatkit/upload` (direct upload; the caller is authenticated by the app),
 * - `PUT|POST /chatkit/upload/:token` (two-phase, phase 2; authorized by the signed URL),
 * - `GET|HEAD /chatkit/attachments/:id/preview?token=…` (image previews; signed, expiring).
 */
export function createUploads(options: {
  config: AppConfig;
  /** The raw (user-scoped) metadata store. */
  store: Store<AppContext>;
  secret: string;
  logger: Logger;
  /** The agent a context built from a signed URL runs as (any agent: previews do not depend on it). */
  defaultAgentId: string;
}): UploadRoutes {
  const { config, logger } = options;
  const origin = config.server.publicUrl ?? `http://localhost:${config.server.port}`;
  const attachments = new BlobAttachmentStore<AppContext>({
    store: options.store,
    blobs: new FilesystemBlobStore(config.uploadDir),
    secret: options.secret,
    baseUrl: `${origin}/chatkit`,
    limits: {
      maxBytes: config.chatkit.uploadMaxBytes,
      allowedMimeTypes:
        config.chatkit.allowedMimeTypes.length > 0 ? config.chatkit.allowedMimeTypes : undefined,
      maxPerMessage: config.chatkit.maxAttachments,
    },
    resolveOwner,
    contextForOwner: (owner: Owner): AppContext => ({
      userId: owner.userId,
      tenantId: owner.tenantId ?? undefined,
      requestId: 'signed-url',
      agentId: options.defaultAgentId,
      authMethod: 'session',
    }),
  });
  // The SDK's routes, under the path the app mounts them at (whatever `publicUrl`'s path is).
  const router = createAttachmentRoutes(attachments, { basePath: '/chatkit', logger });
  const routes = new Hono<AppEnv>();
  routes.all('/*', async (c, next) => {
    const response = await router(c.req.raw, {
      // Only a direct upload asks for it; the auth middleware has run on that path.
      getContext: (): AppContext => {
        const identity = c.get('identity');
        return {
          userId: identity.userId,
          tenantId: identity.tenantId,
          requestId: c.get('requestId'),
          agentId: c.req.query('agent_id') ?? options.defaultAgentId,
          authMethod: identity.method,
        };
      },
    });
    if (response) return response;
    await next();
  });
  return { attachments, routes };
}
