import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig, type AppConfig, type CliOverrides } from '../../src/config.js';
import { createLogger, type AppLogger } from '../../src/logging.js';
import { createRuntime, type Runtime, type RuntimeOverrides } from '../../src/runtime.js';
import { JWT_SECRET, jwtFor } from './tokens.js';

/** Log lines captured from the app's pino logger. */
export class LogCapture extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _encoding: string, callback: () => void): void {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() !== '') this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    callback();
  }
}

export interface TestApp {
  runtime: Runtime;
  config: AppConfig;
  logs: LogCapture;
  logger: AppLogger;
  dataDir: string;
  /** `app.request` with optional bearer token, JSON body and extra headers. */
  request(
    path: string,
    init?: RequestInit & { token?: string | undefined; json?: unknown },
  ): Promise<Response>;
  /** POST /chatkit as `user` (a JWT is minted for them). */
  chatkit(
    user: string | undefined,
    body: unknown,
    options?: { agent?: string; headers?: Record<string, string> },
  ): Promise<Response>;
  close(): Promise<void>;
}

/** Default environment: JWT auth, uploads off, quiet logs, a private data directory. */
export function baseEnv(dataDir: string): Record<string, string> {
  return {
    THREADLINE_DATA_DIR: dataDir,
    THREADLINE_AUTH: 'jwt',
    JWT_SECRET,
    CHATKIT_UPLOAD_STRATEGY: 'disabled',
    LOG_LEVEL: 'info',
  };
}

export async function makeApp(
  env: Record<string, string | undefined> = {},
  options: { overrides?: RuntimeOverrides; cli?: CliOverrides } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'threadline-app-'));
  const config = loadConfig(options.cli ?? {}, { ...baseEnv(dataDir), ...env }, dataDir);
  const logs = new LogCapture();
  const logger = createLogger(config.logLevel, logs);
  const runtime = await createRuntime(config, logger, options.overrides);
  const tokens = new Map<string, string>();
  const tokenFor = async (user: string) => {
    let token = tokens.get(user);
    if (!token) tokens.set(user, (token = await jwtFor(user)));
    return token;
  };
  const request: TestApp['request'] = async (path, init = {}) => {
    const { token, json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    if (json !== undefined) headers.set('content-type', 'application/json');
    return runtime.app.request(path, {
      ...rest,
      headers,
      ...(json !== undefined ? { body: JSON.stringify(json), method: rest.method ?? 'POST' } : {}),
    });
  };
  return {
    runtime,
    config,
    logs,
    logger,
    dataDir,
    request,
    chatkit: async (user, body, opts = {}) =>
      request(opts.agent ? `/chatkit?agent_id=${encodeURIComponent(opts.agent)}` : '/chatkit', {
        method: 'POST',
        json: body,
        token: user === undefined ? undefined : await tokenFor(user),
        headers: opts.headers,
      }),
    close: async () => {
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
