import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { assertIsolation } from '../helpers/scenarios.js';
import { readEvents, threadIdOf, userInput } from '../helpers/sse.js';
import { JWT_SECRET, jwtFor } from '../helpers/tokens.js';
import { httpCall } from './http-client.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

interface AttachmentJson {
  id: string;
  type: string;
  name: string;
  mime_type: string;
  preview_url?: string;
  upload_descriptor?: { url: string; method: string; headers: Record<string, string> };
}

describe('attachments through the built server', () => {
  let server: ChildServer;
  beforeAll(async () => {
    await ensureBuilt();
    server = await startChildServer(
      {
        THREADLINE_AUTH: 'jwt',
        JWT_SECRET,
        THREADLINE_DEMO_DELAY_MS: '0',
        CHATKIT_UPLOAD_MAX_BYTES: '2048',
        CHATKIT_ALLOWED_MIME_TYPES: 'image/png,text/plain',
        CHATKIT_MAX_ATTACHMENTS: '2',
      },
      ['--demo'],
    );
  }, 300_000);
  afterAll(() => server?.stop());

  const upload = async (
    user: string | undefined,
    bytes: Uint8Array,
    name: string,
    type: string,
  ) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    return fetch(`${server.url}/chatkit/upload`, {
      method: 'POST',
      body: form,
      headers: user ? { authorization: `Bearer ${await jwtFor(user)}` } : {},
    });
  };

  it('uploads directly, attaches to a message, serves the preview, and isolates it', async () => {
    expect((await upload(undefined, PNG, 'dot.png', 'image/png')).status).toBe(401);
    const res = await upload('olga', PNG, 'dot.png', 'image/png');
    expect(res.status).toBe(201);
    const attachment = (await res.json()) as AttachmentJson;
    expect(attachment).toMatchObject({ type: 'image', name: 'dot.png', mime_type: 'image/png' });
    expect(attachment.preview_url).toMatch(
      new RegExp(`^http://localhost:${server.port}/chatkit/attachments/`),
    );

    const preview = await fetch(attachment.preview_url!.replace('localhost', '127.0.0.1'));
    expect(preview.status).toBe(200);
    expect(Buffer.from(await preview.arrayBuffer())).toEqual(PNG);

    const call = httpCall(server.url);
    const events = await readEvents(
      await call('olga', {
        type: 'threads.create',
        params: { input: { ...userInput('look'), attachments: [attachment.id] } },
      }),
    );
    const userItem = events.find(
      (e) => e.type === 'thread.item.done' && e.item.type === 'user_message',
    );
    expect(JSON.stringify(userItem)).toContain(attachment.id);
    expect(threadIdOf(events)).toMatch(/^thr_/);

    const other = await upload('olga', PNG, 'dot2.png', 'image/png');
    await assertIsolation(call, 'olga', 'peter', ((await other.json()) as AttachmentJson).id);
  });

  it('enforces size and type limits', async () => {
    const big = await upload('olga', new Uint8Array(4096), 'big.txt', 'text/plain');
    expect(big.status).toBe(413);
    const wrong = await upload('olga', Buffer.from('%PDF-1.4\n'), 'doc.pdf', 'application/pdf');
    expect(wrong.status).toBe(415);
    const lying = await upload('olga', Buffer.from('not a png at all'), 'fake.png', 'image/png');
    expect(lying.status).toBe(415);
  });

  it('supports the two-phase flow: attachments.create, PUT to the signed URL, delete', async () => {
    const call = httpCall(server.url);
    const created = await call('olga', {
      type: 'attachments.create',
      params: { name: 'note.txt', size: 5, mime_type: 'text/plain' },
    });
    expect(created.status).toBe(200);
    const attachment = (await created.json()) as AttachmentJson;
    expect(attachment.upload_descriptor?.method).toBe('PUT');
    const url = attachment.upload_descriptor!.url.replace('localhost', '127.0.0.1');
    const put = await fetch(url, {
      method: 'PUT',
      body: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(put.status).toBe(200);
    expect((await fetch(url, { method: 'PUT', body: 'again' })).status).toBe(409);
    expect(
      (
        await call('peter', {
          type: 'attachments.delete',
          params: { attachment_id: attachment.id },
        })
      ).status,
    ).toBe(404);
    expect(
      await (
        await call('olga', { type: 'attachments.delete', params: { attachment_id: attachment.id } })
      ).json(),
    ).toEqual({});
  });
});
