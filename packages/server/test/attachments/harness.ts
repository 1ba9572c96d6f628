import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import {
  createAttachmentRoutes,
  type AttachmentLimits,
  type BlobAttachmentStore,
} from '../../src/attachments/index.js';
import { FilesystemAttachmentStore } from '../../src/attachments/filesystem/index.js';
import { S3AttachmentStore } from '../../src/attachments/s3/index.js';
import { createChatKitHandler } from '../../src/http/index.js';
import { MemoryStore } from '../../src/stores/memory/index.js';
import { SqliteStore } from '../../src/stores/sqlite/index.js';
import { ScriptedServer, type TestContext } from '../helpers/make-server.js';
import { recordStore, type RecordingStore } from '../helpers/recording-store.js';
import { postJson, readSse } from '../helpers/sse-client.js';
import { S3Stub } from './s3-stub.js';

/** Where the bytes go; `filesystem+sqlite` also keeps the metadata in a real SqliteStore. */
export type Backend = 'filesystem' | 'filesystem+sqlite' | 's3' | 's3-presigned';

export const SECRET = 'test-secret-test-secret-test-secret!';
export const ALICE = 'alice';
export const BOB = 'bob';

/** A tiny but real PNG (1×1), padded so uploads cross the sniff window. */
const PNG_1X1 = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  ),
  (c) => c.charCodeAt(0),
);

export function pngBytes(size = 20_000): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  bytes.set(PNG_1X1);
  for (let i = PNG_1X1.length; i < size; i++) bytes[i] = (i * 31) % 251;
  return bytes;
}

export function pdfBytes(size = 10_000): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size).fill(0x20);
  bytes.set(new TextEncoder().encode('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n'));
  return bytes;
}

export const textBytes = (text: string) => new TextEncoder().encode(text);

export interface AttachmentApp {
  url: string;
  backend: Backend;
  attachments: BlobAttachmentStore<TestContext>;
  metadata: RecordingStore<TestContext>;
  clock: { offsetMs: number };
  stub: S3Stub | undefined;
  dataDir: string | undefined;
  /** Unexpected failures the routes logged (should stay empty). */
  loggedErrors: unknown[];
  /** Stored blobs (file names under the attachments directory, or object keys). */
  blobKeys(): Promise<string[]>;
  /** Files left in the temp directory (filesystem) or unfinished multipart uploads (S3). */
  leftovers(): Promise<number>;
  stop(): Promise<void>;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/**
 * A real HTTP server (@hono/node-server on a free port): the ChatKit endpoint at `/chatkit` and the
 * attachment routes under it, the user taken from an `x-user-id` header.
 */
export async function startAttachmentApp(
  backend: Backend,
  options: {
    limits?: Partial<AttachmentLimits>;
    uploadUrlTtlSeconds?: number;
    previewUrlTtlSeconds?: number;
  } = {},
): Promise<AttachmentApp> {
  const clock = { offsetMs: 0 };
  const sqlite = backend === 'filesystem+sqlite' ? new SqliteStore<TestContext>() : undefined;
  const metadata = recordStore<TestContext>(sqlite ?? new MemoryStore<TestContext>());
  // The app needs the port (for its URLs), so the server starts first and the app is set after.
  const appRef: { current?: Hono } = {};
  const http: ServerType = await new Promise((resolve) => {
    const server = serve(
      { fetch: (request) => appRef.current!.fetch(request), port: 0, hostname: '127.0.0.1' },
      () => resolve(server),
    );
  });
  const address = http.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const url = `http://127.0.0.1:${address.port}/chatkit`;
  const common = {
    store: metadata.store,
    secret: SECRET,
    baseUrl: url,
    now: () => Date.now() + clock.offsetMs,
    ...options,
  };

  let attachments: BlobAttachmentStore<TestContext>;
  let stub: S3Stub | undefined;
  let dataDir: string | undefined;
  if (backend === 'filesystem' || backend === 'filesystem+sqlite') {
    dataDir = await mkdtemp(join(tmpdir(), 'threadline-attachments-'));
    attachments = new FilesystemAttachmentStore<TestContext>({ ...common, dataDir });
  } else {
    stub = await new S3Stub().start();
    const client = new S3Client({
      region: 'us-east-1',
      endpoint: stub.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    attachments = new S3AttachmentStore<TestContext>({
      ...common,
      s3: client,
      bucket: 'chat-files',
      ...(backend === 's3-presigned'
        ? { uploadVia: 'object-store', previewVia: 'object-store' }
        : {}),
    });
  }

  const getContext = (request: Request): TestContext => {
    const userId = request.headers.get('x-user-id');
    // The handlers' documented way to refuse a request: throw the response.
    if (!userId)
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw new Response('{"error":{"code":"unauthorized","message":"Sign in"}}', { status: 401 });
    return { userId };
  };
  const server = new ScriptedServer({}, attachments.store, attachments);
  const handler = createChatKitHandler(server, { getContext });
  const loggedErrors: unknown[] = [];
  const logger = {
    ...server.logger,
    error: (message: string, ...details: unknown[]) => loggedErrors.push([message, ...details]),
  };
  const routes = createAttachmentRoutes(attachments, { getContext, logger });
  const app = new Hono();
  app.all('/chatkit', (c) => handler(c.req.raw));
  app.all('/chatkit/*', async (c) => (await routes(c.req.raw)) ?? c.notFound());
  appRef.current = app;

  const directory = dataDir ? join(dataDir, 'attachments') : undefined;
  return {
    url,
    backend,
    attachments,
    metadata,
    clock,
    stub,
    dataDir,
    loggedErrors,
    async blobKeys() {
      if (stub) return stub.keys();
      const files = await listFiles(directory!);
      return files
        .filter((f) => !f.includes(`${join(directory!, '.tmp')}`))
        .map((f) => f.slice(directory!.length + 1));
    },
    async leftovers() {
      if (stub) return stub.pendingMultipartUploads();
      return (await listFiles(join(directory!, '.tmp'))).length;
    },
    async stop() {
      (http as Server).closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await stub?.stop();
      await sqlite?.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// ---- a small client, as the ChatKit web client would behave ----

export const asUser = (user: string) => ({ headers: { 'x-user-id': user } });

export async function api<T = Record<string, unknown>>(
  app: AttachmentApp,
  user: string,
  body: object,
) {
  const response = await postJson(app.url, body, asUser(user));
  return { status: response.status, body: (await response.json()) as T };
}

export interface WireAttachment {
  id: string;
  name: string;
  mime_type: string;
  type: 'file' | 'image';
  preview_url?: string;
  thread_id?: string;
  metadata?: unknown;
  upload_descriptor?: { url: string; method: 'PUT' | 'POST'; headers: Record<string, string> };
}

export function createAttachment(
  app: AttachmentApp,
  user: string,
  params: { name: string; size: number; mime_type: string },
) {
  return api<WireAttachment & { error?: { code: string } }>(app, user, {
    type: 'attachments.create',
    params,
  });
}

/** Phase 2 exactly as the client does it: `method`, `headers`, the raw file as the body. */
export function uploadTo(
  descriptor: NonNullable<WireAttachment['upload_descriptor']>,
  bytes: Uint8Array<ArrayBuffer>,
) {
  return fetch(descriptor.url, {
    method: descriptor.method,
    headers: descriptor.headers,
    body: bytes,
  });
}

/** The direct strategy: multipart with field `file`. */
export function directUpload(
  app: AttachmentApp,
  user: string,
  bytes: Uint8Array<ArrayBuffer>,
  name: string,
  type: string,
) {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), name);
  return fetch(`${app.url}/upload`, { method: 'POST', headers: asUser(user).headers, body: form });
}

/** `threads.create` with attachments; returns the status and, on success, the thread id. */
export async function sendMessage(app: AttachmentApp, user: string, attachmentIds: string[]) {
  const response = await postJson(
    app.url,
    {
      type: 'threads.create',
      params: {
        input: {
          content: [{ type: 'input_text', text: 'see attached' }],
          attachments: attachmentIds,
          inference_options: {},
        },
      },
    },
    asUser(user),
  );
  if (response.status !== 200) {
    return {
      status: response.status,
      error: ((await response.json()) as { error: { code: string } }).error,
    };
  }
  const events = await readSse(response);
  const created = events.find((e) => e.type === 'thread.created');
  if (created?.type !== 'thread.created') throw new Error('no thread.created');
  return { status: 200, threadId: created.thread.id, events };
}

export const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());
