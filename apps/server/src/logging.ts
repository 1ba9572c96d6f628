/**
 * JSON logs (pino). Every line written while a request is handled carries its `reqId`: the id lives
 * in AsyncLocalStorage and pino's `mixin` adds it, so SDK log lines get it too.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';
import type { Logger } from '@threadline/server';

export interface RequestScope {
  requestId: string;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

export type AppLogger = PinoLogger;

/** The app's root logger. `destination` defaults to stdout (tests pass their own stream). */
export function createLogger(level: string, destination?: DestinationStream): AppLogger {
  return pino(
    {
      level,
      base: { service: 'threadline' },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const scope = requestScope.getStore();
        return scope ? { reqId: scope.requestId } : {};
      },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/** Adapts pino to the SDK's `Logger` (message first, details after). */
export function sdkLogger(logger: AppLogger): Logger {
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, ...details: unknown[]) => {
      const detail = details[0];
      if (detail instanceof Error) logger[level]({ err: detail }, message);
      else if (detail !== undefined) logger[level]({ detail }, message);
      else logger[level](message);
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
