import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AssistantMessageItem, ThreadStreamEvent } from '@threadline/server/protocol';
import {
  startFakeModelServer,
  type FakeModelServer,
  type FakeRequest,
  type FakeTurn,
} from '@threadline/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from '../../../../packages/server/test/knowledge/document-fixtures.js';
import { CLI_JS, ensureBuilt, REPO_ROOT } from '../helpers/build.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { DATABASE_URL, freshSchema } from '../helpers/pg.js';
import { readEvents, userInput } from '../helpers/sse.js';
import { JWT_SECRET } from '../helpers/tokens.js';
import { httpCall } from './http-client.js';

const exec = promisify(execFile);

interface ToolPassage {
  ref: number;
  id: string;
  title: string;
  source: string;
  text: string;
}

/** The last search_knowledge output in a Responses request, if the model has called the tool. */
function toolOutput(request: FakeRequest): { passages: ToolPassage[] } | undefined {
  const input = (request.body.input ?? []) as Array<{ type?: string; output?: string }>;
  const output = input.filter((entry) => entry.type === 'function_call_output').at(-1);
  return output ? (JSON.parse(output.output!) as { passages: ToolPassage[] }) : undefined;
}

/** Searches with the user's words, then answers citing the first passage. */
function script(request: FakeRequest): FakeTurn {
  const output = toolOutput(request);
  if (!output) {
    const input = (request.body.input ?? []) as Array<{ role?: string; content?: unknown }>;
    const question = JSON.stringify(input.filter((i) => i.role === 'user').at(-1)?.content ?? '');
    const query = /"text":"([^"]+)"/.exec(question)?.[1] ?? question;
    return { toolCalls: [{ name: 'search_knowledge', arguments: { query } }] };
  }
  if (output.passages.length === 0) return { text: 'I found nothing.' };
  return { text: `Here is the answer [${output.passages[0]!.ref}].` };
}

function writeCorpus(dir: string): void {
  mkdirSync(join(dir, 'handbook', 'policies'), { recursive: true });
  writeFileSync(
    join(dir, 'handbook', 'holidays.md'),
    '# Holidays\n\n## Allowance\n\nEveryone gets 25 days of paid holiday per year.\n',
  );
  writeFileSync(
    join(dir, 'handbook', 'policies', 'expenses.html'),
    '<title>Expense policy</title><nav>Menu</nav><main><h1>Expenses</h1><p>Submit receipts within 30 days.</p></main>',
  );
  writeFileSync(
    join(dir, 'handbook', 'policies', 'travel.pdf'),
    makePdf([['Travel', 'Trains are booked in second class.']], 'Travel policy'),
  );
  writeFileSync(join(dir, 'handbook', 'ignored.png'), 'not a document');
  writeFileSync(join(dir, 'bob-notes.txt'), 'The holiday bonus for bob is 5000 euros.');
}

/** A one-page HTTP server (text/html, no extension in the URL). */
async function servePage(html: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'last-modified': 'Tue, 01 Dec 2026 10:00:00 GMT',
    });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const AGENTS = {
  agents: [
    {
      id: 'assistant',
      name: 'Docs assistant',
      instructions: 'Answer from the handbook.',
      model: 'fake-model',
      knowledge: ['handbook', 'notes'],
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

describe.each(STORES)('knowledge base in the app (%s)', ({ env: storeEnv }) => {
  let fake: FakeModelServer;
  let server: ChildServer;
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  const dir = mkdtempSync(join(tmpdir(), 'threadline-kb-'));
  const cli = async (...args: string[]) =>
    exec(process.execPath, [CLI_JS, 'kb', ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    });
  const ask = async (user: string, text: string): Promise<ThreadStreamEvent[]> =>
    readEvents(
      await httpCall(server.url)(user, {
        type: 'threads.create',
        params: { input: userInput(text) },
      }),
    );

  beforeAll(async () => {
    writeCorpus(dir);
    const store = await storeEnv();
    drop = store.drop;
    const file = join(dir, 'agents.json');
    writeFileSync(file, JSON.stringify(AGENTS));
    env = { THREADLINE_DATA_DIR: join(dir, 'data'), THREADLINE_CONFIG: file, ...store.env };
    fake = await startFakeModelServer(script);
    await ensureBuilt();
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    await fake?.close();
    await drop?.();
  });

  it('kb add ingests a folder (recursively, by format) with progress, and a private collection', async () => {
    const added = await cli('add', join(dir, 'handbook'), '--collection', 'handbook');
    expect(added.stdout).toContain(
      'Collection "handbook" (public): 3 added, 0 updated, 0 unchanged, 0 failed',
    );
    expect(added.stderr).toContain('3/3 files');
    const again = await cli('add', join(dir, 'handbook'), '--collection', 'handbook');
    expect(again.stdout).toContain('0 added, 0 updated, 3 unchanged');
    const notes = await cli(
      'add',
      join(dir, 'bob-notes.txt'),
      '--collection',
      'notes',
      '--user',
      'bob',
    );
    expect(notes.stdout).toContain('Collection "notes" (private to bob): 1 added');

    // A URL: the format comes from the Content-Type, the source is the URL.
    const page = await servePage(
      '<html><head><title>Parking</title></head><body><main><p>Visitor parking is on level minus two.</p></main></body></html>',
    );
    try {
      const url = await cli('add', `${page.url}/parking`, '--collection', 'handbook');
      expect(url.stdout).toContain('1 added');
    } finally {
      page.server.close();
    }
    const parking = JSON.parse((await cli('search', 'visitor parking', '--json')).stdout) as Array<{
      title: string;
      source: string;
    }>;
    expect(parking[0]).toMatchObject({ title: 'Parking', source: `${page.url}/parking` });
    await cli('remove', `${page.url}/parking`, '--collection', 'handbook');

    const list = await cli('list');
    expect(list.stdout).toMatch(/handbook {2}public {2}3 documents {2}3 chunks/);
    expect(list.stdout).toMatch(/notes {2}private to bob {2}1 documents {2}1 chunks/);

    const search = await cli('search', 'receipts', '--json');
    const passages = JSON.parse(search.stdout) as Array<{
      title: string;
      source: string;
      score: number;
    }>;
    expect(passages[0]).toMatchObject({
      title: 'Expense policy',
      source: join(dir, 'handbook', 'policies', 'expenses.html'),
    });
    const pdf = await cli('search', 'trains second class');
    expect(pdf.stdout).toContain('Travel policy — Page 1');
    // Searching as another user leaves bob's notes out.
    const asMia = await cli('search', 'holiday bonus', '--user', 'mia', '--json');
    expect(asMia.stdout).not.toContain('5000 euros');
    const asBob = await cli('search', 'holiday bonus', '--user', 'bob', '--json');
    expect(asBob.stdout).toContain('5000 euros');
  });

  it('answers with source annotations that resolve to the ingested documents; other users’ private collections are never searched', async () => {
    server = await startChildServer({
      ...env,
      THREADLINE_AUTH: 'jwt',
      JWT_SECRET,
      OPENAI_API_KEY: 'sk-fake',
      OPENAI_BASE_URL: fake.baseURL,
      THREADLINE_MODEL_PROVIDER: 'openai-responses',
      CHATKIT_UPLOAD_STRATEGY: 'disabled',
      OPENAI_AGENTS_DISABLE_TRACING: '1',
    });
    const events = await ask('mia', 'holiday days per year');
    const progress = events.flatMap((e) => (e.type === 'progress_update' ? [e.text] : []));
    expect(progress).toContain('Searching…');
    expect(progress.some((text) => /^Found \d+ passages?$/.test(text))).toBe(true);
    const done = events.filter(
      (e): e is Extract<ThreadStreamEvent, { type: 'thread.item.done' }> =>
        e.type === 'thread.item.done' && e.item.type === 'assistant_message',
    );
    const message = done.at(-1)!.item as AssistantMessageItem;
    expect(message.content[0]!.text).toBe('Here is the answer.');
    expect(message.content[0]!.annotations).toEqual([
      {
        type: 'annotation',
        index: 'Here is the answer'.length,
        source: expect.objectContaining({
          type: 'file',
          filename: 'holidays.md',
          title: 'Holidays — Holidays > Allowance',
          description: 'Everyone gets 25 days of paid holiday per year.',
        }),
      },
    ]);
    const miaSearch = toolOutput(fake.requests.at(-1)!)!;
    expect(miaSearch.passages.map((p) => p.source)).toContain(join(dir, 'handbook', 'holidays.md'));

    // mia's search for bob's words never reaches bob's private collection …
    await ask('mia', 'holiday bonus for bob');
    expect(JSON.stringify(toolOutput(fake.requests.at(-1)!))).not.toContain('5000 euros');
    // … while bob's own search does.
    await ask('bob', 'holiday bonus for bob');
    expect(JSON.stringify(toolOutput(fake.requests.at(-1)!))).toContain('5000 euros');
  });

  it('kb remove deletes documents and collections', async () => {
    await cli('remove', join(dir, 'handbook', 'holidays.md'), '--collection', 'handbook');
    const search = await cli('search', 'holiday days', '--collection', 'handbook', '--json');
    expect(search.stdout).not.toContain('holidays.md');
    await cli('remove', '--collection', 'notes');
    expect((await cli('list')).stdout).not.toContain('notes');
  });
});
