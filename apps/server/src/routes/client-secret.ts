import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../app-env.js';
import { errorJson } from '../http/json-error.js';

/** `{ current_client_secret }` is small; anything bigger is refused. */
const MAX_BODY_BYTES = 16 * 1024;

/** Mints a ChatKit client secret for a user (hosted mode). */
export interface ClientSecretMinter {
  mint(user: string, currentClientSecret: string | undefined): Promise<string>;
}

/**
 * `POST /chatkit/client_secret` (hosted mode): body `{ current_client_secret? }` → `{ client_secret }`.
 * The ChatKit session's `user` is the caller (scoped by organization when there is one).
 */
export function clientSecretRoutes(minter: ClientSecretMinter | undefined): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () =>
      errorJson(413, 'payload_too_large', `The body may be at most ${MAX_BODY_BYTES} bytes`),
  });
  app.post('/', limit, async (c) => {
    if (!minter) {
      return errorJson(
        404,
        'hosted_mode_disabled',
        'Hosted mode is not configured on this server (set CHATKIT_WORKFLOW_ID)',
      );
    }
    let current: string | undefined;
    const text = await c.req.text();
    if (text.trim() !== '') {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return errorJson(400, 'invalid_request', 'The body must be JSON');
      }
      const value = (body as { current_client_secret?: unknown } | null)?.current_client_secret;
      if (value !== undefined && value !== null && typeof value !== 'string') {
        return errorJson(400, 'invalid_request', 'current_client_secret must be a string');
      }
      current = value ?? undefined;
    }
    const identity = c.get('identity');
    const user = identity.tenantId ? `${identity.tenantId}:${identity.userId}` : identity.userId;
    try {
      return c.json({ client_secret: await minter.mint(user, current) });
    } catch (error) {
      c.get('log').error({ err: error }, 'Creating a ChatKit session failed');
      return errorJson(
        502,
        'upstream_error',
        'Could not create a ChatKit session; try again later',
      );
    }
  });
  return app;
}
