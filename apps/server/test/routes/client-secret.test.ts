import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAIClientSecretMinter } from '../../src/hosted.js';
import { makeApp, type TestApp } from '../helpers/harness.js';
import { startSessionsStub } from '../helpers/sessions-stub.js';
import { jwtFor } from '../helpers/tokens.js';

describe('POST /chatkit/client_secret (hosted mode)', () => {
  let stub: Awaited<ReturnType<typeof startSessionsStub>>;
  let t: TestApp;
  beforeAll(async () => {
    stub = await startSessionsStub();
    t = await makeApp(
      {
        CHATKIT_MODE: 'hosted',
        CHATKIT_WORKFLOW_ID: 'wf_123',
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: stub.baseURL,
      },
      {
        overrides: {
          // The same minter the app builds, pointed at the stub (the model responder is not needed here).
          clientSecrets: openAIClientSecretMinter({
            apiKey: 'sk-test',
            baseURL: stub.baseURL,
            workflowId: 'wf_123',
          }),
          responder: { description: 'unused', async *respond() {} },
        },
      },
    );
  });
  afterAll(async () => {
    await t.close();
    stub.server.close();
  });

  it('mints a ChatKit session for the caller through the OpenAI API', async () => {
    const res = await t.request('/chatkit/client_secret', {
      method: 'POST',
      token: await jwtFor('hana', { org: 'acme' }),
      json: { current_client_secret: 'ek_old' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ client_secret: 'ek_secret_for_acme:hana' });
    const call = stub.seen.at(-1)!;
    expect(call.path).toBe('/v1/chatkit/sessions');
    expect(call.body).toEqual({ user: 'acme:hana', workflow: { id: 'wf_123' } });
    expect(call.headers.authorization).toBe('Bearer sk-test');
    expect(call.headers['openai-beta']).toBe('chatkit_beta=v1');
  });

  it('accepts an empty body, refuses a bad one, and hides upstream errors', async () => {
    const token = await jwtFor('hana');
    expect((await t.request('/chatkit/client_secret', { method: 'POST', token })).status).toBe(200);
    const bad = await t.request('/chatkit/client_secret', {
      method: 'POST',
      token,
      json: { current_client_secret: 5 },
    });
    expect(bad.status).toBe(400);
    stub.fail.next = true;
    const failed = await t.request('/chatkit/client_secret', { method: 'POST', token, json: {} });
    expect(failed.status).toBe(502);
    expect(await failed.text()).not.toContain('wf_secret_internal');
  });

  it('requires authentication', async () => {
    expect((await t.request('/chatkit/client_secret', { method: 'POST', json: {} })).status).toBe(
      401,
    );
  });

  it('is 404 when hosted mode is not configured', async () => {
    const plain = await makeApp({});
    try {
      const res = await plain.request('/chatkit/client_secret', {
        method: 'POST',
        token: await jwtFor('x'),
        json: {},
      });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'hosted_mode_disabled' } });
    } finally {
      await plain.close();
    }
  });
});
