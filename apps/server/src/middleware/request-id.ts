import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { requestScope, type AppLogger } from '../logging.js';

export const REQUEST_ID_HEADER = 'x-request-id';
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (the caller's `X-Request-Id` when it is safe, else a UUID), returns it
 * in `X-Request-Id`, and runs the rest of the request inside a log scope, so every log line carries
 * it. Logs one line per request when the response headers are ready.
 */
export function requestId(logger: AppLogger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const given = c.req.header(REQUEST_ID_HEADER);
    const id = given !== undefined && SAFE_ID.test(given) ? given : randomUUID();
    c.set('requestId', id);
    c.set('log', logger);
    const started = performance.now();
    await requestScope.run({ requestId: id }, async () => {
      await next();
      c.res.headers.set(REQUEST_ID_HEADER, id);
      logger.info(
        {
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms: Math.round((performance.now() - started) * 10) / 10,
        },
        'request',
      );
    });
  };
}
