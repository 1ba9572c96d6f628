import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoReply } from '../../src/assistant/responders/demo.js';
import { loadConfig } from '../../src/config.js';
import { configWarnings } from '../../src/config/warnings.js';

const dir = mkdtempSync(join(tmpdir(), 'threadline-first-run-'));
const warnings = (env: Record<string, string>, cli = {}) =>
  configWarnings(loadConfig(cli, env, dir));

describe('the first hour: what a new user is told', () => {
  it('the demo model gives the local recipe, anonymous auth included', () => {
    const reply = demoReply('hi');
    expect(reply).toContain('OPENAI_API_KEY');
    expect(reply).toContain('THREADLINE_AUTH=anonymous');
  });

  it('warns when no one could use the server, and not in demo mode', () => {
    expect(warnings({ OPENAI_API_KEY: 'sk-x' })).toEqual([
      expect.stringContaining('THREADLINE_AUTH is not set') as string,
    ]);
    expect(warnings({}, { demo: true })).toEqual([]);
    expect(warnings({ OPENAI_API_KEY: 'sk-x', THREADLINE_AUTH: 'anonymous' })).toEqual([]);
  });

  it('names THREADLINE_MODEL_PROVIDER when only OPENAI_BASE_URL is set', () => {
    const [warning] = warnings({
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      THREADLINE_AUTH: 'anonymous',
    });
    expect(warning).toContain('THREADLINE_MODEL_PROVIDER=openai-chat');
    expect(
      warnings({
        OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
        THREADLINE_MODEL_PROVIDER: 'openai-chat',
        THREADLINE_AUTH: 'anonymous',
      }),
    ).toEqual([]);
  });

  it('names the key to set when no model is configured', () => {
    expect(warnings({ THREADLINE_AUTH: 'anonymous' })).toEqual([
      expect.stringContaining('Set OPENAI_API_KEY') as string,
    ]);
    expect(
      warnings({ THREADLINE_AUTH: 'anonymous', THREADLINE_MODEL_PROVIDER: 'anthropic' }),
    ).toEqual([expect.stringContaining('Set ANTHROPIC_API_KEY') as string]);
  });
});
