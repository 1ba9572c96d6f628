/**
 * The app's configuration: environment variables (the only place `process.env` is read) plus an
 * optional JSON file of agents, validated with zod. A bad value throws `ConfigError`, whose message
 * names each setting and what it allows; `main.ts` prints it and exits with status 1.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { AgentsFileSchema, DEFAULT_AGENTS, type AgentsFile } from './config/agents-file.js';
import { ENV_SETTINGS } from './config/env-schema.js';

export type AuthMethod = 'jwt' | 'session' | 'header' | 'anonymous';
export type ModelProvider = 'openai-responses' | 'openai-chat' | 'anthropic';

export interface AppConfig {
  server: {
    host: string;
    port: number;
    /** Absolute base URL clients reach us at (for links in pages); undefined → relative URLs. */
    publicUrl: string | undefined;
    maxBodyBytes: number;
    shutdownGraceMs: number;
    trustProxy: boolean;
    corsOrigins: string[];
  };
  dataDir: string;
  /**
   * Signs upload/preview URLs and anonymous-visitor cookies. Undefined → a random key kept in
   * `<dataDir>/.threadline-secret` (set it explicitly when several instances share the data).
   */
  secret: string | undefined;
  store:
    | { kind: 'sqlite'; path: string; tablePrefix: string }
    | {
        kind: 'postgres';
        connectionString: string;
        schema: string | undefined;
        tablePrefix: string;
        timeouts: { connectMs: number; statementMs: number; idleMs: number };
        /** Most connections in the pool. */
        maxConnections: number;
      };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  model: {
    /** False when neither an API key nor a base URL is set: every stream answers with a notice. */
    configured: boolean;
    provider: ModelProvider;
    /**
     * True when `OPENAI_BASE_URL` is set but `THREADLINE_MODEL_PROVIDER` is not: a 404 on
     * `/responses` switches to Chat Completions (what Ollama, vLLM and LM Studio serve).
     */
    fallbackToChat: boolean;
    name: string;
    titleModel: string | undefined;
    apiKey: string | undefined;
    baseURL: string | undefined;
    /** `ANTHROPIC_API_KEY` / `ANTHROPIC_BASE_URL`, used with the `anthropic` provider. */
    anthropicApiKey: string | undefined;
    anthropicBaseURL: string | undefined;
    /** Images as `data:` URLs (`inline`) or as signed preview URLs the provider fetches (`url`). */
    imageInput: 'inline' | 'url';
    /** PDFs as file input, as extracted text, or `auto` (text on OpenAI-compatible Chat servers). */
    pdfInput: 'auto' | 'file' | 'text';
    /** How many of the newest thread items the model sees. */
    historyLimit: number;
    /** Model ↔ tool round trips per turn. */
    maxTurns: number;
    /** Longest user message in characters (0 = no limit); longer ones get an error, no model call. */
    maxInputChars: number;
    /** Dictation (`input.transcribe`) through the OpenAI audio API of the same endpoint. */
    transcribe: { model: string; maxBytes: number; maxSeconds: number };
  };
  demo: { enabled: boolean; delayMs: number };
  /** Partial answers are stored this often while streaming; false when `THREADLINE_CHECKPOINT_MS=0`. */
  checkpoints: { intervalMs: number; maxDeltas: number } | false;
  /** An SSE comment after this long without a frame (0: never). */
  keepAliveMs: number;
  auth: {
    methods: AuthMethod[];
    jwt: {
      secret: string | undefined;
      jwksUrl: string | undefined;
      issuer: string | undefined;
      audience: string | undefined;
      userClaim: string;
      orgClaim: string;
      clockToleranceSeconds: number;
    };
    session: {
      /** Undefined when not configured; anonymous mode then signs with a per-process key. */
      secret: string | undefined;
      cookieName: string;
      ttlSeconds: number;
      secureCookie: boolean;
    };
    header: { userHeader: string; orgHeader: string; proxySecret: string | undefined };
  };
  rateLimit: { windowMs: number; perIp: number; perUser: number; redisUrl: string | undefined };
  chatkit: {
    mode: 'self_hosted' | 'hosted';
    apiUrl: string;
    domainKey: string;
    scriptUrl: string;
    workflowId: string | undefined;
    title: string;
    uploadStrategy: 'direct' | 'two_phase' | 'disabled';
    uploadMaxBytes: number;
    allowedMimeTypes: string[];
    maxAttachments: number;
  };
  uploadDir: string;
  /** Where attachment bytes go: `uploadDir`, or an S3-compatible bucket (`S3_BUCKET`). */
  attachmentStorage: { kind: 'filesystem' } | S3StorageConfig;
  /** Lifetimes of signed upload and preview URLs (and of S3 presigned ones). */
  uploadUrlTtlSeconds: number;
  previewUrlTtlSeconds: number;
  /** Uploads no message references are deleted after this long; 0 never deletes them. */
  uploadSweepAgeMs: number;
  /** Where the agents came from: a file path, or undefined for the built-in default agent. */
  configFile: string | undefined;
  agents: AgentsFile;
}

/** `S3_*` settings: the SDK's `S3AttachmentStore` options. */
export interface S3StorageConfig {
  kind: 's3';
  bucket: string;
  region: string;
  /** For MinIO, R2, Ceph…; unset: AWS. */
  endpoint: string | undefined;
  forcePathStyle: boolean;
  /** Unset: the AWS SDK's default chain (AWS_* variables, profile, container or instance role). */
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined;
  prefix: string;
  storageClass: S3StorageClass | undefined;
  /** Two-phase uploads and previews go straight between the browser and the bucket. */
  presignedUrls: boolean;
}

export type S3StorageClass = NonNullable<
  z.output<(typeof ENV_SETTINGS)['S3_STORAGE_CLASS']['schema']>
>;

/** Overrides from the command line (they win over the environment). */
export interface CliOverrides {
  configFile?: string | undefined;
  demo?: boolean | undefined;
  port?: number | undefined;
}

/** A configuration problem: the message lists every bad setting. Never shown with a stack trace. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the process environment. The only `process.env` access in the app. */
export function processEnv(): Record<string, string | undefined> {
  return process.env;
}

function describeIssues(
  issues: z.core.$ZodIssue[],
  env: Record<string, string | undefined>,
): string[] {
  return issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const setting = ENV_SETTINGS[key as keyof typeof ENV_SETTINGS];
    const value = env[key];
    const shown =
      value === undefined || setting?.secret ? '' : ` (got ${JSON.stringify(value.slice(0, 200))})`;
    return `${key}: ${issue.message}${shown}`;
  });
}

function readAgentsFile(path: string): AgentsFile {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError([`THREADLINE_CONFIG: cannot read ${path} (${code})`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new ConfigError([
      `THREADLINE_CONFIG: ${path} is not valid JSON (${(error as Error).message})`,
    ]);
  }
  const parsed = AgentsFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const where = issue.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('');
        return `THREADLINE_CONFIG ${path}: ${where.replace(/^\./, '') || '(root)'}: ${issue.message}`;
      }),
    );
  }
  const file = parsed.data;
  const ids = new Set<string>();
  const problems: string[] = [];
  for (const agent of file.agents) {
    if (ids.has(agent.id))
      problems.push(`THREADLINE_CONFIG ${path}: agent id "${agent.id}" is used twice`);
    ids.add(agent.id);
    for (const server of agent.mcpServers) {
      if (!(server in file.mcpServers)) {
        const known = Object.keys(file.mcpServers);
        problems.push(
          `THREADLINE_CONFIG ${path}: agents.${agent.id}.mcpServers: "${server}" is not one of the mcpServers (${known.length > 0 ? known.join(', ') : 'none defined'})`,
        );
      }
    }
  }
  for (const server of Object.values(file.mcpServers)) {
    if (server.transport === 'stdio' && server.cwd !== undefined)
      server.cwd = resolve(dirname(path), server.cwd);
  }
  if (file.defaultAgent !== undefined && !ids.has(file.defaultAgent)) {
    problems.push(
      `THREADLINE_CONFIG ${path}: defaultAgent "${file.defaultAgent}" is not one of the agents (${[...ids].join(', ')})`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return file;
}

function authMethods(configured: AuthMethod[], demo: boolean): AuthMethod[] {
  if (configured.length > 0) return configured;
  // Demo mode is an explicit opt-in to try the UI locally; it implies anonymous access.
  return demo ? ['anonymous'] : [];
}

/**
 * Builds the validated configuration from `env` (default: the process environment) and command-line
 * overrides. Relative paths resolve against `cwd`.
 *
 * @throws ConfigError naming every invalid setting.
 */
export function loadConfig(
  overrides: CliOverrides = {},
  env: Record<string, string | undefined> = processEnv(),
  cwd: string = process.cwd(),
): AppConfig {
  const parsed = z.object(ENV_SETTINGS_SCHEMA).safeParse(env);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error.issues, env));
  const s = parsed.data;
  const problems: string[] = [];

  const demo = overrides.demo === true || s.THREADLINE_DEMO;
  const methods = authMethods(s.THREADLINE_AUTH, demo);
  const jwtSecret = s.JWT_SECRET;
  if (methods.includes('jwt') && !jwtSecret && !s.JWT_JWKS_URL) {
    problems.push(
      'JWT_SECRET or JWT_JWKS_URL: one is required when THREADLINE_AUTH includes "jwt"',
    );
  }
  if (jwtSecret && s.JWT_JWKS_URL) {
    problems.push('JWT_SECRET and JWT_JWKS_URL: set only one (HS256 secret or a JWKS URL)');
  }
  if (methods.includes('session') && !s.SESSION_SECRET) {
    problems.push(
      'SESSION_SECRET: required (at least 32 characters) when THREADLINE_AUTH includes "session"',
    );
  }
  const mode = s.CHATKIT_MODE;
  if (mode === 'hosted' && !s.CHATKIT_WORKFLOW_ID) {
    problems.push('CHATKIT_WORKFLOW_ID: required when CHATKIT_MODE is "hosted"');
  }
  if (s.CHATKIT_WORKFLOW_ID && !s.OPENAI_API_KEY) {
    problems.push(
      'OPENAI_API_KEY: required when CHATKIT_WORKFLOW_ID is set (it mints ChatKit sessions)',
    );
  }

  problems.push(...s3Problems(s));

  const configFile = overrides.configFile ?? s.THREADLINE_CONFIG;
  let agents = DEFAULT_AGENTS;
  let configPath: string | undefined;
  if (configFile !== undefined) {
    configPath = resolve(cwd, configFile);
    try {
      agents = readAgentsFile(configPath);
    } catch (error) {
      if (error instanceof ConfigError) problems.push(...error.problems);
      else throw error;
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = resolve(cwd, s.THREADLINE_DATA_DIR);
  const provider = s.THREADLINE_MODEL_PROVIDER ?? 'openai-responses';
  const apiKey = s.OPENAI_API_KEY;
  const baseURL = s.OPENAI_BASE_URL;
  const anthropic = provider === 'anthropic';
  const modelName = s.THREADLINE_MODEL ?? (anthropic ? 'claude-sonnet-4-5' : 'gpt-4.1-mini');

  return {
    server: {
      host: s.HOST,
      port: overrides.port ?? s.PORT,
      publicUrl: s.PUBLIC_URL?.replace(/\/+$/, ''),
      maxBodyBytes: s.MAX_BODY_BYTES,
      shutdownGraceMs: s.SHUTDOWN_GRACE_SECONDS * 1000,
      trustProxy: s.TRUST_PROXY,
      corsOrigins: s.CORS_ORIGINS,
    },
    dataDir,
    secret: s.THREADLINE_SECRET,
    store: s.DATABASE_URL
      ? {
          kind: 'postgres',
          connectionString: s.DATABASE_URL,
          schema: s.DATABASE_SCHEMA,
          tablePrefix: s.DATABASE_TABLE_PREFIX,
          timeouts: {
            connectMs: s.DATABASE_CONNECT_TIMEOUT_MS,
            statementMs: s.DATABASE_STATEMENT_TIMEOUT_MS,
            idleMs: s.DATABASE_IDLE_TIMEOUT_MS,
          },
          maxConnections: s.DATABASE_POOL_MAX,
        }
      : {
          kind: 'sqlite',
          path: resolve(dataDir, 'threadline.db'),
          tablePrefix: s.DATABASE_TABLE_PREFIX,
        },
    logLevel: s.LOG_LEVEL,
    model: {
      configured: anthropic
        ? s.ANTHROPIC_API_KEY !== undefined || s.ANTHROPIC_BASE_URL !== undefined
        : apiKey !== undefined || baseURL !== undefined,
      provider,
      fallbackToChat: s.THREADLINE_MODEL_PROVIDER === undefined && baseURL !== undefined,
      name: modelName,
      titleModel: s.THREADLINE_TITLE_MODEL,
      apiKey,
      baseURL,
      anthropicApiKey: s.ANTHROPIC_API_KEY,
      anthropicBaseURL: s.ANTHROPIC_BASE_URL,
      imageInput: s.THREADLINE_MODEL_IMAGE_INPUT,
      pdfInput: s.THREADLINE_MODEL_PDF_INPUT,
      historyLimit: s.THREADLINE_HISTORY_LIMIT,
      maxTurns: s.THREADLINE_MAX_TURNS,
      maxInputChars: s.THREADLINE_MAX_INPUT_CHARS,
      transcribe: {
        model: s.THREADLINE_TRANSCRIBE_MODEL,
        maxBytes: s.THREADLINE_TRANSCRIBE_MAX_BYTES,
        maxSeconds: s.THREADLINE_TRANSCRIBE_MAX_SECONDS,
      },
    },
    demo: { enabled: demo, delayMs: s.THREADLINE_DEMO_DELAY_MS },
    checkpoints:
      s.THREADLINE_CHECKPOINT_MS === 0
        ? false
        : { intervalMs: s.THREADLINE_CHECKPOINT_MS, maxDeltas: s.THREADLINE_CHECKPOINT_DELTAS },
    keepAliveMs: s.THREADLINE_SSE_KEEPALIVE_MS,
    auth: {
      methods,
      jwt: {
        secret: jwtSecret,
        jwksUrl: s.JWT_JWKS_URL,
        issuer: s.JWT_ISSUER,
        audience: s.JWT_AUDIENCE,
        userClaim: s.JWT_USER_CLAIM,
        orgClaim: s.JWT_ORG_CLAIM,
        clockToleranceSeconds: s.JWT_CLOCK_TOLERANCE_SECONDS,
      },
      session: {
        secret: s.SESSION_SECRET,
        cookieName: s.SESSION_COOKIE_NAME,
        ttlSeconds: s.SESSION_TTL_SECONDS,
        secureCookie: s.SESSION_COOKIE_SECURE ?? s.PUBLIC_URL?.startsWith('https:') ?? false,
      },
      header: {
        userHeader: s.AUTH_HEADER_USER.toLowerCase(),
        orgHeader: s.AUTH_HEADER_ORG.toLowerCase(),
        proxySecret: s.AUTH_PROXY_SECRET,
      },
    },
    rateLimit: {
      windowMs: s.RATE_LIMIT_WINDOW_SECONDS * 1000,
      perIp: s.RATE_LIMIT_PER_IP,
      perUser: s.RATE_LIMIT_PER_USER,
      redisUrl: s.REDIS_URL,
    },
    chatkit: {
      mode,
      apiUrl: s.CHATKIT_API_URL,
      domainKey: s.CHATKIT_PK ?? s.CHATKIT_DOMAIN_KEY,
      scriptUrl: s.CHATKIT_SCRIPT_URL,
      workflowId: s.CHATKIT_WORKFLOW_ID,
      title: s.CHATKIT_TITLE,
      uploadStrategy: s.CHATKIT_UPLOAD_STRATEGY,
      uploadMaxBytes: s.CHATKIT_UPLOAD_MAX_BYTES,
      allowedMimeTypes: s.CHATKIT_ALLOWED_MIME_TYPES,
      maxAttachments: s.CHATKIT_MAX_ATTACHMENTS,
    },
    uploadDir: s.THREADLINE_UPLOAD_DIR
      ? resolve(cwd, s.THREADLINE_UPLOAD_DIR)
      : resolve(dataDir, 'attachments'),
    attachmentStorage: s.S3_BUCKET ? s3Storage(s, s.S3_BUCKET) : { kind: 'filesystem' },
    uploadUrlTtlSeconds: s.THREADLINE_UPLOAD_URL_TTL_SECONDS,
    previewUrlTtlSeconds: s.THREADLINE_PREVIEW_URL_TTL_SECONDS,
    uploadSweepAgeMs: s.THREADLINE_UPLOAD_SWEEP_AGE_SECONDS * 1000,
    configFile: configPath,
    agents,
  };
}

type ParsedSettings = z.output<ReturnType<typeof z.object<typeof ENV_SETTINGS_SCHEMA>>>;

const S3_OPTIONAL = [
  'S3_REGION',
  'S3_ENDPOINT',
  'S3_FORCE_PATH_STYLE',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'S3_SESSION_TOKEN',
  'S3_PREFIX',
  'S3_STORAGE_CLASS',
  'S3_PRESIGNED_URLS',
] as const;

/** Settings of the S3 storage that only make sense together. */
function s3Problems(s: ParsedSettings): string[] {
  const problems: string[] = [];
  if (!s.S3_BUCKET) {
    // A stray S3_* setting is most likely a forgotten bucket: silently storing on disk would hide it.
    const stray = S3_OPTIONAL.filter((key) => s[key] !== undefined);
    if (stray.length > 0)
      problems.push(
        `S3_BUCKET: required when ${stray.join(', ')} ${stray.length > 1 ? 'are' : 'is'} set`,
      );
    return problems;
  }
  if ((s.S3_ACCESS_KEY_ID === undefined) !== (s.S3_SECRET_ACCESS_KEY === undefined)) {
    problems.push(
      'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: set both, or neither to use the AWS SDK default credential chain',
    );
  }
  if (s.S3_SESSION_TOKEN !== undefined && s.S3_ACCESS_KEY_ID === undefined) {
    problems.push('S3_SESSION_TOKEN: only used with S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY');
  }
  if (s.THREADLINE_UPLOAD_DIR !== undefined) {
    problems.push('THREADLINE_UPLOAD_DIR and S3_BUCKET: set only one (disk or bucket)');
  }
  return problems;
}

function s3Storage(s: ParsedSettings, bucket: string): S3StorageConfig {
  const keys =
    s.S3_ACCESS_KEY_ID !== undefined && s.S3_SECRET_ACCESS_KEY !== undefined
      ? {
          accessKeyId: s.S3_ACCESS_KEY_ID,
          secretAccessKey: s.S3_SECRET_ACCESS_KEY,
          ...(s.S3_SESSION_TOKEN === undefined ? {} : { sessionToken: s.S3_SESSION_TOKEN }),
        }
      : undefined;
  return {
    kind: 's3',
    bucket,
    region: s.S3_REGION ?? 'us-east-1',
    endpoint: s.S3_ENDPOINT,
    // MinIO and most self-hosted servers have no per-bucket host names.
    forcePathStyle: s.S3_FORCE_PATH_STYLE ?? s.S3_ENDPOINT !== undefined,
    credentials: keys,
    prefix: s.S3_PREFIX ?? 'attachments/',
    storageClass: s.S3_STORAGE_CLASS,
    presignedUrls: s.S3_PRESIGNED_URLS ?? false,
  };
}

const ENV_SETTINGS_SCHEMA = Object.fromEntries(
  Object.entries(ENV_SETTINGS).map(([key, setting]) => [key, setting.schema]),
) as { [K in keyof typeof ENV_SETTINGS]: (typeof ENV_SETTINGS)[K]['schema'] };
