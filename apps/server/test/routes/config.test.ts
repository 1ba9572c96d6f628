import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { ENV_SETTINGS } from '../../src/config/env-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'threadline-config-'));
const load = (env: Record<string, string>, cli = {}) => loadConfig(cli, env, dir);
const problems = (env: Record<string, string>, cli = {}): string[] => {
  try {
    load(env, cli);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
};

describe('configuration', () => {
  it('starts with defaults: port 8000, SQLite under ./data, no model, no auth', () => {
    const config = load({});
    expect(config.server.port).toBe(8000);
    expect(config.store).toMatchObject({
      kind: 'sqlite',
      path: join(dir, 'data', 'threadline.db'),
    });
    expect(config.model.configured).toBe(false);
    expect(config.auth.methods).toEqual([]);
    expect(config.chatkit).toMatchObject({
      apiUrl: '/chatkit',
      domainKey: 'local-dev',
      scriptUrl: '/chatkit/chatkit.js',
      uploadMaxBytes: 26_214_400,
      allowedMimeTypes: [],
    });
    expect(config.agents.agents.map((a) => a.id)).toEqual(['assistant']);
  });

  it('uses PostgreSQL when DATABASE_URL is set, and CHATKIT_PK over CHATKIT_DOMAIN_KEY', () => {
    const config = load({
      DATABASE_URL: 'postgres://u:p@db:5432/app',
      DATABASE_SCHEMA: 'chat',
      CHATKIT_DOMAIN_KEY: 'dk',
      CHATKIT_PK: 'pk',
      CHATKIT_ALLOWED_MIME_TYPES: 'image/png, application/pdf',
    });
    expect(config.store).toMatchObject({
      kind: 'postgres',
      schema: 'chat',
      timeouts: { connectMs: 5_000, statementMs: 15_000 },
    });
    expect(
      load({
        DATABASE_URL: 'postgres://db/app',
        DATABASE_CONNECT_TIMEOUT_MS: '800',
        DATABASE_STATEMENT_TIMEOUT_MS: '1500',
      }).store,
    ).toMatchObject({ timeouts: { connectMs: 800, statementMs: 1_500 } });
    expect(config.chatkit.domainKey).toBe('pk');
    expect(config.chatkit.allowedMimeTypes).toEqual(['image/png', 'application/pdf']);
  });

  it('reads the PostgreSQL pool size and idle timeout (pg defaults otherwise)', () => {
    expect(load({ DATABASE_URL: 'postgres://db/app' }).store).toMatchObject({
      maxConnections: 10,
      timeouts: { connectMs: 5_000, statementMs: 15_000, idleMs: 10_000 },
    });
    expect(
      load({
        DATABASE_URL: 'postgres://db/app',
        DATABASE_POOL_MAX: '25',
        DATABASE_IDLE_TIMEOUT_MS: '0',
      }).store,
    ).toMatchObject({ maxConnections: 25, timeouts: { idleMs: 0 } });
  });

  it('stores attachments on disk by default, in a bucket with S3_BUCKET', () => {
    const disk = load({});
    expect(disk.attachmentStorage).toEqual({ kind: 'filesystem' });
    expect([disk.uploadUrlTtlSeconds, disk.previewUrlTtlSeconds]).toEqual([900, 3600]);
    // Defaults: AWS in us-east-1, virtual-host style, the SDK's default credential chain.
    expect(load({ S3_BUCKET: 'chat-files' }).attachmentStorage).toEqual({
      kind: 's3',
      bucket: 'chat-files',
      region: 'us-east-1',
      endpoint: undefined,
      forcePathStyle: false,
      credentials: undefined,
      prefix: 'attachments/',
      storageClass: undefined,
      presignedUrls: false,
    });
    const minio = load({
      S3_BUCKET: 'chat-files',
      S3_REGION: 'auto',
      S3_ENDPOINT: 'http://minio:9000',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_SESSION_TOKEN: 'token',
      S3_PREFIX: 'prod/files/',
      S3_STORAGE_CLASS: 'INTELLIGENT_TIERING',
      S3_PRESIGNED_URLS: 'yes',
      THREADLINE_UPLOAD_URL_TTL_SECONDS: '120',
      THREADLINE_PREVIEW_URL_TTL_SECONDS: '600',
    });
    expect(minio.attachmentStorage).toEqual({
      kind: 's3',
      bucket: 'chat-files',
      region: 'auto',
      endpoint: 'http://minio:9000',
      forcePathStyle: true,
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret', sessionToken: 'token' },
      prefix: 'prod/files/',
      storageClass: 'INTELLIGENT_TIERING',
      presignedUrls: true,
    });
    expect([minio.uploadUrlTtlSeconds, minio.previewUrlTtlSeconds]).toEqual([120, 600]);
    expect(
      load({ S3_BUCKET: 'files', S3_ENDPOINT: 'https://r2.example', S3_FORCE_PATH_STYLE: 'false' })
        .attachmentStorage,
    ).toMatchObject({ forcePathStyle: false });
  });

  it('never echoes S3 credentials', () => {
    const found = problems({ S3_BUCKET: 'files', S3_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI' }).join(
      '\n',
    );
    expect(found).toContain('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY');
    expect(found).not.toContain('wJalrXUtnFEMI');
  });

  it('demo mode (flag or env) implies anonymous auth unless THREADLINE_AUTH says otherwise', () => {
    expect(load({}, { demo: true }).auth.methods).toEqual(['anonymous']);
    expect(load({ THREADLINE_DEMO: '1' }).demo.enabled).toBe(true);
    expect(
      load({ THREADLINE_DEMO: 'yes', THREADLINE_AUTH: 'jwt', JWT_SECRET: 'x'.repeat(32) }).auth
        .methods,
    ).toEqual(['jwt']);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT: expected an integer from 0 to 65535 (got "eighty")'],
    [{ PORT: '70000' }, 'PORT: expected an integer from 0 to 65535'],
    [
      { THREADLINE_AUTH: 'jwt,magic' },
      'THREADLINE_AUTH: expected a comma-separated list of: jwt, session, header, anonymous',
    ],
    [
      { THREADLINE_MODEL_PROVIDER: 'cohere' },
      'THREADLINE_MODEL_PROVIDER: expected one of: openai-responses, openai-chat',
    ],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL: expected a postgres:// or postgresql:// URL'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY: expected true/false'],
    [
      { CORS_ORIGINS: 'https://a.example/path' },
      'CORS_ORIGINS: expected a comma-separated list of origins',
    ],
    [
      { CHATKIT_ALLOWED_MIME_TYPES: 'png' },
      'CHATKIT_ALLOWED_MIME_TYPES: expected a comma-separated list of MIME types',
    ],
    [
      { CHATKIT_UPLOAD_STRATEGY: 'ftp' },
      'CHATKIT_UPLOAD_STRATEGY: expected one of: direct, two_phase, disabled',
    ],
    [{ THREADLINE_AUTH: 'jwt' }, 'JWT_SECRET or JWT_JWKS_URL: one is required'],
    [{ THREADLINE_AUTH: 'session' }, 'SESSION_SECRET: required'],
    [{ CHATKIT_MODE: 'hosted' }, 'CHATKIT_WORKFLOW_ID: required when CHATKIT_MODE is "hosted"'],
    [{ REDIS_URL: 'http://localhost' }, 'REDIS_URL: expected a redis:// or rediss:// URL'],
    [{ DATABASE_POOL_MAX: '0' }, 'DATABASE_POOL_MAX: expected an integer from 1 to 1000'],
    [{ DATABASE_IDLE_TIMEOUT_MS: 'soon' }, 'DATABASE_IDLE_TIMEOUT_MS: expected an integer'],
    [{ S3_BUCKET: 'My_Bucket' }, 'S3_BUCKET: expected a bucket name'],
    [{ S3_BUCKET: 'files', S3_ENDPOINT: 'minio:9000' }, 'S3_ENDPOINT: expected an http(s) URL'],
    [{ S3_BUCKET: 'files', S3_REGION: 'EU West' }, 'S3_REGION: expected a region'],
    [{ S3_BUCKET: 'files', S3_PREFIX: '/abs/' }, 'S3_PREFIX: expected a key prefix'],
    [
      { S3_BUCKET: 'files', S3_STORAGE_CLASS: 'GLACIER' },
      'S3_STORAGE_CLASS: expected one of: STANDARD, REDUCED_REDUNDANCY, STANDARD_IA',
    ],
    [
      { S3_BUCKET: 'files', S3_FORCE_PATH_STYLE: 'sure' },
      'S3_FORCE_PATH_STYLE: expected true/false',
    ],
    [
      { S3_ENDPOINT: 'http://minio:9000', S3_PREFIX: 'a/' },
      'S3_BUCKET: required when S3_ENDPOINT, S3_PREFIX are set',
    ],
    [
      { S3_BUCKET: 'files', S3_ACCESS_KEY_ID: 'AKIA' },
      'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: set both, or neither',
    ],
    [{ S3_BUCKET: 'files', S3_SESSION_TOKEN: 'tok' }, 'S3_SESSION_TOKEN: only used with'],
    [
      { S3_BUCKET: 'files', THREADLINE_UPLOAD_DIR: '/srv/up' },
      'THREADLINE_UPLOAD_DIR and S3_BUCKET: set only one',
    ],
    [
      { THREADLINE_UPLOAD_URL_TTL_SECONDS: '999999999' },
      'THREADLINE_UPLOAD_URL_TTL_SECONDS: expected an integer from 60 to 604800',
    ],
  ])('rejects %j naming the setting', (env, message) => {
    expect(problems(env).join('\n')).toContain(message);
  });

  it('never echoes a secret value', () => {
    const found = problems({ JWT_SECRET: 'short-secret-value' });
    expect(found.join('\n')).toContain('JWT_SECRET: expected at least 32 characters');
    expect(found.join('\n')).not.toContain('short-secret-value');
  });

  it('reports every bad setting at once', () => {
    expect(problems({ PORT: 'x', LOG_LEVEL: 'loud' })).toHaveLength(2);
  });

  it('loads agents from a JSON file and validates it', () => {
    const file = join(dir, 'agents.json');
    writeFileSync(
      file,
      JSON.stringify({
        defaultAgent: 'support',
        agents: [
          {
            id: 'support',
            name: 'Support',
            instructions: 'Help.',
            tools: ['calculate'],
            models: ['gpt-a', { id: 'gpt-b', label: 'B' }],
          },
          {
            id: 'sales',
            name: 'Sales',
            composerTools: [{ id: 'quote', label: 'Quote', icon: 'write' }],
          },
        ],
      }),
    );
    const config = load({ THREADLINE_CONFIG: file });
    expect(config.agents.defaultAgent).toBe('support');
    expect(config.agents.agents[0]!.models).toEqual([
      { id: 'gpt-a', label: 'gpt-a' },
      { id: 'gpt-b', label: 'B' },
    ]);

    writeFileSync(
      file,
      JSON.stringify({ agents: [{ id: 'bad id', name: 'X', tools: ['rm_rf'] }] }),
    );
    const found = problems({}, { configFile: file }).join('\n');
    expect(found).toContain('agents[0].id');
    expect(found).toContain('agents[0].tools[0]');
    writeFileSync(file, '{ not json');
    expect(problems({ THREADLINE_CONFIG: file }).join('\n')).toContain('is not valid JSON');
    expect(problems({ THREADLINE_CONFIG: join(dir, 'missing.json') }).join('\n')).toContain(
      'cannot read',
    );
  });

  it('loads MCP servers and per-agent MCP/forms settings, naming a bad value', async () => {
    const file = join(dir, 'mcp-agents.json');
    writeFileSync(
      file,
      JSON.stringify({
        mcpServers: {
          tasks: { transport: 'stdio', command: 'node', args: ['server.js'], cwd: 'servers' },
          crm: {
            transport: 'http',
            url: 'https://crm.example/mcp',
            headers: { 'X-Api-Key': 'k' },
            forwardUserToken: true,
          },
        },
        agents: [
          {
            id: 'ops',
            name: 'Ops',
            mcpServers: ['tasks', 'crm'],
            mcpDeny: ['delete_task'],
            mcpTimeoutMs: 5000,
            forms: true,
          },
        ],
      }),
    );
    const config = load({ THREADLINE_CONFIG: file });
    expect(config.agents.mcpServers.tasks).toMatchObject({
      transport: 'stdio',
      cwd: join(dir, 'servers'),
    });
    expect(config.agents.agents[0]).toMatchObject({
      mcpServers: ['tasks', 'crm'],
      mcpDeny: ['delete_task'],
      mcpTimeoutMs: 5000,
      forms: true,
    });
    expect(load({}).agents.agents[0]).toMatchObject({ mcpServers: [], forms: false });

    // The caller's bearer token goes to servers with forwardUserToken, fixed headers to the rest.
    const { mcpServerConfigs } = await import('../../src/assistant/responders/responder-mcp.js');
    const crm = mcpServerConfigs(config.agents.mcpServers).find((server) => server.name === 'crm')!;
    expect(crm.transport).toBe('http');
    const headers = crm.transport === 'http' ? crm.headers : undefined;
    expect(typeof headers).toBe('function');
    const context = {
      userId: 'u',
      requestId: 'r',
      agentId: 'ops',
      authMethod: 'jwt' as const,
      bearerToken: 'tok',
    };
    expect(await (headers as (c: typeof context) => unknown)(context)).toEqual({
      'X-Api-Key': 'k',
      Authorization: 'Bearer tok',
    });

    writeFileSync(
      file,
      JSON.stringify({
        mcpServers: {
          tasks: { transport: 'ftp', url: 'x' },
          web: { transport: 'http', url: 'not a url' },
        },
        agents: [{ id: 'ops', name: 'Ops', mcpServers: ['nope'], forms: 'yes' }],
      }),
    );
    const found = problems({ THREADLINE_CONFIG: file }).join('\n');
    expect(found).toContain('mcpServers.tasks');
    expect(found).toContain('mcpServers.web.url');
    expect(found).toContain('agents[0].forms');
    writeFileSync(
      file,
      JSON.stringify({ agents: [{ id: 'ops', name: 'Ops', mcpServers: ['nope'] }] }),
    );
    expect(problems({ THREADLINE_CONFIG: file }).join('\n')).toContain(
      'agents.ops.mcpServers: "nope" is not one of the mcpServers (none defined)',
    );
  });

  it('README documents every environment variable in one table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const key of Object.keys(ENV_SETTINGS)) expect(readme, key).toContain(`| \`${key}\``);
  });
});
