import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AssistantMessageItem, ThreadStreamEvent } from '@threadline/server/protocol';
import {
  sampleWav,
  startFakeModelServer,
  type FakeModelServer,
  type FakeRequest,
  type FakeTurn,
} from '@threadline/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_JS, ensureBuilt, REPO_ROOT } from '../helpers/build.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { DATABASE_URL, freshSchema } from '../helpers/pg.js';
import { readEvents } from '../helpers/sse.js';
import { JWT_SECRET, jwtFor } from '../helpers/tokens.js';
import { httpCall } from './http-client.js';

const exec = promisify(execFile);

const ROADMAP =
  '# Roadmap\n\n## Launch\n\nThe Kestrel launch is planned for the ninth of March in Ghent.\n';

interface ToolPassage {
  ref: number;
  source: string;
  text: string;
}

/** The last tool output in a Responses request, parsed, if the model has called a tool. */
function lastToolOutput(request: FakeRequest): Record<string, unknown> | undefined {
  const input = (request.body.input ?? []) as Array<{ type?: string; output?: string }>;
  const output = input.filter((entry) => entry.type === 'function_call_output').at(-1);
  return output ? (JSON.parse(output.output!) as Record<string, unknown>) : undefined;
}

const lastUserText = (request: FakeRequest): string => {
  const input = (request.body.input ?? []) as Array<{ role?: string; content?: unknown }>;
  const content = JSON.stringify(input.filter((i) => i.role === 'user').at(-1)?.content ?? '');
  return /"text":"([^"]+)"/.exec(content)?.[1] ?? content;
};

/** "Add …" calls add_to_knowledge; anything else searches, then cites the first passage. */
function script(request: FakeRequest): FakeTurn {
  const output = lastToolOutput(request);
  const text = lastUserText(request);
  if (text.startsWith('Add ')) {
    if (!output) return { toolCalls: [{ name: 'add_to_knowledge', arguments: { files: [] } }] };
    return { text: `Added ${JSON.stringify(output.added)}.` };
  }
  if (!output) return { toolCalls: [{ name: 'search_knowledge', arguments: { query: text } }] };
  const passages = output.passages as ToolPassage[];
  if (passages.length === 0) return { text: 'I found nothing.' };
  return { text: `It launches in March [${passages[0]!.ref}].` };
}

const AGENTS = {
  agents: [
    {
      id: 'assistant',
      name: 'Docs assistant',
      instructions: 'Answer from the documents.',
      model: 'fake-model',
      // A named list: the user's own uploads are searched on top of it.
      knowledge: ['handbook'],
    },
  ],
};

const STORES = [
  { name: 'SQLite', env: async () => ({ env: {}, drop: async () => {} }) },
  {
    name: 'PostgreSQL',
    env: async () => {
      const schema = await freshSchema();
      return { env: { DATABASE_URL, DATABASE_SCHEMA: schema.schema }, drop: schema.drop };
    },
  },
] as const;

describe.each(STORES)('uploads added to the user’s knowledge base (%s)', ({ env: storeEnv }) => {
  let fake: FakeModelServer;
  let server: ChildServer;
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  const dir = mkdtempSync(join(tmpdir(), 'threadline-kb-uploads-'));
  const call = () => httpCall(server.url);

  const upload = async (user: string, text: string, name: string): Promise<string> => {
    const form = new FormData();
    form.append('file', new Blob([text], { type: 'text/markdown' }), name);
    const res = await fetch(`${server.url}/chatkit/upload`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${await jwtFor(user)}` },
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const ask = async (user: string, text: string, attachments: string[] = []) =>
    readEvents(
      await call()(user, {
        type: 'threads.create',
        params: {
          input: { content: [{ type: 'input_text', text }], attachments, inference_options: {} },
        },
      }),
    );
  const answer = (events: ThreadStreamEvent[]): AssistantMessageItem => {
    const done = events.filter(
      (e): e is Extract<ThreadStreamEvent, { type: 'thread.item.done' }> =>
        e.type === 'thread.item.done' && e.item.type === 'assistant_message',
    );
    return done.at(-1)!.item as AssistantMessageItem;
  };

  beforeAll(async () => {
    const store = await storeEnv();
    drop = store.drop;
    const file = join(dir, 'agents.json');
    writeFileSync(file, JSON.stringify(AGENTS));
    env = { THREADLINE_DATA_DIR: join(dir, 'data'), THREADLINE_CONFIG: file, ...store.env };
    fake = await startFakeModelServer(script);
    await ensureBuilt();
    server = await startChildServer({
      ...env,
      THREADLINE_AUTH: 'jwt',
      JWT_SECRET,
      OPENAI_API_KEY: 'sk-fake',
      OPENAI_BASE_URL: fake.baseURL,
      THREADLINE_MODEL_PROVIDER: 'openai-responses',
      OPENAI_AGENTS_DISABLE_TRACING: '1',
    });
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    await fake?.close();
    await drop?.();
  });

  it('adds a file uploaded in a thread to the uploader’s private collection; only they find it, with citations', async () => {
    const id = await upload('ada', ROADMAP, 'roadmap.md');
    const added = await ask('ada', 'Add this file to my knowledge base', [id]);
    expect(added.filter((e) => e.type === 'error')).toEqual([]);
    const progress = added.flatMap((e) => (e.type === 'progress_update' ? [e.text] : []));
    expect(progress).toContain('Adding roadmap.md to your knowledge base…');
    expect(answer(added).content[0]!.text).toBe(
      'Added [{"name":"roadmap.md","status":"added","passages":1}].',
    );

    // A later question, in a new thread: the search finds the upload and the answer cites it.
    const asked = await ask('ada', 'When is the Kestrel launch?');
    const found = lastToolOutput(fake.requests.at(-1)!)!.passages as ToolPassage[];
    expect(found[0]).toMatchObject({ source: `upload:${id}/roadmap.md` });
    expect(found[0]!.text).toContain('ninth of March');
    const message = answer(asked);
    expect(message.content[0]!.text).toBe('It launches in March.');
    expect(message.content[0]!.annotations).toEqual([
      {
        type: 'annotation',
        index: 'It launches in March'.length,
        source: expect.objectContaining({
          type: 'file',
          filename: 'roadmap.md',
          title: 'Roadmap — Roadmap > Launch',
          group: 'uploads',
        }),
      },
    ]);

    // Another user's identical question never reaches ada's collection.
    const other = await ask('bob', 'When is the Kestrel launch?');
    expect(JSON.stringify(lastToolOutput(fake.requests.at(-1)!))).not.toContain('ninth of March');
    expect(answer(other).content[0]!.text).toBe('I found nothing.');

    // The collection is ada's, and private.
    const list = await exec(process.execPath, [CLI_JS, 'kb', 'list'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    });
    expect(list.stdout).toMatch(/uploads {2}private to ada {2}1 documents {2}1 chunks/);
  });

  it('skips a file it cannot read, with the reason', async () => {
    const form = new FormData();
    form.append(
      'file',
      new Blob([new Uint8Array(sampleWav(0.1))], { type: 'audio/wav' }),
      'memo.wav',
    );
    const res = await fetch(`${server.url}/chatkit/upload`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${await jwtFor('ada')}` },
    });
    expect(res.status).toBe(201);
    const wav = ((await res.json()) as { id: string }).id;
    await ask('ada', 'Add the memo', [wav]);
    expect(lastToolOutput(fake.requests.at(-1)!)).toEqual({
      collection: 'uploads',
      added: [],
      skipped: [{ name: 'memo.wav', reason: 'unsupported file type' }],
    });
  });
});
