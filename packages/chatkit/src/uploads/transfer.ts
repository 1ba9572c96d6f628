// Sends one upload body and reports progress: XMLHttpRequest (real byte progress) when the page
// gave no custom fetch, otherwise that fetch (progress only at start and end, as fetch has no
// upload progress).
import { msg } from '../i18n/index.js';
import { UploadError } from './upload-error.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface TransferRequest {
  url: string;
  method: 'POST' | 'PUT';
  headers?: Record<string, string>;
  body: Blob | FormData;
  /** Custom fetch; without one, XMLHttpRequest (or the global fetch where there is no XHR). */
  fetch?: FetchLike | undefined;
  signal?: AbortSignal | undefined;
  /** Fraction of the body sent, 0..1. */
  onProgress?: ((fraction: number) => void) | undefined;
}

export interface TransferResponse {
  status: number;
  contentType: string;
  text: string;
}

const hasXhr = () => typeof XMLHttpRequest === 'function';

function viaXhr(request: TransferRequest): Promise<TransferResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    const cleanup = () => request.signal?.removeEventListener('abort', onAbort);
    xhr.open(request.method, request.url);
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        request.onProgress?.(Math.min(1, event.loaded / event.total));
      }
    };
    xhr.onload = () => {
      cleanup();
      resolve({
        status: xhr.status,
        contentType: xhr.getResponseHeader('content-type') ?? '',
        text: xhr.responseText,
      });
    };
    xhr.onerror = () => {
      cleanup();
      reject(
        new UploadError('The upload could not reach the server', 'network', msg('Upload failed')),
      );
    };
    xhr.onabort = () => {
      cleanup();
      reject(UploadError.aborted());
    };
    request.signal?.addEventListener('abort', onAbort, { once: true });
    xhr.send(request.body);
  });
}

async function viaFetch(request: TransferRequest, fetchFn: FetchLike): Promise<TransferResponse> {
  let response: Response;
  try {
    response = await fetchFn(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
    });
  } catch (error) {
    if (request.signal?.aborted) throw UploadError.aborted(error);
    throw new UploadError(
      'The upload could not reach the server',
      'network',
      msg('Upload failed'),
      undefined,
      {
        cause: error,
      },
    );
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (request.signal?.aborted) throw UploadError.aborted(error);
    throw error;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text };
}

/** Sends the body; resolves with any HTTP answer (the caller judges the status). */
export async function transfer(request: TransferRequest): Promise<TransferResponse> {
  if (request.signal?.aborted) throw UploadError.aborted(request.signal.reason);
  request.onProgress?.(0);
  const response =
    request.fetch || !hasXhr()
      ? await viaFetch(request, request.fetch ?? ((input, init) => fetch(input, init)))
      : await viaXhr(request);
  request.onProgress?.(1);
  return response;
}
