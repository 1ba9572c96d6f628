/**
 * Every environment variable the app reads, with its zod schema. `README.md` documents each one
 * (a test keeps the two in step). Values arrive as strings; an empty string counts as unset.
 */
import { z } from 'zod';

const unsetIfEmpty = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const str = () => z.preprocess(unsetIfEmpty, z.string().optional());

const int = (min: number, max: number, fallback: number) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string({ error: `expected an integer from ${min} to ${max}` })
      .regex(/^\d+$/, `expected an integer from ${min} to ${max}`)
      .transform(Number)
      .pipe(
        z
          .number()
          .int()
          .min(min, `expected an integer from ${min} to ${max}`)
          .max(max, `expected an integer from ${min} to ${max}`),
      )
      .default(fallback),
  );

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);
const bool = <D extends boolean | undefined>(fallback: D) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .refine((v) => TRUE.has(v.toLowerCase()) || FALSE.has(v.toLowerCase()), {
        message: 'expected true/false (also 1/0, yes/no, on/off)',
      })
      .transform((v) => TRUE.has(v.toLowerCase()))
      .optional()
      .transform((v) => (v === undefined ? fallback : v)),
  );

const oneOf = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z.preprocess(
    unsetIfEmpty,
    z.enum(values, { error: `expected one of: ${values.join(', ')}` }).default(fallback as never),
  );

const url = (protocols: RegExp, what: string) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .refine((v) => {
        try {
          return protocols.test(new URL(v).protocol);
        } catch {
          return false;
        }
      }, `expected ${what}`)
      .optional(),
  );

const list = () =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .optional()
      .transform((v) =>
        v === undefined
          ? []
          : v
              .split(',')
              .map((item) => item.trim())
              .filter((item) => item !== ''),
      ),
  );

const AUTH_METHODS = ['jwt', 'session', 'header', 'anonymous'] as const;

const authList = z.preprocess(
  unsetIfEmpty,
  z
    .string()
    .optional()
    .transform((v) =>
      v === undefined
        ? []
        : v
            .split(',')
            .map((item) => item.trim().toLowerCase())
            .filter(Boolean),
    )
    .pipe(
      z.array(
        z.enum(AUTH_METHODS, {
          error: `expected a comma-separated list of: ${AUTH_METHODS.join(', ')}`,
        }),
      ),
    ),
);

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/([a-z0-9][a-z0-9!#$&^_.+-]*|\*)$/i;
const mimeList = list().pipe(
  z.array(
    z
      .string()
      .regex(
        MIME,
        'expected a comma-separated list of MIME types such as image/png, application/pdf or image/*',
      ),
  ),
);

const origins = list().pipe(
  z.array(
    z
      .string()
      .refine(
        (v) => v === '*' || /^https?:\/\/[^/]+$/.test(v),
        'expected a comma-separated list of origins such as https://app.example.com (no path), or *',
      ),
  ),
);

const headerName = (fallback: string) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^[A-Za-z0-9-]+$/, 'expected an HTTP header name')
      .default(fallback),
  );

const secret = (minLength: number) =>
  z.preprocess(
    unsetIfEmpty,
    z.string().min(minLength, `expected at least ${minLength} characters`).optional(),
  );

/**
 * Storage classes an attachment can be read back from at once (archive classes such as GLACIER
 * need a restore first, so a preview would fail).
 */
const S3_STORAGE_CLASSES = [
  'STANDARD',
  'REDUCED_REDUNDANCY',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER_IR',
  'EXPRESS_ONEZONE',
] as const;

interface Setting<S extends z.ZodType> {
  schema: S;
  /** Never echo the value in error messages. */
  secret?: boolean;
}
const setting = <S extends z.ZodType>(schema: S, secretValue = false): Setting<S> => ({
  schema,
  secret: secretValue,
});

/** Schema of every setting; see README.md for the meaning of each. */
export const ENV_SETTINGS = {
  // Server
  HOST: setting(z.preprocess(unsetIfEmpty, z.string().default('127.0.0.1'))),
  PORT: setting(int(0, 65535, 8000)),
  PUBLIC_URL: setting(url(/^https?:$/, 'an http(s) URL such as https://chat.example.com')),
  MAX_BODY_BYTES: setting(int(1024, 1024 * 1024 * 1024, 1024 * 1024)),
  SHUTDOWN_GRACE_SECONDS: setting(int(0, 3600, 10)),
  TRUST_PROXY: setting(bool(false)),
  CORS_ORIGINS: setting(origins),
  LOG_LEVEL: setting(oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info')),
  THREADLINE_CONFIG: setting(str()),
  THREADLINE_DATA_DIR: setting(z.preprocess(unsetIfEmpty, z.string().default('./data'))),
  THREADLINE_UPLOAD_DIR: setting(str()),
  THREADLINE_UPLOAD_SWEEP_AGE_SECONDS: setting(int(0, 365 * 24 * 3600, 24 * 3600)),
  THREADLINE_SECRET: setting(secret(32), true),
  // Signed upload and preview URLs (also the lifetime of S3 presigned URLs); SigV4 allows 7 days.
  THREADLINE_UPLOAD_URL_TTL_SECONDS: setting(int(60, 7 * 24 * 3600, 900)),
  THREADLINE_PREVIEW_URL_TTL_SECONDS: setting(int(60, 7 * 24 * 3600, 3600)),
  // Attachments in an S3-compatible bucket instead of THREADLINE_UPLOAD_DIR (S3_BUCKET turns it on).
  S3_BUCKET: setting(
    z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .regex(
          /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
          'expected a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens',
        )
        .optional(),
    ),
  ),
  S3_REGION: setting(
    z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .regex(/^[a-z0-9-]{1,40}$/, 'expected a region such as us-east-1 (or auto for R2)')
        .optional(),
    ),
  ),
  S3_ENDPOINT: setting(url(/^https?:$/, 'an http(s) URL such as http://127.0.0.1:9000')),
  S3_FORCE_PATH_STYLE: setting(bool(undefined)),
  S3_ACCESS_KEY_ID: setting(str(), true),
  S3_SECRET_ACCESS_KEY: setting(str(), true),
  S3_SESSION_TOKEN: setting(str(), true),
  S3_PREFIX: setting(
    z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .max(512, 'expected at most 512 characters')
        .regex(
          /^(?!\/)[A-Za-z0-9!_.*'()/-]*$/,
          "expected a key prefix of letters, digits and !_.*'()-/ (no leading /), such as attachments/",
        )
        .optional(),
    ),
  ),
  S3_STORAGE_CLASS: setting(
    z.preprocess(
      unsetIfEmpty,
      z
        .enum(S3_STORAGE_CLASSES, { error: `expected one of: ${S3_STORAGE_CLASSES.join(', ')}` })
        .optional(),
    ),
  ),
  S3_PRESIGNED_URLS: setting(bool(undefined)),
  // Store
  DATABASE_URL: setting(url(/^postgres(ql)?:$/, 'a postgres:// or postgresql:// URL'), true),
  DATABASE_SCHEMA: setting(
    z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .regex(
          /^[A-Za-z_][A-Za-z0-9_]{0,62}$/,
          'expected a PostgreSQL identifier (letters, digits, _)',
        )
        .optional(),
    ),
  ),
  DATABASE_TABLE_PREFIX: setting(
    z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_]{0,30}$/, 'expected letters, digits and _ (up to 31)')
        .default('threadline_'),
    ),
  ),
  // Bounds of PostgreSQL calls: past them a store call answers 503 (docs/protocol-deviations.md #26).
  DATABASE_CONNECT_TIMEOUT_MS: setting(int(100, 600_000, 5_000)),
  DATABASE_STATEMENT_TIMEOUT_MS: setting(int(100, 3_600_000, 15_000)),
  DATABASE_POOL_MAX: setting(int(1, 1_000, 10)),
  DATABASE_IDLE_TIMEOUT_MS: setting(int(0, 3_600_000, 10_000)),
  // Model
  OPENAI_API_KEY: setting(str(), true),
  OPENAI_BASE_URL: setting(url(/^https?:$/, 'an http(s) URL such as https://api.openai.com/v1')),
  ANTHROPIC_API_KEY: setting(str(), true),
  ANTHROPIC_BASE_URL: setting(url(/^https?:$/, 'an http(s) URL such as https://api.anthropic.com')),
  THREADLINE_MODEL: setting(str()),
  THREADLINE_TITLE_MODEL: setting(str()),
  // Unset: Responses, or with OPENAI_BASE_URL, Responses falling back to Chat Completions on 404.
  THREADLINE_MODEL_PROVIDER: setting(
    z.preprocess(
      unsetIfEmpty,
      z
        .enum(['openai-responses', 'openai-chat', 'anthropic'], {
          error: 'expected one of: openai-responses, openai-chat, anthropic',
        })
        .optional(),
    ),
  ),
  THREADLINE_MODEL_IMAGE_INPUT: setting(oneOf(['inline', 'url'], 'inline')),
  THREADLINE_MODEL_PDF_INPUT: setting(oneOf(['auto', 'file', 'text'], 'auto')),
  THREADLINE_HISTORY_LIMIT: setting(int(1, 1000, 40)),
  THREADLINE_MAX_TURNS: setting(int(1, 100, 8)),
  THREADLINE_MAX_INPUT_CHARS: setting(int(0, 10_000_000, 32_000)),
  THREADLINE_TRANSCRIBE_MODEL: setting(z.preprocess(unsetIfEmpty, z.string().default('whisper-1'))),
  THREADLINE_TRANSCRIBE_MAX_BYTES: setting(int(1, 100 * 1024 * 1024, 10 * 1024 * 1024)),
  THREADLINE_TRANSCRIBE_MAX_SECONDS: setting(int(1, 3600, 120)),
  THREADLINE_DEMO: setting(bool(false)),
  THREADLINE_DEMO_DELAY_MS: setting(int(0, 60_000, 20)),
  THREADLINE_CHECKPOINT_MS: setting(int(0, 600_000, 1_000)),
  THREADLINE_CHECKPOINT_DELTAS: setting(int(1, 1_000_000, 256)),
  THREADLINE_SSE_KEEPALIVE_MS: setting(int(0, 600_000, 15_000)),
  // Auth
  THREADLINE_AUTH: setting(authList),
  JWT_SECRET: setting(secret(32), true),
  JWT_JWKS_URL: setting(url(/^https?:$/, 'an http(s) URL of a JSON Web Key Set')),
  JWT_ISSUER: setting(str()),
  JWT_AUDIENCE: setting(str()),
  JWT_USER_CLAIM: setting(z.preprocess(unsetIfEmpty, z.string().default('sub'))),
  JWT_ORG_CLAIM: setting(z.preprocess(unsetIfEmpty, z.string().default('org_id'))),
  JWT_CLOCK_TOLERANCE_SECONDS: setting(int(0, 600, 5)),
  SESSION_SECRET: setting(secret(32), true),
  SESSION_COOKIE_NAME: setting(
    z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .regex(/^[A-Za-z0-9_-]+$/, 'expected letters, digits, - and _')
        .default('threadline_session'),
    ),
  ),
  SESSION_TTL_SECONDS: setting(int(60, 365 * 24 * 3600, 7 * 24 * 3600)),
  SESSION_COOKIE_SECURE: setting(bool(undefined)),
  AUTH_HEADER_USER: setting(headerName('x-user-id')),
  AUTH_HEADER_ORG: setting(headerName('x-org-id')),
  AUTH_PROXY_SECRET: setting(secret(16), true),
  // Limits
  RATE_LIMIT_WINDOW_SECONDS: setting(int(1, 24 * 3600, 60)),
  RATE_LIMIT_PER_IP: setting(int(0, 1_000_000, 300)),
  RATE_LIMIT_PER_USER: setting(int(0, 1_000_000, 120)),
  REDIS_URL: setting(url(/^rediss?:$/, 'a redis:// or rediss:// URL'), true),
  // ChatKit client
  CHATKIT_MODE: setting(oneOf(['self_hosted', 'hosted'], 'self_hosted')),
  CHATKIT_API_URL: setting(z.preprocess(unsetIfEmpty, z.string().default('/chatkit'))),
  CHATKIT_DOMAIN_KEY: setting(z.preprocess(unsetIfEmpty, z.string().default('local-dev'))),
  CHATKIT_PK: setting(str()),
  CHATKIT_SCRIPT_URL: setting(
    z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .refine(
          (v) => v.startsWith('/') || /^https?:\/\//.test(v),
          'expected an http(s) URL or a path starting with /',
        )
        .default('/chatkit/chatkit.js'),
    ),
  ),
  CHATKIT_WORKFLOW_ID: setting(str()),
  CHATKIT_TITLE: setting(z.preprocess(unsetIfEmpty, z.string().max(200).default('Threadline'))),
  CHATKIT_UPLOAD_STRATEGY: setting(oneOf(['direct', 'two_phase', 'disabled'], 'direct')),
  CHATKIT_UPLOAD_MAX_BYTES: setting(int(1, 5 * 1024 * 1024 * 1024, 26_214_400)),
  CHATKIT_ALLOWED_MIME_TYPES: setting(mimeList),
  CHATKIT_MAX_ATTACHMENTS: setting(int(0, 100, 10)),
} as const;
