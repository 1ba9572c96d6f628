#!/usr/bin/env node
/**
 * `threadline <command>`:
 *   start [--demo] [--config <file>] [--port <n>]   serve (the default command)
 *   migrate [--config <file>]                        create or upgrade the store's tables, then exit
 *   check-config [--config <file>] [--demo]          validate the settings and print a summary
 *   mint-session --user <id> [--org <id>] [--ttl <seconds>]   print a signed session token
 *   feedback [--since <iso>] [--limit <n>] [--json]           list stored thumbs up/down
 */
import { parseArgs } from 'node:util';
import { mintSession, sessionCookie } from './auth/session.js';
import { START_OPTIONS, startOverrides, UsageError } from './cli-args.js';
import { loadConfig, type AppConfig } from './config.js';
import { configWarnings } from './config/warnings.js';
import { exitWithError, isEntryModule, runMain } from './main.js';
import { createStore } from './store.js';
import { runFeedback } from './cli/feedback.js';
import { runKb } from './cli/kb.js';

const USAGE = `Usage: threadline <command> [options]

Commands:
  start          Start the server (default). Options: --demo, --config <file>, --port <n>
  migrate        Create or upgrade the store's tables and exit. Options: --config <file>
  check-config   Validate the configuration and print a summary (no secrets). Options: --config <file>, --demo
  mint-session   Print a signed session token for a user (needs SESSION_SECRET).
                 Options: --user <id> (required), --org <id>, --ttl <seconds>
  feedback       List stored feedback (thumbs up/down), oldest first.
                 Options: --since <ISO time>, --limit <n>, --json, --config <file>
  help           Show this help

Every setting is an environment variable; see apps/server/README.md.
`;

const modelBaseUrl = (config: AppConfig): string | undefined =>
  config.model.provider === 'anthropic' ? config.model.anthropicBaseURL : config.model.baseURL;

function attachmentsSummary(config: AppConfig): string {
  const storage = config.attachmentStorage;
  if (storage.kind === 'filesystem') return config.uploadDir;
  const where = storage.endpoint ?? `AWS ${storage.region}`;
  const credentials = storage.credentials ? 'S3_ACCESS_KEY_ID' : 'the AWS default chain';
  return `s3://${storage.bucket}/${storage.prefix} at ${where}, credentials from ${credentials}`;
}

function summary(config: AppConfig): Record<string, unknown> {
  return {
    listen: `${config.server.host}:${config.server.port}`,
    store:
      config.store.kind === 'postgres'
        ? `postgres (schema ${config.store.schema ?? 'public'}, pool of ${config.store.maxConnections})`
        : `sqlite ${config.store.path}`,
    attachments: attachmentsSummary(config),
    model: config.demo.enabled
      ? 'demo'
      : config.model.configured
        ? `${config.model.name} via ${config.model.provider}${modelBaseUrl(config) ? ` at ${modelBaseUrl(config)}` : ''}`
        : 'none configured',
    auth:
      config.auth.methods.length > 0
        ? config.auth.methods
        : 'none configured (all /chatkit requests get 401)',
    rateLimit: {
      windowSeconds: config.rateLimit.windowMs / 1000,
      perIp: config.rateLimit.perIp,
      perUser: config.rateLimit.perUser,
      redis: config.rateLimit.redisUrl !== undefined,
    },
    cors: config.server.corsOrigins,
    chatkit: {
      mode: config.chatkit.mode,
      apiUrl: config.chatkit.apiUrl,
      domainKey: config.chatkit.domainKey,
      scriptUrl: config.chatkit.scriptUrl,
      uploads: config.chatkit.uploadStrategy,
    },
    agents: config.agents.agents.map((a) => ({
      id: a.id,
      name: a.name,
      model: a.model ?? config.model.name,
      tools: a.tools,
    })),
    configFile: config.configFile ?? null,
  };
}

export async function runCli(argv: string[]): Promise<void> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h') {
    process.stdout.write(USAGE);
    return;
  }
  const command = first === undefined || first.startsWith('-') ? 'start' : first;
  const args = command === first ? rest : argv;
  try {
    switch (command) {
      case 'start':
        return await runMain(args);
      case 'help':
        process.stdout.write(USAGE);
        return;
      case 'migrate': {
        const { values } = parseArgs({
          args,
          options: { config: START_OPTIONS.config },
          strict: true,
        });
        const config = loadConfig(startOverrides(values));
        const store = createStore(config);
        try {
          await store.migrate();
        } finally {
          await store.close();
        }
        process.stdout.write(`Migrated ${store.description}\n`);
        return;
      }
      case 'check-config': {
        const { values } = parseArgs({
          args,
          options: { config: START_OPTIONS.config, demo: START_OPTIONS.demo },
          strict: true,
        });
        const config = loadConfig(startOverrides(values));
        const warnings = configWarnings(config);
        process.stdout.write(
          `Configuration is valid.\n${JSON.stringify(summary(config), null, 2)}\n` +
            warnings.map((w) => `Warning: ${w}\n`).join(''),
        );
        return;
      }
      case 'kb':
        return await runKb(args);
      case 'feedback':
        return await runFeedback(args);
      case 'mint-session': {
        const { values } = parseArgs({
          args,
          options: { user: { type: 'string' }, org: { type: 'string' }, ttl: { type: 'string' } },
          strict: true,
        });
        if (!values.user) throw new UsageError('mint-session: --user <id> is required');
        const config = loadConfig();
        const secret = config.auth.session.secret;
        if (!secret)
          throw new UsageError('mint-session: set SESSION_SECRET (at least 32 characters) first');
        const ttl = values.ttl === undefined ? config.auth.session.ttlSeconds : Number(values.ttl);
        if (!Number.isSafeInteger(ttl) || ttl <= 0)
          throw new UsageError('mint-session: --ttl must be a positive integer');
        const token = await mintSession(secret, {
          userId: values.user,
          tenantId: values.org,
          ttlSeconds: ttl,
        });
        // Only the token on stdout, so `TOK=$(threadline mint-session …)` captures just it.
        process.stdout.write(`${token}\n`);
        process.stderr.write(
          `Use it as "Authorization: Bearer <token>" or as the cookie:\n` +
            `Set-Cookie: ${sessionCookie(config.auth.session, token, ttl)}\n`,
        );
        return;
      }
      default:
        throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
    }
  } catch (error) {
    if (
      error instanceof TypeError &&
      (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      exitWithError(new UsageError(error.message));
    }
    exitWithError(error);
  }
}

if (isEntryModule(import.meta.url)) await runCli(process.argv.slice(2));
