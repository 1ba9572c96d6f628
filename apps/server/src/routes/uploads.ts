import { Hono } from 'hono';
import {
  BlobAttachmentStore,
  createAttachmentRoutes,
  type BlobStore,
} from '@threadline/server/attachments';
import { FilesystemBlobStore } from '@threadline/server/attachments/filesystem';
import type { Logger, Owner, Store } from '@threadline/server';
import type { AppEnv } from '../app-env.js';
import type { AppConfig, S3StorageConfig } from '../config.js';
import { resolveOwner, type AppContext } from '../context.js';

/** The attachment store and its routes, mounted under `/chatkit`. */
export interface UploadRoutes {
  attachments: BlobAttachmentStore<AppContext>;
  routes: Hono<AppEnv>;
  /** For the banner: `direct to /data/attachments`, `two_phase to s3://bucket/prefix`. */
  description: string;
  /** Releases the object store's connections. */
  close: () => Promise<void>;
}

interface Blobs {
  blobs: BlobStore;
  where: string;
  viaObjectStore: boolean;
  close: () => void;
}

/** Loaded only with `S3_BUCKET`: the AWS SDK is large. */
async function s3Blobs(storage: S3StorageConfig): Promise<Blobs> {
  const [{ S3Client }, { S3BlobStore }] = await Promise.all([
    import('@aws-sdk/client-s3'),
    import('@threadline/server/attachments/s3'),
  ]);
  // Without credentials the client resolves the AWS SDK's default chain on first use.
  const client = new S3Client({
    region: storage.region,
    endpoint: storage.endpoint,
    forcePathStyle: storage.forcePathStyle,
    credentials: storage.credentials,
  });
  return {
    blobs: new S3BlobStore({
      client,
      bucket: storage.bucket,
      prefix: storage.prefix,
      storageClass: storage.storageClass,
    }),
    where: `s3://${storage.bucket}/${storage.prefix}`,
    viaObjectStore: storage.presignedUrls,
    close: () => client.destroy(),
  };
}

/**
 * Attachments on disk (`THREADLINE_UPLOAD_DIR`) or in a bucket (`S3_*`), with the SDK's limits and signed URLs:
 * - `POST /chatkit/upload` (direct upload; the caller is authenticated by the app),
 * - `PUT|POST /chatkit/upload/:token` (two-phase, phase 2; authorized by the signed URL),
 * - `GET|HEAD /chatkit/attachments/:id/preview?token=…` (image previews; signed, expiring).
 */
export async function createUploads(options: {
  config: AppConfig;
  /** The raw (user-scoped) metadata store. */
  store: Store<AppContext>;
  secret: string;
  logger: Logger;
  /** The agent a context built from a signed URL runs as (any agent: previews do not depend on it). */
  defaultAgentId: string;
}): Promise<UploadRoutes> {
  const { config, logger } = options;
  const origin = config.server.publicUrl ?? `http://localhost:${config.server.port}`;
  const storage = config.attachmentStorage;
  const { blobs, where, viaObjectStore, close }: Blobs =
    storage.kind === 's3'
      ? await s3Blobs(storage)
      : {
          blobs: new FilesystemBlobStore(config.uploadDir),
          where: config.uploadDir,
          viaObjectStore: false,
          close: () => undefined,
        };
  const via = viaObjectStore ? 'object-store' : 'server';
  const attachments = new BlobAttachmentStore<AppContext>({
    store: options.store,
    blobs,
    secret: options.secret,
    baseUrl: `${origin}/chatkit`,
    uploadUrlTtlSeconds: config.uploadUrlTtlSeconds,
    previewUrlTtlSeconds: config.previewUrlTtlSeconds,
    uploadVia: via,
    previewVia: via,
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
  return {
    attachments,
    routes,
    description: `${config.chatkit.uploadStrategy} to ${where}`,
    close: async () => close(),
  };
}
