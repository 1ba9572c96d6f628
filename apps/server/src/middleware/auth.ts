import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { AuthError, type Authenticate } from '../auth/identity.js';
import { errorJson } from '../http/json-error.js';

/**
 * Resolves the caller with `authenticate` and stores the identity for the route; missing or
 * invalid credentials are a 401 JSON error. An unexpected failure (e.g. the JWKS endpoint is down)
 * is a 503, logged, with no detail sent.
 */
export function requireAuth(authenticate: Authenticate): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let identity;
    try {
      identity = await authenticate(c.req.raw);
    } catch (error) {
      if (error instanceof AuthError) {
        const challenge = error.code === 'unauthorized' ? 'Bearer' : `Bearer error="invalid_token"`;
        return errorJson(401, error.code, error.message, { 'www-authenticate': challenge });
      }
      c.get('log').error({ err: error }, 'Authentication failed unexpectedly');
      return errorJson(503, 'auth_unavailable', 'Authentication is temporarily unavailable');
    }
    c.set('identity', identity);
    // Set before the route runs, for the Node adapter, which writes the response itself from the
    // headers prepared so far; and after, for a route that returns its own Response (Hono does not
    // merge prepared headers into it).
    const cookie = identity.setCookie;
    if (cookie) c.header('set-cookie', cookie, { append: true });
    await next();
    if (cookie && !c.res.headers.getSetCookie().includes(cookie)) {
      c.res.headers.append('set-cookie', cookie);
    }
  };
}
