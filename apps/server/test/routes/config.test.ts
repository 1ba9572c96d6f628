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
