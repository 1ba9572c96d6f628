import type { PageContext } from './page-context';

/**
 * The requests that start a model turn (docs/protocol.md lists the operations); the page goes with
 * each, in the envelope's top-level `metadata` (docs/protocol.md §1.4), which the Threadline app
 * puts into the model's instructions.
 */
const TURN_OPERATIONS = new Set([
  'threads.create',
  'threads.add_user_message',
  'threads.retry_after_item',
  'threads.custom_action',
  'threads.add_client_tool_output',
]);

interface Envelope {
  type?: unknown;
  metadata?: Record<string, unknown>;
}

/** The ChatKit request envelope, or undefined for a body that is not one (passed on untouched). */
function parseRequest(body: string): Envelope | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Envelope) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * ChatKit's `api.fetch`: adds the current page's context to turn requests, and sends the
 * Threadline server's cookies although it lives on another origin (its anonymous visitor cookie,
 * or a session cookie), which the server's `CORS_ORIGINS` must allow.
 */
export function withPageContext(
  readContext: () => PageContext,
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): typeof fetch {
  return (input, init) => {
    const body = init?.body;
    if (typeof body !== 'string') return fetchImpl(input, { ...init, credentials: 'include' });
    const request = parseRequest(body);
    const withContext =
      request && typeof request.type === 'string' && TURN_OPERATIONS.has(request.type)
        ? JSON.stringify({
            ...request,
            metadata: { ...request.metadata, pageContext: readContext() },
          })
        : body;
    return fetchImpl(input, { ...init, body: withContext, credentials: 'include' });
  };
}
