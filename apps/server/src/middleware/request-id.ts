import type { MiddlewareHandler } from 'hono';
import { every } from 'hono/combine';
import { requestId as honoRequestId } from 'hono/request-id';
import type { AppEnv } from '../app-env.js';
import { requestScope, type AppLogger } from '../logging.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Gives every request an id (Hono's request-id middleware: the caller's `X-Request-Id` when it is
 * short and made of word characters, `-` and `=`, else a UUID; echoed in the response), and runs
 * the rest of the request inside a log scope, so every log line carries it. Logs one line per
 * request when the response headers are ready.
 */
export function requestId(logger: AppLogger): MiddlewareHandler<AppEnv> {
  return every(
    honoRequestId({ headerName: REQUEST_ID_HEADER, limitLength: 128 }),
    async (c, next) => {
      const id = c.get('requestId');
      c.set('log', logger);
      const started = performance.now();
      await requestScope.run({ requestId: id }, async () => {
        await next();
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
    },
  );
}
