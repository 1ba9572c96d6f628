/**
 * Starts the server: `node dist/main.js [--demo] [--config <file>] [--port <n>]` (what `npm start`
 * runs). Also exports `startServer` for the CLI and tests.
 */
import { createAdaptorServer } from '@hono/node-server';
import { realpathSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseStartArgs, UsageError } from './cli-args.js';
import { ConfigError, loadConfig, type AppConfig } from './config.js';
import { configWarnings } from './config/warnings.js';
import { createLogger, type AppLogger } from './logging.js';
import { createRuntime, type Runtime, type RuntimeOverrides } from './runtime.js';

export interface RunningServer {
  url: string;
  port: number;
  runtime: Runtime;
  /** Graceful shutdown: stop accepting, let streams finish (grace period), cancel the rest, close. */
  shutdown(reason?: string): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** How long cancelled streams get to save their partial answers before connections are cut. */
const CANCEL_SETTLE_MS = 5_000;

export async function startServer(
  config: AppConfig,
  logger: AppLogger,
  overrides: RuntimeOverrides = {},
): Promise<RunningServer> {
  const runtime = await createRuntime(config, logger, overrides);
  const httpServer = createAdaptorServer({ fetch: runtime.app.fetch }) as Server;
  let address: AddressInfo;
  try {
    address = await listen(httpServer, config.server.port, config.server.host);
  } catch (error) {
    await runtime.close();
    throw error;
  }
  const shownHost = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.server.host)
    ? 'localhost'
    : config.server.host;
  const url = `http://${shownHost}:${address.port}`;
  const { summary } = runtime;
  logger.info(
    {
      url,
      port: address.port,
      ...summary,
      demo: config.demo.enabled,
      configFile: config.configFile ?? null,
    },
    `Threadline listening on ${url} · store: ${summary.store} · model: ${summary.model} · auth: ${summary.auth}`,
  );

  for (const warning of configWarnings(config)) logger.warn(warning);

  let stopping: Promise<void> | undefined;
  const shutdown = (reason = 'shutdown') => {
    stopping ??= (async () => {
      runtime.draining.value = true;
      const open = runtime.chatkit.openStreams.size;
      logger.info(
        { reason, openStreams: open },
        'Shutting down: no new connections; open streams may finish',
      );
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      await runtime.chatkit.close({
        graceMs: config.server.shutdownGraceMs,
        settleMs: CANCEL_SETTLE_MS,
        reason: new Error('The server is shutting down'),
        onCancel: (openStreams) =>
          logger.warn({ openStreams }, 'Grace period over: cancelling open streams'),
      });
      httpServer.closeAllConnections();
      await closed;
      await runtime.close();
      logger.info('Stopped');
    })();
    return stopping;
  };
  return { url, port: address.port, runtime, shutdown };
}

/** Prints a configuration or start-up problem without a stack trace and exits with status 1. */
export function exitWithError(error: unknown): never {
  if (error instanceof ConfigError || error instanceof UsageError) {
    process.stderr.write(`threadline: ${error.message}\n`);
  } else {
    process.stderr.write(
      `threadline: could not start: ${(error as Error)?.message ?? String(error)}\n`,
    );
  }
  process.exit(1);
}

/** Start in the foreground with signal handling (SIGTERM/SIGINT → graceful shutdown, exit 0). */
export async function runMain(argv: string[]): Promise<void> {
  let running: RunningServer;
  let logger: AppLogger;
  try {
    const args = parseStartArgs(argv);
    if (args.help) {
      process.stdout.write(
        'Usage: node dist/main.js [--demo] [--config <file>] [--port <n>]\nSee apps/server/README.md for every setting.\n',
      );
      return;
    }
    const config = loadConfig(args);
    logger = createLogger(config.logLevel);
    running = await startServer(config, logger);
  } catch (error) {
    exitWithError(error);
  }
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      logger.warn({ signal }, 'Second signal: cancelling open streams now');
      running.runtime.chatkit.openStreams.abortAll(new Error('The server is shutting down'));
      return;
    }
    running.shutdown(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** Whether this module is the process's entry script (symlinks resolved, as for npm bins). */
export function isEntryModule(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return pathToFileURL(realpathSync(entry)).href === moduleUrl;
  } catch {
    return false;
  }
}

if (isEntryModule(import.meta.url)) await runMain(process.argv.slice(2));
