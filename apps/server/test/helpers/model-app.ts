import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeModelServer } from '@threadline/server/testing';
import { ensureBuilt } from './build.js';
import { startChildServer, type ChildServer } from './child-server.js';

/**
 * Builds if needed and starts the app as a child process with anonymous visitors, the OpenAI
 * Responses provider pointed at the fake model server, and `agents` as its agents file.
 */
export async function startModelApp(
  fake: FakeModelServer,
  agents: Record<string, unknown>,
): Promise<ChildServer> {
  await ensureBuilt();
  const file = join(mkdtempSync(join(tmpdir(), 'threadline-agents-')), 'agents.json');
  writeFileSync(file, JSON.stringify(agents));
  return startChildServer(
    {
      THREADLINE_AUTH: 'anonymous',
      OPENAI_API_KEY: 'sk-fake',
      OPENAI_BASE_URL: fake.baseURL,
      THREADLINE_MODEL_PROVIDER: 'openai-responses',
      THREADLINE_CONFIG: file,
      OPENAI_AGENTS_DISABLE_TRACING: '1',
    },
    [],
    { timeoutMs: 60_000 },
  );
}
