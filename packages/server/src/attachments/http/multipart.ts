import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { InvalidRequestError } from '../../errors.js';

/** The file part of a multipart body, streamed as it arrives. */
export interface MultipartFile {
  /** As sent by the client; for display only. */
  filename: string;
  /** The part's declared `Content-Type` (`text/plain` when absent, per RFC 7578). */
  mimeType: string;
  body: AsyncIterable<Uint8Array>;
  /** Stops reading the request (idempotent); call it when the body may not have been consumed. */
  release(): void;
}

/** Bounds for everything that is not the file (a well-behaved client sends only the file). */
const FIELD_LIMITS = { fields: 20, fieldSize: 64 * 1024, parts: 40, headerPairs: 100 };

export const isMultipart = (request: Request): boolean =>
  /^multipart\/form-data\b/i.test(request.headers.get('content-type') ?? '');

/**
 * Streams the file in multipart field `field` (busboy, fed from the web body): resolves as soon as
 * that part's headers are parsed; nothing is buffered. Other file parts are skipped. Consuming the
 * body to the end (or stopping early) releases the request stream; otherwise call `release()`.
 */
export function readMultipartFile(request: Request, field = 'file'): Promise<MultipartFile> {
  const missing = () =>
    new InvalidRequestError(`A file in multipart field "${field}" is required`, [
      { path: field, message: 'required' },
    ]);
  if (!request.body) return Promise.reject(missing());
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': request.headers.get('content-type') ?? undefined },
      limits: FIELD_LIMITS,
    });
  } catch (cause) {
    return Promise.reject(
      new InvalidRequestError('Expected a multipart/form-data body', [], { cause }),
    );
  }
  const source = Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>);
  const state = { fileEnded: false };
  // Once the file has been read to its end, busboy reads the rest of the body by itself (keeping
  // the connection reusable); before that, releasing stops reading the request.
  const release = () => {
    if (state.fileEnded || source.destroyed) return;
    source.unpipe(parser);
    source.destroy();
  };

  return new Promise<MultipartFile>((resolve, reject) => {
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      release();
      reject(error);
    };
    parser.on('file', (name, stream, info) => {
      if (settled || name !== field) {
        stream.resume();
        return;
      }
      settled = true;
      resolve({
        filename: info.filename ?? '',
        mimeType: info.mimeType,
        body: partBody(stream, state, release),
        release,
      });
    });
    // After the file resolved, later parse errors surface through the file stream (busboy
    // destroys it), so these listeners only decide the promise.
    parser.on('error', (cause) =>
      fail(new InvalidRequestError('Malformed multipart body', [], { cause })),
    );
    parser.on('close', () => fail(missing()));
    source.on('error', (cause) =>
      fail(new InvalidRequestError('The upload could not be read', [], { cause })),
    );
    source.pipe(parser);
  });
}

async function* partBody(
  stream: Readable,
  state: { fileEnded: boolean },
  release: () => void,
): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
    state.fileEnded = true;
  } finally {
    if (!state.fileEnded) {
      stream.destroy();
      release();
    }
  }
}
