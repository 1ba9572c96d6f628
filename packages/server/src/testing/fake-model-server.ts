import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  FakeApi,
  FakeError,
  FakeRequest,
  FakeScript,
  FakeTurn,
  Rendered,
} from './fake-turn.js';
import { renderAnthropic } from './render-anthropic.js';
import { renderChat } from './render-chat.js';
import { renderResponses } from './render-responses.js';

/** A running fake model server. */
export interface FakeModelServer {
  /** Origin, e.g. `http://127.0.0.1:54321`. */
  readonly url: string;
  /** `url + '/v1'`: the `baseURL` for `new OpenAI(...)` and `new Anthropic(...)` (Anthropic adds `/v1` itself: use `url`). */
  readonly baseURL: string;
  /** Every request received, in order. */
  readonly requests: FakeRequest[];
  /** Every `POST /v1/audio/transcriptions` (OpenAI audio API, multipart): its fields and file size. */
  readonly transcriptions: FakeTranscription[];
  /** Streams whose client disconnected before the last event was written (e.g. a cancelled turn). */
  readonly abortedStreams: number;
  /** Resolves at the next (or an earlier, not yet awaited) client disconnect mid-stream. */
  waitForAbort(timeoutMs?: number): Promise<void>;
  /** Appends turns to a queue script. */
  push(...turns: FakeTurn[]): void;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

const ROUTES: Readonly<Record<string, FakeApi>> = {
  '/v1/responses': 'responses',
  '/v1/chat/completions': 'chat',
  '/v1/messages': 'anthropic',
};

const DEFAULT_ERROR_TYPES: Readonly<Record<number, [openai: string, anthropic: string]>> = {
  400: ['invalid_request_error', 'invalid_request_error'],
  401: ['invalid_request_error', 'authentication_error'],
  403: ['invalid_request_error', 'permission_error'],
  404: ['invalid_request_error', 'not_found_error'],
  429: ['rate_limit_exceeded', 'rate_limit_error'],
  500: ['server_error', 'api_error'],
  529: ['server_error', 'overloaded_error'],
};

function errorBody(api: FakeApi, error: FakeError): unknown {
  const [openaiType, anthropicType] = DEFAULT_ERROR_TYPES[error.status] ?? [
    'server_error',
    'api_error',
  ];
  const message = error.message ?? `Fake error ${error.status}`;
  if (api === 'anthropic')
    return { type: 'error', error: { type: error.type ?? anthropicType, message } };
  return {
    error: { message, type: error.type ?? openaiType, code: error.code ?? null, param: null },
  };
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/** A `multipart/form-data` body's text fields and its (one) file. */
function parseMultipart(body: Buffer, contentType: string): FakeTranscription {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const out: FakeTranscription = { fields: {}, filename: undefined, file: Buffer.alloc(0) };
  if (!boundary) return out;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString('utf8');
    const content = part.subarray(split + 4);
    const name = /name="([^"]*)"/.exec(headers)?.[1] ?? '';
    const filename = /filename="([^"]*)"/.exec(headers)?.[1];
    if (filename !== undefined) {
      out.filename = filename;
      out.file = Buffer.from(content);
    } else out.fields[name] = content.toString('utf8');
    start = next;
  }
  return out;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function render(api: FakeApi, turn: FakeTurn, body: Record<string, unknown>): Rendered {
  const model = typeof body.model === 'string' ? body.model : 'fake-model';
  if (api === 'responses') return renderResponses(turn, model);
  if (api === 'anthropic') return renderAnthropic(turn, model);
  const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
  return renderChat(turn, model, streamOptions?.include_usage === true);
}

/** A transcription request the fake received. */
export interface FakeTranscription {
  /** The form's text fields (`model`, `language`, …). */
  fields: Record<string, string>;
  filename: string | undefined;
  /** The uploaded file's bytes. */
  file: Buffer;
}

/** Options of {@link startFakeModelServer}. */
export interface FakeModelServerOptions {
  /** What `POST /v1/audio/transcriptions` answers (`{ text }`); default `fake transcript`. */
  transcript?: string | undefined;
  /**
   * The APIs served (default all three); the others answer 404 like a server without them, e.g.
   * `['chat']` for an Ollama- or vLLM-like server that has no Responses API.
   */
  apis?: readonly FakeApi[] | undefined;
}

/**
 * Starts a local fake of the OpenAI Responses, OpenAI Chat Completions and Anthropic Messages APIs
 * on `127.0.0.1` (random port), answering each request from `script`: a queue of turns (one per
 * request, in order; {@link FakeModelServer.push} adds more) or a function of the request. Turns are
 * rendered in the called API's real streaming format (or as one JSON body when `stream` is not
 * set), errors as that API's JSON error body, and `delayMs` slows a stream down so a test can cancel
 * mid-answer and observe the disconnect (`abortedStreams`, `waitForAbort`).
 *
 * Node-only (`node:http`); for tests and local development, never for production.
 *
 * @example
 * ```ts
 * import { startFakeModelServer } from '@threadline/server/testing';
 * import OpenAI from 'openai';
 *
 * const fake = await startFakeModelServer([{ text: 'Hello!' }]);
 * const client = new OpenAI({ baseURL: fake.baseURL, apiKey: 'test', maxRetries: 0 });
 * // … run your server against it …
 * await fake.close();
 * ```
 */
export async function startFakeModelServer(
  script: FakeScript = [],
  options: FakeModelServerOptions = {},
): Promise<FakeModelServer> {
  const queue: FakeTurn[] = typeof script === 'function' ? [] : [...script];
  const requests: FakeRequest[] = [];
  let aborted = 0;
  let unclaimedAborts = 0;
  const abortWaiters: (() => void)[] = [];
  const onAbort = () => {
    aborted += 1;
    const waiter = abortWaiters.shift();
    if (waiter) waiter();
    else unclaimedAborts += 1;
  };

  const nextTurn = async (request: FakeRequest): Promise<FakeTurn | undefined> =>
    typeof script === 'function' ? script(request) : queue.shift();

  const sendJson = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const transcriptions: FakeTranscription[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method === 'POST' && path === '/v1/audio/transcriptions') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      transcriptions.push(parseMultipart(Buffer.concat(chunks), req.headers['content-type'] ?? ''));
      sendJson(res, 200, { text: options.transcript ?? 'fake transcript' });
      return;
    }
    const api = ROUTES[path];
    if (
      req.method !== 'POST' ||
      api === undefined ||
      (options.apis && !options.apis.includes(api))
    ) {
      sendJson(res, 404, {
        error: { message: `fake model server: no route for ${req.method} ${path}` },
      });
      return;
    }
    const body = await readJson(req);
    const request: FakeRequest = {
      api,
      method: req.method,
      path,
      headers: req.headers,
      body,
      stream: body.stream === true,
    };
    requests.push(request);
    const turn = await nextTurn(request);
    if (!turn) {
      sendJson(res, 500, {
        error: {
          message: `fake model server: no scripted turn left for POST ${path}`,
          type: 'server_error',
        },
      });
      return;
    }
    if (turn.error) {
      sendJson(res, turn.error.status, errorBody(api, turn.error), turn.error.headers);
      return;
    }
    const rendered = render(api, turn, body);
    if (!request.stream) {
      sendJson(res, 200, rendered.json);
      return;
    }
    let finished = false;
    res.on('close', () => {
      if (!finished) onAbort();
    });
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const { event, data } of rendered.events) {
      if (turn.delayMs) await sleep(turn.delayMs);
      if (res.destroyed) return;
      res.write(`${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`);
    }
    if (api === 'chat') res.write('data: [DONE]\n\n');
    finished = true;
    res.end();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, { error: { message: `fake model server: ${String(error)}` } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    baseURL: `${url}/v1`,
    requests,
    transcriptions,
    get abortedStreams() {
      return aborted;
    },
    waitForAbort(timeoutMs = 5000) {
      if (unclaimedAborts > 0) {
        unclaimedAborts -= 1;
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('fake model server: no client disconnect observed')),
          timeoutMs,
        );
        abortWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    push(...turns) {
      queue.push(...turns);
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
