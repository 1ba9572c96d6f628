import type { Logger } from '@threadline/server';

/** Where a model call went, for the logs (never the API key). */
export interface ProviderCall {
  provider: string;
  /** The URL called, e.g. `http://localhost:11434/v1/chat/completions`. */
  endpoint: string;
  model: string;
}

/** The HTTP status and provider error code of an `openai` / `@anthropic-ai/sdk` API error. */
export function providerErrorInfo(
  error: unknown,
): { status: number | undefined; code: string | undefined; type: string } | undefined {
  if (!(error instanceof Error)) return undefined;
  const { status, code } = error as { status?: unknown; code?: unknown };
  const name = error.constructor.name;
  // Both SDKs name their errors `…Error` and set `status` on HTTP failures.
  if (typeof status !== 'number' && !/^(API|Anthropic)\w*Error$/.test(name)) return undefined;
  return {
    status: typeof status === 'number' ? status : undefined,
    code: typeof code === 'string' ? code : undefined,
    type: name,
  };
}

/**
 * Re-yields `events`, logging a provider failure (status, endpoint, model, error code; never the
 * key or the request) before rethrowing it, so "the model is not available" has a cause in the logs.
 */
export async function* logProviderErrors<T>(
  events: AsyncIterable<T>,
  call: () => ProviderCall,
  logger: Logger,
): AsyncGenerator<T, void, undefined> {
  try {
    yield* events;
  } catch (error) {
    const info = providerErrorInfo(error);
    if (info) {
      logger.error('Model provider error', {
        ...call(),
        status: info.status ?? null,
        code: info.code ?? null,
        error: info.type,
        // Providers echo a masked key in 401 messages: drop anything key-like.
        message: (error as Error).message.replace(/\b(sk|key)-\S+/gi, '[redacted]').slice(0, 300),
      });
    }
    throw error;
  }
}

/**
 * A 404 from an OpenAI-compatible server that has no such endpoint (Ollama, vLLM and LM Studio
 * serve Chat Completions only), as opposed to OpenAI's 404 for an unknown model.
 */
export function isMissingEndpoint(error: unknown): boolean {
  const info = providerErrorInfo(error);
  return info?.status === 404 && info.code !== 'model_not_found';
}
