/**
 * The `api.fetch` handed to ChatKit: every request gets the visitor's bearer token and, for the
 * JSON protocol requests, a top-level `metadata` object (docs/protocol.md §1.4). The Threadline
 * app folds that metadata into the request context and, bounded and escaped, into the model's
 * instructions, so the model knows who is asking and on which page.
 */
export type Metadata = Record<string, unknown>;

export function createChatFetch(options: {
  token: () => string;
  metadata: () => Metadata;
}): typeof fetch {
  return async (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${options.token()}`);
    let body = init.body;
    // Uploads are multipart (FormData): only JSON protocol requests carry metadata.
    if (typeof body === 'string' && headers.get('content-type')?.includes('application/json')) {
      const request = JSON.parse(body) as { metadata?: Metadata };
      body = JSON.stringify({
        ...request,
        metadata: { ...request.metadata, ...options.metadata() },
      });
    }
    return fetch(input, { ...init, headers, body });
  };
}
