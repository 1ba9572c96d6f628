import { ConfigurationError } from '../../errors.js';
import { normalize, type Embedder } from './embedder.js';

/** Options of {@link OpenAIEmbedder}. */
export interface OpenAIEmbedderOptions {
  /** Base URL of an OpenAI-compatible API (OpenAI, Ollama `/v1`, vLLM); `/embeddings` is appended. */
  baseURL: string;
  model: string;
  apiKey?: string | undefined;
  /** Requested output size (models that support `dimensions`). */
  dimensions?: number | undefined;
  /** Inputs per request. Default 64. */
  batchSize?: number | undefined;
  /** Retries of a 429/5xx/network failure, with exponential backoff. Default 5. */
  maxRetries?: number | undefined;
  /** First backoff delay in ms (doubled each retry, or `Retry-After` when given). Default 500. */
  initialBackoffMs?: number | undefined;
  /** Per-request timeout in ms. Default 60 000. */
  timeoutMs?: number | undefined;
  fetch?: typeof fetch | undefined;
}

interface EmbeddingsResponse {
  data?: Array<{ index?: number; embedding?: number[] }>;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });

const retryAfterMs = (header: string | null): number | null => {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
};

/** An error from the embeddings endpoint that retrying will not fix. */
export class EmbeddingError extends Error {
  override readonly name = 'EmbeddingError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * Embeddings from any OpenAI-compatible `POST /embeddings`: inputs go in batches, 429 and 5xx
 * answers are retried with exponential backoff (honouring `Retry-After`), vectors come back
 * normalized.
 */
export class OpenAIEmbedder implements Embedder {
  readonly model: string;
  private readonly url: string;
  private readonly options: OpenAIEmbedderOptions;
  /** Requests made (including retries), for progress reports and tests. */
  requests = 0;

  constructor(options: OpenAIEmbedderOptions) {
    if (!options.baseURL || !options.model) {
      throw new ConfigurationError('OpenAIEmbedder needs a baseURL and a model');
    }
    this.options = options;
    this.model = options.dimensions ? `${options.model}@${options.dimensions}` : options.model;
    this.url = `${options.baseURL.replace(/\/+$/, '')}/embeddings`;
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const size = Math.max(1, this.options.batchSize ?? 64);
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += size) {
      out.push(...(await this.embedBatch(texts.slice(start, start + size), signal)));
    }
    return out;
  }

  private async embedBatch(input: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const maxRetries = this.options.maxRetries ?? 5;
    let delay = this.options.initialBackoffMs ?? 500;
    const doFetch = this.options.fetch ?? fetch;
    for (let attempt = 0; ; attempt++) {
      this.requests++;
      let response: Response;
      try {
        const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 60_000);
        response = await doFetch(this.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
          },
          body: JSON.stringify({
            model: this.options.model,
            input,
            ...(this.options.dimensions ? { dimensions: this.options.dimensions } : {}),
          }),
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
      } catch (error) {
        if (signal?.aborted || attempt >= maxRetries) throw error;
        await sleep(delay, signal);
        delay *= 2;
        continue;
      }
      if (response.ok) {
        const body = (await response.json()) as EmbeddingsResponse;
        const data = body.data ?? [];
        if (data.length !== input.length) {
          throw new EmbeddingError(
            `The embeddings endpoint returned ${data.length} vectors for ${input.length} inputs`,
          );
        }
        const ordered = [...data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
        return ordered.map((entry) => normalize(entry.embedding ?? []));
      }
      const retryable = response.status === 429 || response.status >= 500;
      if (!retryable || attempt >= maxRetries) {
        const detail = (await response.text().catch(() => '')).slice(0, 300);
        throw new EmbeddingError(
          `Embeddings request failed with HTTP ${response.status}: ${detail}`,
          response.status,
        );
      }
      await response.body?.cancel().catch(() => undefined);
      await sleep(retryAfterMs(response.headers.get('retry-after')) ?? delay, signal);
      delay *= 2;
    }
  }
}
