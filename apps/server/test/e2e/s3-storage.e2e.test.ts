import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Stub } from '../../../../packages/server/test/attachments/s3-stub.js';
import { ensureBuilt } from '../helpers/build.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { JWT_SECRET, jwtFor } from '../helpers/tokens.js';
import { httpCall } from './http-client.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

interface AttachmentJson {
  id: string;
  preview_url?: string;
  upload_descriptor?: { url: string; method: string; headers: Record<string, string> };
}

/** The built app configured for an S3-compatible server (the SDK's S3 stub) through `S3_*` only. */
describe('attachments in an S3-compatible bucket, configured by S3_* settings', () => {
  let stub: S3Stub;
  const servers: ChildServer[] = [];
  const start = async (env: Record<string, string>) => {
    const server = await startChildServer({
      THREADLINE_AUTH: 'jwt',
      JWT_SECRET,
      S3_BUCKET: 'chat-files',
      S3_REGION: 'eu-west-3',
      S3_ENDPOINT: stub.endpoint,
      S3_ACCESS_KEY_ID: 'minio',
      S3_SECRET_ACCESS_KEY: 'minio-secret',
      ...env,
    });
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    await ensureBuilt();
    stub = await new S3Stub().start();
  }, 300_000);
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await stub?.stop();
  });

  it('stores a direct upload under S3_PREFIX with S3_STORAGE_CLASS and serves its preview', async () => {
    const server = await start({
      S3_PREFIX: 'tenant-a/uploads/',
      S3_STORAGE_CLASS: 'STANDARD_IA',
    });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'dot.png');
    const res = await fetch(`${server.url}/chatkit/upload`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${await jwtFor('olga')}` },
    });
    expect(res.status).toBe(201);
    const attachment = (await res.json()) as AttachmentJson;

    expect(stub.keys()).toContain(`tenant-a/uploads/${attachment.id}`);
    expect(stub.objects.get(`chat-files/tenant-a/uploads/${attachment.id}`)!.body).toEqual(PNG);
    const put = stub.requests.find(
      (r) => r.method === 'PUT' && r.path === `chat-files/tenant-a/uploads/${attachment.id}`,
    )!;
    expect(put.headers['x-amz-storage-class']).toBe('STANDARD_IA');
    // Path style (the default with S3_ENDPOINT), signed with the configured keys and region.
    expect(put.headers.authorization).toMatch(
      /Credential=minio\/\d{8}\/eu-west-3\/s3\/aws4_request/,
    );

    const preview = await fetch(attachment.preview_url!.replace('localhost', '127.0.0.1'));
    expect(preview.status).toBe(200);
    expect(Buffer.from(await preview.arrayBuffer())).toEqual(PNG);
  });

  it('with S3_PRESIGNED_URLS, a two-phase upload goes straight to the bucket for the configured time', async () => {
    const server = await start({
      CHATKIT_UPLOAD_STRATEGY: 'two_phase',
      S3_PRESIGNED_URLS: 'true',
      THREADLINE_UPLOAD_URL_TTL_SECONDS: '300',
    });
    const created = await httpCall(server.url)('olga', {
      type: 'attachments.create',
      params: { name: 'note.txt', size: 5, mime_type: 'text/plain' },
    });
    expect(created.status).toBe(200);
    const { id, upload_descriptor: upload } = (await created.json()) as AttachmentJson;
    const url = new URL(upload!.url);
    expect(url.origin).toBe(stub.endpoint);
    expect(url.pathname).toBe(`/chat-files/attachments/${id}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    const sent = await fetch(url, { method: 'PUT', headers: upload!.headers, body: 'hello' });
    expect(sent.status).toBe(200);
    expect(stub.objects.get(`chat-files/attachments/${id}`)!.body.toString()).toBe('hello');
  });
});
