import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_JS, ensureBuilt, MAIN_JS } from '../helpers/build.js';
import { runToExit } from '../helpers/child-server.js';

const dataDir = mkdtempSync(join(tmpdir(), 'threadline-cfg-'));
const STACK = /\n\s+at |node:internal|Error: /;

describe('configuration errors stop start-up', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  it.each([
    [{ PORT: 'eighty' }, 'PORT: expected an integer from 0 to 65535 (got "eighty")'],
    [
      { THREADLINE_AUTH: 'kerberos' },
      'THREADLINE_AUTH: expected a comma-separated list of: jwt, session, header, anonymous',
    ],
    [{ THREADLINE_AUTH: 'jwt' }, 'JWT_SECRET or JWT_JWKS_URL: one is required'],
    [{ DATABASE_URL: 'mysql://db' }, 'DATABASE_URL: expected a postgres:// or postgresql:// URL'],
    [{ CHATKIT_UPLOAD_MAX_BYTES: '-1' }, 'CHATKIT_UPLOAD_MAX_BYTES: expected an integer'],
    [{ S3_ENDPOINT: 'http://127.0.0.1:9000' }, 'S3_BUCKET: required when S3_ENDPOINT is set'],
    [{ DATABASE_POOL_MAX: '0' }, 'DATABASE_POOL_MAX: expected an integer from 1 to 1000'],
  ])('exits 1 for %j with a message naming the setting, no stack trace', async (env, message) => {
    const { code, stderr, stdout } = await runToExit(MAIN_JS, [], {
      THREADLINE_DATA_DIR: dataDir,
      ...env,
    });
    expect(code).toBe(1);
    expect(stderr).toContain('threadline: Invalid configuration:');
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(STACK);
    expect(stdout).toBe('');
  });

  it('exits 1 for a bad agents file and for a bad flag', async () => {
    const file = join(dataDir, 'agents.json');
    writeFileSync(file, JSON.stringify({ agents: [{ id: 'a', name: 'A', tools: ['nope'] }] }));
    const bad = await runToExit(MAIN_JS, ['--config', file], { THREADLINE_DATA_DIR: dataDir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('agents[0].tools[0]');
    const flag = await runToExit(MAIN_JS, ['--port', 'x'], { THREADLINE_DATA_DIR: dataDir });
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain('--port: expected an integer');
    expect(flag.stderr).not.toMatch(STACK);
  });

  it('exits 1 without a stack trace when the database is unreachable', async () => {
    const res = await runToExit(MAIN_JS, [], {
      THREADLINE_DATA_DIR: dataDir,
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^threadline: could not start: /);
    expect(res.stderr).not.toMatch(STACK);
  });
});

describe('threadline CLI', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  it('check-config validates and prints a summary without secrets', async () => {
    const ok = await runToExit(CLI_JS, ['check-config'], {
      THREADLINE_DATA_DIR: dataDir,
      THREADLINE_AUTH: 'jwt',
      JWT_SECRET: 's'.repeat(40),
    });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Configuration is valid.');
    expect(ok.stdout).not.toContain('s'.repeat(40));
    expect(ok.stdout).not.toContain('THREADLINE_AUTH is not set');
    // Valid but unusable or ambiguous settings are named.
    const warned = await runToExit(CLI_JS, ['check-config'], {
      THREADLINE_DATA_DIR: dataDir,
      OPENAI_API_KEY: 'sk-x',
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
    });
    expect(warned.code).toBe(0);
    expect(warned.stdout).toContain(
      'Warning: THREADLINE_AUTH is not set: every /chatkit request is refused with 401, so no one can use this server. For a local try-out set THREADLINE_AUTH=anonymous',
    );
    expect(warned.stdout).toContain(
      'Warning: OPENAI_BASE_URL is set without THREADLINE_MODEL_PROVIDER',
    );
    const s3 = await runToExit(CLI_JS, ['check-config'], {
      THREADLINE_DATA_DIR: dataDir,
      S3_BUCKET: 'chat-files',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_ACCESS_KEY_ID: 'minio',
      S3_SECRET_ACCESS_KEY: 'minio-secret-key',
      DATABASE_URL: 'postgres://u:pw@db/app',
      DATABASE_POOL_MAX: '4',
    });
    expect(s3.code).toBe(0);
    expect(s3.stdout).toContain(
      's3://chat-files/attachments/ at http://127.0.0.1:9000, credentials from S3_ACCESS_KEY_ID',
    );
    expect(s3.stdout).toContain('pool of 4');
    expect(s3.stdout).not.toContain('minio-secret-key');
    const badS3 = await runToExit(CLI_JS, ['check-config'], {
      THREADLINE_DATA_DIR: dataDir,
      S3_BUCKET: 'chat-files',
      S3_STORAGE_CLASS: 'DEEP_ARCHIVE',
      S3_SECRET_ACCESS_KEY: 'minio-secret-key',
      DATABASE_URL: 'postgres://db/app',
      DATABASE_IDLE_TIMEOUT_MS: '-5',
    });
    expect(badS3.code).toBe(1);
    expect(badS3.stderr).toContain('S3_STORAGE_CLASS: expected one of: STANDARD,');
    expect(badS3.stderr).toContain('DATABASE_IDLE_TIMEOUT_MS: expected an integer');
    expect(badS3.stderr).not.toContain('minio-secret-key');
    const bad = await runToExit(CLI_JS, ['check-config'], {
      THREADLINE_DATA_DIR: dataDir,
      LOG_LEVEL: 'chatty',
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      'LOG_LEVEL: expected one of: fatal, error, warn, info, debug, trace, silent',
    );
  });

  it('migrate creates the SQLite tables, mint-session prints a token, unknown commands fail', async () => {
    const migrated = await runToExit(CLI_JS, ['migrate'], { THREADLINE_DATA_DIR: dataDir });
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain(`Migrated SQLite (${dataDir}/threadline.db)`);
    const minted = await runToExit(CLI_JS, ['mint-session', '--user', 'amy'], {
      THREADLINE_DATA_DIR: dataDir,
      SESSION_SECRET: 'k'.repeat(40),
    });
    expect(minted.code).toBe(0);
    // Only the token on stdout (`TOK=$(threadline mint-session …)`), the how-to on stderr.
    expect(minted.stdout).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(minted.stderr).toContain('Set-Cookie: threadline_session=');
    for (const flag of ['--help', '-h', 'help']) {
      const help = await runToExit(CLI_JS, [flag], { THREADLINE_DATA_DIR: dataDir });
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('Usage: threadline <command> [options]');
      expect(help.stdout).toContain('check-config');
    }
    const unknown = await runToExit(CLI_JS, ['frobnicate'], { THREADLINE_DATA_DIR: dataDir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });
});
