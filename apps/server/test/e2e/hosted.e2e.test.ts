import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { startSessionsStub } from '../helpers/sessions-stub.js';
import { JWT_SECRET, jwtFor } from '../helpers/tokens.js';

describe('hosted mode through the built server', () => {
  let stub: Awaited<ReturnType<typeof startSessionsStub>>;
  let server: ChildServer;
  beforeAll(async () => {
    stub = await startSessionsStub();
    await ensureBuilt();
    server = await startChildServer({
      THREADLINE_AUTH: 'jwt',
      JWT_SECRET,
      CHATKIT_MODE: 'hosted',
      CHATKIT_WORKFLOW_ID: 'wf_e2e',
      OPENAI_API_KEY: 'sk-e2e',
      OPENAI_BASE_URL: stub.baseURL,
      CHATKIT_UPLOAD_STRATEGY: 'disabled',
    });
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    stub?.server.close();
  });

  it('mints a client secret with the openai SDK and configures the page for it', async () => {
    const res = await fetch(`${server.url}/chatkit/client_secret`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await jwtFor('nina')}`,
      },
      body: JSON.stringify({ current_client_secret: null }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ client_secret: 'ek_secret_for_nina' });
    expect(stub.seen.at(-1)).toMatchObject({
      path: '/v1/chatkit/sessions',
      body: { user: 'nina', workflow: { id: 'wf_e2e' } },
    });
    const js = await (await fetch(`${server.url}/embed.js`)).text();
    expect(js).toContain('"mode":"hosted"');
  });
});
