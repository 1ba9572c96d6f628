// uploadAttachment against the SDK's real attachment routes on a real HTTP server: the direct
// strategy, two-phase to our own signed URL, and two-phase to a presigned object-store URL.
import { afterEach, describe, expect, it } from 'vitest';
import {
  ALICE,
  asUser,
  bytesOf,
  pdfBytes,
  pngBytes,
  startAttachmentApp,
  type AttachmentApp,
} from '../../../server/test/attachments/harness.js';
import { UploadError, uploadAttachment, type FetchLike } from '../../src/uploads/index.js';

let app: AttachmentApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

/** The page's `api.fetch`: adds the user header (the interceptor pattern) and records every URL. */
function apiFetch(calls: string[]): FetchLike {
  return (input, init) => {
    calls.push(`${init?.method ?? 'GET'} ${input}`);
    const headers = new Headers(init?.headers);
    headers.set('x-user-id', ALICE);
    return fetch(input, { ...init, headers });
  };
}

/** One JSON ChatKit request through the api fetch; a non-2xx answer throws with its status. */
function jsonRequest(url: string, fetchFn: FetchLike, sent: unknown[]) {
  return async (body: { type: string; params: Record<string, unknown> }) => {
    sent.push(body);
    const response = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { error?: { message: string } };
    if (!response.ok) {
      throw Object.assign(new Error(json.error?.message ?? 'failed'), { status: response.status });
    }
    return json;
  };
}

const asFile = (bytes: Uint8Array<ArrayBuffer>, name: string, type: string) =>
  new File([bytes], name, { type });

describe('direct strategy', () => {
  it('posts the file as multipart and returns the attachment', async () => {
    app = await startAttachmentApp('filesystem');
    const calls: string[] = [];
    const progress: number[] = [];
    const bytes = pngBytes(30_000);
    const attachment = await uploadAttachment({
      file: asFile(bytes, 'cat.png', 'image/png'),
      strategy: { type: 'direct', uploadUrl: `${app.url}/upload` },
      request: () => Promise.reject(new Error('direct uploads send no JSON request')),
      fetch: apiFetch(calls),
      onProgress: (fraction) => progress.push(fraction),
    });
    expect(attachment).toMatchObject({ type: 'image', name: 'cat.png', mime_type: 'image/png' });
    expect(attachment.id).toMatch(/^atc_/);
    expect(Object.keys(attachment).sort()).toEqual([
      'id',
      'mime_type',
      'name',
      'preview_url',
      'type',
    ]);
    expect(calls).toEqual([`POST ${app.url}/upload`]);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    // The bytes arrived intact: the signed preview URL serves them back.
    const preview = await fetch((attachment as { preview_url: string }).preview_url);
    expect(preview.status).toBe(200);
    expect(await bytesOf(preview)).toEqual(bytes);
  });

  it('reports a refusal by the server with a translatable reason', async () => {
    app = await startAttachmentApp('filesystem', { limits: { maxBytes: 10_000 } });
    const error = await uploadAttachment({
      file: asFile(pdfBytes(50_000), 'big.pdf', 'application/pdf'),
      strategy: { type: 'direct', uploadUrl: `${app.url}/upload` },
      request: () => Promise.reject(new Error('unused')),
      fetch: apiFetch([]),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadError);
    expect(error).toMatchObject({ code: 'http', status: 413, reason: 'This file is too large' });
    expect((error as Error).message).toContain('10000');
  });
});

// Our own signed URL is on the API's origin: through the page's fetch. A presigned object-store URL
// is on another origin: the page's fetch (and its credentials) stay out.
describe.each([
  { backend: 'filesystem', phase2: [expect.stringMatching(/^PUT .*\/chatkit\/upload\//)] },
  { backend: 's3-presigned', phase2: [] },
] as const)('two-phase strategy ($backend)', ({ backend, phase2 }) => {
  it('creates the attachment, uploads the bytes to its upload_descriptor and returns it', async () => {
    app = await startAttachmentApp(backend);
    const calls: string[] = [];
    const sent: unknown[] = [];
    const fetchFn = apiFetch(calls);
    const bytes = pdfBytes(40_000);
    const progress: number[] = [];
    const attachment = await uploadAttachment({
      file: asFile(bytes, 'report.pdf', 'application/pdf'),
      strategy: { type: 'two_phase' },
      request: jsonRequest(app.url, fetchFn, sent),
      fetch: fetchFn,
      apiUrl: app.url,
      onProgress: (fraction) => progress.push(fraction),
    });
    expect(attachment).toEqual({
      type: 'file',
      id: expect.stringMatching(/^atc_/),
      name: 'report.pdf',
      mime_type: 'application/pdf',
    });
    expect(sent).toEqual([
      {
        type: 'attachments.create',
        params: { name: 'report.pdf', size: 40_000, mime_type: 'application/pdf' },
      },
    ]);
    expect(calls).toEqual([`POST ${app.url}`, ...phase2]);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    expect(await app.blobKeys()).toHaveLength(1);
    // Stored and complete: it can be sent with a message.
    const send = await fetch(app.url, {
      method: 'POST',
      headers: { ...asUser(ALICE).headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'threads.create',
        params: {
          input: {
            content: [{ type: 'input_text', text: 'see attached' }],
            attachments: [attachment.id],
            inference_options: {},
          },
        },
      }),
    });
    expect(send.status).toBe(200);
    await send.body?.cancel();
  });
});

describe('two-phase failures', () => {
  it('gives the reason of a refused attachments.create', async () => {
    app = await startAttachmentApp('filesystem', { limits: { allowedMimeTypes: ['image/png'] } });
    const fetchFn = apiFetch([]);
    const error = await uploadAttachment({
      file: asFile(pdfBytes(), 'x.pdf', 'application/pdf'),
      strategy: { type: 'two_phase' },
      request: jsonRequest(app.url, fetchFn, []),
      fetch: fetchFn,
      apiUrl: app.url,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'UploadError',
      status: 415,
      reason: 'This file type is not accepted',
    });
  });

  it('deletes the pending attachment when the upload is cancelled', async () => {
    app = await startAttachmentApp('filesystem');
    const controller = new AbortController();
    const sent: { type: string; params: Record<string, unknown> }[] = [];
    const base = apiFetch([]);
    // Cancel as soon as phase 2 starts.
    const fetchFn: FetchLike = (input, init) => {
      if (init?.method === 'PUT') controller.abort();
      return base(input, init);
    };
    const error = await uploadAttachment({
      file: asFile(pngBytes(), 'a.png', 'image/png'),
      strategy: { type: 'two_phase' },
      request: jsonRequest(app.url, base, sent),
      fetch: fetchFn,
      apiUrl: app.url,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'UploadError',
      code: 'aborted',
      reason: 'Upload cancelled',
    });
    const created = sent[0]!;
    expect(created.type).toBe('attachments.create');
    await expect
      .poll(() => sent.map((s) => s.type))
      .toEqual(['attachments.create', 'attachments.delete']);
    const id = sent[1]!.params.attachment_id as string;
    await expect
      .poll(() =>
        app!.metadata.store.loadAttachment(id, { userId: ALICE }).then(
          () => 'still there',
          () => 'gone',
        ),
      )
      .toBe('gone');
  });

  it('refuses to start when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const sent: unknown[] = [];
    await expect(
      uploadAttachment({
        file: asFile(pngBytes(), 'a.png', 'image/png'),
        strategy: { type: 'two_phase' },
        request: async (body) => sent.push(body),
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ code: 'aborted' });
    expect(sent).toEqual([]);
  });
});
