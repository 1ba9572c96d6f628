import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One object in the stub bucket. */
export interface StubObject {
  body: Buffer;
  contentType: string | undefined;
}

/** A request the stub received, for assertions. */
export interface StubRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
}

/**
 * A tiny S3-compatible HTTP server (path-style: `/<bucket>/<key>`): PUT/GET/HEAD/DELETE object,
 * ranged GET, `If-None-Match: *`, multipart uploads, and presigned-URL expiry (`X-Amz-Date` +
 * `X-Amz-Expires`). Signatures are not verified.
 */
export class S3Stub {
  readonly objects = new Map<string, StubObject>();
  readonly requests: StubRequest[] = [];
  private readonly uploads = new Map<
    string,
    { key: string; contentType?: string; parts: Map<number, Buffer> }
  >();
  private nextUploadId = 1;
  /** Added to the stub's clock, to expire presigned URLs. */
  clockOffsetMs = 0;
  private server: Server | undefined;
  endpoint = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Keys of stored objects, without the bucket. */
  keys(): string[] {
    return [...this.objects.keys()].map((k) => k.slice(k.indexOf('/') + 1));
  }

  pendingMultipartUploads(): number {
    return this.uploads.size;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stub');
    const path = decodeURIComponent(url.pathname.slice(1));
    const query = url.searchParams;
    this.requests.push({ method: req.method ?? '', path, query, headers: req.headers });
    const body = await readAll(req);

    if (query.has('X-Amz-Signature')) {
      const date = query.get('X-Amz-Date') ?? '';
      const signedAt = Date.parse(
        `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`,
      );
      const expires = Number(query.get('X-Amz-Expires'));
      if (!(signedAt + expires * 1000 > Date.now() + this.clockOffsetMs)) {
        return xmlError(res, 403, 'AccessDenied', 'Request has expired');
      }
    }

    const method = req.method;
    if (method === 'POST' && query.has('uploads')) {
      const uploadId = `upload-${this.nextUploadId++}`;
      this.uploads.set(uploadId, {
        key: path,
        contentType: req.headers['content-type'],
        parts: new Map(),
      });
      return xml(
        res,
        200,
        `<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>${path}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`,
      );
    }
    const uploadId = query.get('uploadId');
    if (uploadId !== null) {
      const upload = this.uploads.get(uploadId);
      if (!upload) return xmlError(res, 404, 'NoSuchUpload', 'No such upload');
      if (method === 'PUT') {
        const partNumber = Number(query.get('partNumber'));
        upload.parts.set(partNumber, body);
        res.writeHead(200, { etag: `"part-${partNumber}"` }).end();
        return;
      }
      if (method === 'DELETE') {
        this.uploads.delete(uploadId);
        res.writeHead(204).end();
        return;
      }
      if (method === 'POST') {
        if (req.headers['if-none-match'] === '*' && this.objects.has(path)) {
          return xmlError(
            res,
            412,
            'PreconditionFailed',
            'At least one of the pre-conditions you specified did not hold',
          );
        }
        const ordered = [...upload.parts.entries()]
          .sort(([a], [b]) => a - b)
          .map(([, part]) => part);
        this.objects.set(path, { body: Buffer.concat(ordered), contentType: upload.contentType });
        this.uploads.delete(uploadId);
        return xml(
          res,
          200,
          `<CompleteMultipartUploadResult><Key>${path}</Key><ETag>"done"</ETag></CompleteMultipartUploadResult>`,
        );
      }
    }

    const object = this.objects.get(path);
    switch (method) {
      case 'PUT': {
        if (req.headers['if-none-match'] === '*' && object) {
          return xmlError(
            res,
            412,
            'PreconditionFailed',
            'At least one of the pre-conditions you specified did not hold',
          );
        }
        this.objects.set(path, { body, contentType: req.headers['content-type'] });
        res.writeHead(200, { etag: '"etag"' }).end();
        return;
      }
      case 'GET':
      case 'HEAD': {
        if (!object) {
          if (method === 'HEAD') {
            res.writeHead(404).end();
            return;
          }
          return xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
        }
        const contentType =
          query.get('response-content-type') ?? object.contentType ?? 'application/octet-stream';
        const headers: Record<string, string> = { 'content-type': contentType, etag: '"etag"' };
        const disposition = query.get('response-content-disposition');
        if (disposition) headers['content-disposition'] = disposition;
        const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
        if (range && method === 'GET') {
          const start = Number(range[1]);
          const end = Math.min(Number(range[2]), object.body.length - 1);
          const slice = object.body.subarray(start, end + 1);
          headers['content-range'] = `bytes ${start}-${end}/${object.body.length}`;
          headers['content-length'] = String(slice.length);
          res.writeHead(206, headers).end(slice);
          return;
        }
        headers['content-length'] = String(object.body.length);
        res.writeHead(200, headers);
        res.end(method === 'GET' ? object.body : undefined);
        return;
      }
      case 'DELETE':
        this.objects.delete(path);
        res.writeHead(204).end();
        return;
      default:
        return xmlError(res, 405, 'MethodNotAllowed', 'Method not allowed');
    }
  }
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function xml(res: ServerResponse, status: number, body: string): void {
  res
    .writeHead(status, { 'content-type': 'application/xml' })
    .end(`<?xml version="1.0" encoding="UTF-8"?>${body}`);
}

function xmlError(res: ServerResponse, status: number, code: string, message: string): void {
  xml(res, status, `<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}
