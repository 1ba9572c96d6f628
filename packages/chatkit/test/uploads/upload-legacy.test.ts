// Upload targets other than the SDK's own: an older server's `upload_url` (multipart POST), a
// POST `upload_descriptor` with headers, and targets that answer something other than an
// attachment. A small node:http server stands in for those servers.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UploadError, uploadAttachment } from '../../src/uploads/index.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  file?: { name: string; type: string; bytes: number[] };
  raw?: number[];
}

let server: Server;
let origin: string;
const received: Received[] = [];

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const entry: Received = {
        method: request.method!,
        url: request.url!,
        headers: request.headers,
      };
      if (/multipart\/form-data/.test(request.headers['content-type'] ?? '')) {
        const form = await new Response(new Uint8Array(body), {
          headers: { 'content-type': request.headers['content-type']! },
        }).formData();
        const file = form.get('file') as File;
        entry.file = {
          name: file.name,
          type: file.type,
          bytes: [...new Uint8Array(await file.arrayBuffer())],
        };
      } else {
        entry.raw = [...body];
      }
      received.push(entry);
      if (request.url === '/broken') {
        response.writeHead(200, { 'content-type': 'text/html' }).end('<html>not json</html>');
      } else if (request.url === '/refuse') {
        response
          .writeHead(413, { 'content-type': 'application/json' })
          .end('{"error":{"code":"too_large","message":"Too big for this bucket"}}');
      } else {
        response.writeHead(204).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const file = () => new File([new Uint8Array([1, 2, 3, 4, 5])], 'notes.txt', { type: 'text/plain' });

describe('two-phase targets', () => {
  it("posts multipart to an older server's upload_url and keeps the created attachment", async () => {
    received.length = 0;
    const attachment = await uploadAttachment({
      file: file(),
      strategy: { type: 'two_phase' },
      request: async () => ({
        id: 'atc_legacy01',
        type: 'file',
        name: 'notes.txt',
        mime_type: 'text/plain',
        upload_url: `${origin}/legacy-upload`,
      }),
    });
    expect(attachment).toEqual({
      type: 'file',
      id: 'atc_legacy01',
      name: 'notes.txt',
      mime_type: 'text/plain',
    });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      method: 'POST',
      url: '/legacy-upload',
      file: { name: 'notes.txt', type: 'text/plain', bytes: [1, 2, 3, 4, 5] },
    });
  });

  it('sends the descriptor headers, raw for PUT and multipart for POST', async () => {
    received.length = 0;
    for (const method of ['PUT', 'POST'] as const) {
      await uploadAttachment({
        file: file(),
        strategy: { type: 'two_phase' },
        request: async () => ({
          id: `atc_${method.toLowerCase()}`,
          type: 'file',
          name: 'notes.txt',
          mime_type: 'text/plain',
          upload_descriptor: {
            url: `${origin}/signed?sig=abc`,
            method,
            headers: { 'x-upload-token': 't1', 'Content-Type': 'text/plain' },
          },
        }),
      });
    }
    expect(received.map((r) => [r.method, r.url, r.headers['x-upload-token']])).toEqual([
      ['PUT', '/signed?sig=abc', 't1'],
      ['POST', '/signed?sig=abc', 't1'],
    ]);
    expect(received[0]!.raw).toEqual([1, 2, 3, 4, 5]);
    expect(received[0]!.headers['content-type']).toBe('text/plain');
    // The multipart boundary replaces the descriptor's content type.
    expect(received[1]!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(received[1]!.file?.bytes).toEqual([1, 2, 3, 4, 5]);
  });

  it('fails clearly and deletes the pending attachment when the target refuses', async () => {
    const sent: { type: string; params: Record<string, unknown> }[] = [];
    const error = await uploadAttachment({
      file: file(),
      strategy: { type: 'two_phase' },
      request: async (body) => {
        sent.push(body);
        return {
          id: 'atc_refused',
          type: 'file',
          name: 'notes.txt',
          mime_type: 'text/plain',
          upload_descriptor: { url: `${origin}/refuse`, method: 'PUT', headers: {} },
        };
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadError);
    expect(error).toMatchObject({
      message: 'Too big for this bucket',
      status: 413,
      reason: 'This file is too large',
    });
    expect(sent).toEqual([
      expect.objectContaining({ type: 'attachments.create' }),
      { type: 'attachments.delete', params: { attachment_id: 'atc_refused' } },
    ]);
  });

  it('refuses an attachment without an upload target', async () => {
    await expect(
      uploadAttachment({
        file: file(),
        strategy: { type: 'two_phase' },
        request: async () => ({ id: 'atc_x', type: 'file', name: 'n', mime_type: 'text/plain' }),
      }),
    ).rejects.toMatchObject({ code: 'no_upload_target', reason: 'Upload failed' });
  });
});

describe('direct target answering something else', () => {
  it('is an invalid response, not a silent success', async () => {
    await expect(
      uploadAttachment({
        file: file(),
        strategy: { type: 'direct', uploadUrl: `${origin}/broken` },
        request: () => Promise.reject(new Error('unused')),
      }),
    ).rejects.toMatchObject({ code: 'invalid_response', status: 200 });
  });
});
