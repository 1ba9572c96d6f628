import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from '../helpers/harness.js';

const EVIL = '</script><script>alert(1)</script>\u2028<!--';

/** Runs the embed script's IIFE far enough to capture its config argument. */
function configOf(js: string): Record<string, unknown> {
  const match = /\}\)\((\{.*\})\);\n$/s.exec(js);
  if (!match) throw new Error('no inline config');
  return JSON.parse(match[1]!) as Record<string, unknown>;
}

describe('pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'threadline-pages-')), 'agents.json');
    writeFileSync(
      file,
      JSON.stringify({
        agents: [
          {
            id: 'helper',
            name: 'Helper',
            greeting: `Hi ${EVIL}`,
            startPrompts: [{ label: EVIL, prompt: 'p', icon: 'bolt' }],
            composerTools: [
              {
                id: 'search',
                label: 'Search',
                icon: 'search',
                instructions: 'server-only instructions',
              },
            ],
            models: ['gpt-x'],
            model: 'gpt-y',
          },
          { id: 'other', name: 'Other' },
        ],
      }),
    );
    t = await makeApp(
      {
        THREADLINE_CONFIG: file,
        CHATKIT_TITLE: `Chat ${EVIL}`,
        CHATKIT_DOMAIN_KEY: 'domain_pk_123',
        CHATKIT_ALLOWED_MIME_TYPES: 'image/png,application/pdf',
        CHATKIT_UPLOAD_STRATEGY: 'direct',
        CHATKIT_SCRIPT_URL: 'https://cdn.example/chatkit.js',
        PUBLIC_URL: 'https://chat.example.com',
        JWT_SECRET: 'j'.repeat(40),
        OPENAI_API_KEY: '',
      },
      { overrides: {} },
    );
  });
  afterAll(() => t.close());

  it('serves the standalone page with the title escaped and the embed script for the agent', async () => {
    const res = await t.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).toContain('<title>Chat &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain(
      '<script src="/embed.js?agent=helper" data-target="#chat" defer></script>',
    );
    expect((await t.request('/?agent=other')).status).toBe(200);
    expect((await t.request('/?agent=ghost')).status).toBe(404);
  });

  it('serves a site icon at /favicon.ico instead of a 404', async () => {
    for (const path of ['/favicon.ico', '/favicon.svg']) {
      const res = await t.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/svg+xml');
      expect(await res.text()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    }
  });

  it('inlines a safe, public config into /embed.js', async () => {
    const res = await t.request('/embed.js?agent=helper');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const js = await res.text();
    expect(() => new Script(js)).not.toThrow();
    expect(js).not.toContain('</script>');
    expect(js).not.toContain('\u2028');
    expect(js).not.toContain('server-only instructions');
    expect(js).not.toContain('j'.repeat(40));
    expect(configOf(js)).toEqual({
      agentId: 'helper',
      mode: 'self_hosted',
      scriptUrl: 'https://cdn.example/chatkit.js',
      scriptModule: false,
      apiUrl: 'https://chat.example.com/chatkit?agent_id=helper',
      domainKey: 'domain_pk_123',
      clientSecretUrl: 'https://chat.example.com/chatkit/client_secret',
      title: `Chat ${EVIL}`,
      upload: {
        type: 'direct',
        uploadUrl: 'https://chat.example.com/chatkit/upload?agent_id=helper',
      },
      attachments: {
        maxSize: 26_214_400,
        maxCount: 10,
        accept: { 'image/png': [], 'application/pdf': [] },
      },
      startScreen: {
        greeting: `Hi ${EVIL}`,
        prompts: [{ label: EVIL, prompt: 'p', icon: 'bolt' }],
      },
      tools: [{ id: 'search', label: 'Search', icon: 'search' }],
      models: [
        { id: 'gpt-y', label: 'gpt-y', default: true },
        { id: 'gpt-x', label: 'gpt-x' },
      ],
    });
  });

  it('configures theme following, history, the load-failure message and hosted mode in the boot code', async () => {
    const js = await (await t.request('/embed.js')).text();
    for (const needle of [
      'prefers-color-scheme: dark',
      'data-theme',
      'history: { enabled: history, showDelete: true, showRename: true }',
      'The chat interface could not be loaded',
      "customElements.whenDefined('openai-chatkit')",
      'getClientSecret',
      'uploadStrategy',
    ]) {
      expect(js).toContain(needle);
    }
  });
});
