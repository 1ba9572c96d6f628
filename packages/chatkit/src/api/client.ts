import { isHostedApi, type ChatKitOptions } from '../options.js';
import { readSseBatches } from './sse.js';

/** OpenAI's ChatKit endpoint, used only in hosted mode when the options name no other URL. */
const HOSTED_URL = 'https://api.openai.com/v1/chatkit';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ChatKitRequest {
  type: string;
  params: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

/**
 * The only way this runtime talks to the network: every request goes through `api.fetch` (or the
 * page's fetch) to the configured API. Nothing else is ever contacted (no telemetry, no domain-key
 * verification).
 */
export class ApiClient {
  private secret: string | null = null;

  constructor(
    private readonly api: ChatKitOptions['api'],
    /** The `locale` option, read per request: the server picks its texts' language from it. */
    private readonly locale: () => string | undefined = () => undefined,
  ) {}

  get url(): string {
    return isHostedApi(this.api) ? (this.api.url ?? HOSTED_URL) : this.api.url;
  }

  get uploadStrategy() {
    return isHostedApi(this.api) ? undefined : this.api.uploadStrategy;
  }

  /** The configured fetch, bound so interceptors written for `window.fetch` keep working. */
  readonly fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const f = this.api.fetch ?? globalThis.fetch.bind(globalThis);
    return f(input, init);
  };

  private async post(
    body: ChatKitRequest,
    signal?: AbortSignal,
    retried = false,
  ): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    // Without the option the browser's own Accept-Language goes out (docs/protocol.md §1.1).
    const locale = this.locale();
    if (locale) headers['accept-language'] = locale;
    if (isHostedApi(this.api)) {
      this.secret ??= await this.api.getClientSecret(null);
      headers.authorization = `Bearer ${this.secret}`;
    }
    const response = await this.fetch(this.url, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      ...(signal ? { signal } : {}),
    });
    if (response.status === 401 && isHostedApi(this.api) && !retried) {
      this.secret = await this.api.getClientSecret(this.secret);
      return this.post(body, signal, true);
    }
    if (!response.ok) throw await errorFrom(response);
    return response;
  }

  /** A non-streaming request: resolves to the JSON body. */
  async request<T = unknown>(body: ChatKitRequest, signal?: AbortSignal): Promise<T> {
    const response = await this.post(body, signal);
    const text = await response.text();
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** A streaming request: yields the SSE events of each network chunk as they arrive. */
  async *stream(body: ChatKitRequest, signal?: AbortSignal): AsyncGenerator<unknown[]> {
    const response = await this.post(body, signal);
    if (!response.body) throw new ApiError('The response has no body', response.status);
    yield* readSseBatches(response.body, signal);
  }
}

async function errorFrom(response: Response): Promise<ApiError> {
  let message = `Request failed with status ${response.status}`;
  let code: string | undefined;
  try {
    const payload = (await response.json()) as { error?: { message?: string; code?: string } };
    if (payload.error?.message) message = payload.error.message;
    code = payload.error?.code;
  } catch {
    // Not JSON: keep the status text.
  }
  return new ApiError(message, response.status, code);
}
