import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { errorJson } from '../http/json-error.js';

/** Auth methods a browser attaches by itself (cookies), so a cross-site page could ride them. */
const COOKIE_METHODS = new Set(['anonymous', 'session']);

/**
 * Cross-site request forgery guard for cookie-authenticated requests (run after `requireAuth`).
 * A page on another site can make the browser POST with the user's cookie, without a preflight,
 * as long as the body is `text/plain`, form-encoded or multipart. So, for those callers:
 * - an `Origin` (or `Sec-Fetch-Site: cross-site` without one) must be this app's own origin,
 *   `PUBLIC_URL`, or one of `CORS_ORIGINS` (not `*`), else 403 `forbidden_origin`;
 * - the ChatKit endpoint (`jsonOnly`) requires `Content-Type: application/json`, else 415.
 * Bearer-token callers are not affected: a browser never attaches their token by itself.
 */
export function cookieOriginGuard(options: {
  allowedOrigins: readonly string[];
  publicUrl: string | undefined;
  jsonOnly: boolean;
}): MiddlewareHandler<AppEnv> {
  const allowed = new Set(options.allowedOrigins.filter((o) => o !== '*'));
  if (options.publicUrl) allowed.add(new URL(options.publicUrl).origin);
  return async (c, next) => {
    if (!COOKIE_METHODS.has(c.get('identity').method) || c.req.method === 'GET') return next();
    const origin = c.req.header('origin');
    const own = new URL(c.req.url).origin;
    const crossSite =
      origin !== undefined
        ? origin !== own && !allowed.has(origin)
        : c.req.header('sec-fetch-site') === 'cross-site';
    if (crossSite) {
      return errorJson(403, 'forbidden_origin', 'Requests from this origin are not allowed');
    }
    if (options.jsonOnly) {
      const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/json') {
        return errorJson(415, 'unsupported_media_type', 'Send the request as application/json');
      }
    }
    return next();
  };
}
