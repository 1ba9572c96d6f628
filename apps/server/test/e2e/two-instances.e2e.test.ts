import {
  startFakeModelServer,
  type FakeModelServer,
  type FakeRequest,
  type FakeTurn,
} from '@threadline/server/testing';
import type { ThreadItem, ThreadStreamEvent, WidgetItem } from '@threadline/server/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../helpers/build.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { DATABASE_URL, freshSchema } from '../helpers/pg.js';
import { readEvents, streamedText, threadIdOf, userInput } from '../helpers/sse.js';
import { JWT_SECRET } from '../helpers/tokens.js';
import { httpCall } from './http-client.js';

/*
 * Two app processes on one PostgreSQL schema, sharing THREADLINE_SECRET and JWT auth: the
 * per-thread turn lease (docs/crash-safety.md) must serialize turns across processes. The model
 * answers slowly so that requests sent to both instances at once really overlap.
 */

const THREADLINE_SECRET = 'two-instances-shared-secret-0123456789abcdef';
/** Per streamed event; a text answer has several events, so a turn lasts well over a second. */
const SLOW_MS = 250;

const TRIP_FORM = {
  title: 'Trip details',
  description: 'So I can book the right trip.',
  fields: [
    {
      name: 'destination',
      label: 'Destination',
      type: 'text',
      required: true,
      options: null,
      placeholder: null,
    },
  ],
};

const lastUserText = (request: FakeRequest): string => {
  const items = (request.body.input ?? request.body.messages ?? []) as {
    role?: string;
    content?: unknown;
  }[];
  return JSON.stringify(items.filter((item) => item.role === 'user').at(-1)?.content ?? '');
};
const isFormAnswer = (request: FakeRequest): boolean =>
  JSON.stringify(request.body).includes('The user answered the form');

let answered = 0;
function script(request: FakeRequest): FakeTurn {
  if (isFormAnswer(request)) return { text: 'Booked your trip to Lisbon.', delayMs: SLOW_MS };
  if (lastUserText(request).includes('trip'))
    return { toolCalls: [{ name: 'ask_user_form', arguments: TRIP_FORM }] };
  return { text: `Slow answer number ${++answered}.`, delayMs: SLOW_MS };
}

const AGENTS = {
  defaultAgent: 'chat',
  agents: [
    { id: 'chat', name: 'Chat', instructions: 'Chat.', model: 'fake' },
    { id: 'travel', name: 'Travel', instructions: 'Book trips.', model: 'fake', forms: true },
  ],
};

const widgets = (events: ThreadStreamEvent[]): WidgetItem[] =>
  events.flatMap((e) =>
    e.type === 'thread.item.done' && e.item.type === 'widget' ? [e.item] : [],
  );

describe('two app instances on one PostgreSQL database', () => {
  let fake: FakeModelServer;
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  const servers: ChildServer[] = [];
  const callOn = (i: number) => httpCall(servers[i]!.url);
  const items = async (threadId: string, agent?: string): Promise<ThreadItem[]> =>
    (
      (await (
        await callOn(0)(
          'kim',
          { type: 'items.list', params: { thread_id: threadId, order: 'asc', limit: 100 } },
          agent,
        )
      ).json()) as { data: ThreadItem[] }
    ).data;

  beforeAll(async () => {
    schema = await freshSchema(); // fails, never skips, when PostgreSQL is down
    fake = await startFakeModelServer(script);
    await ensureBuilt();
    const file = join(mkdtempSync(join(tmpdir(), 'threadline-two-')), 'agents.json');
    writeFileSync(file, JSON.stringify(AGENTS));
    const env = {
      DATABASE_URL,
      DATABASE_SCHEMA: schema.schema,
      THREADLINE_SECRET,
      THREADLINE_AUTH: 'jwt',
      JWT_SECRET,
      OPENAI_API_KEY: 'sk-fake',
      OPENAI_BASE_URL: fake.baseURL,
      THREADLINE_CONFIG: file,
      CHATKIT_UPLOAD_STRATEGY: 'disabled',
      OPENAI_AGENTS_DISABLE_TRACING: '1',
    };
    // One after the other: the first runs the migrations, the second finds them applied.
    servers.push(await startChildServer(env, [], { timeoutMs: 60_000 }));
    servers.push(await startChildServer(env, [], { timeoutMs: 60_000 }));
  }, 300_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await fake?.close();
    await schema?.drop();
  });

  it('serializes concurrent turns on one thread: one answers, the other gets 409', async () => {
    const created = await readEvents(
      await callOn(0)('kim', { type: 'threads.create', params: { input: userInput('hello') } }),
    );
    const threadId = threadIdOf(created);

    for (let round = 1; round <= 3; round++) {
      const body = (i: number) => ({
        type: 'threads.add_user_message',
        params: { thread_id: threadId, input: userInput(`round ${round} via instance ${i}`) },
      });
      const responses = await Promise.all([callOn(0)('kim', body(0)), callOn(1)('kim', body(1))]);
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      const ok = responses.find((r) => r.status === 200)!;
      const refused = responses.find((r) => r.status === 409)!;
      expect(refused.headers.get('content-type')).toContain('application/json');
      expect(JSON.stringify(await refused.json())).toContain('answering another request');
      const events = await readEvents(ok);
      expect(streamedText(events)).toMatch(/^Slow answer number/);
      expect(events.filter((e) => e.type === 'error')).toEqual([]);
    }

    // The stored thread alternates user/assistant: the refused turns left nothing behind.
    const saved = await items(threadId);
    const turns = saved.filter((i) => i.type === 'user_message' || i.type === 'assistant_message');
    expect(turns.map((i) => i.type)).toEqual(
      Array.from({ length: 4 }, () => ['user_message', 'assistant_message']).flat(),
    );
    expect(new Set(saved.map((i) => i.id)).size).toBe(saved.length);
    // Both instances read the same thread.
    const fromOther = (await (
      await callOn(1)('kim', {
        type: 'items.list',
        params: { thread_id: threadId, order: 'asc', limit: 100 },
      })
    ).json()) as { data: ThreadItem[] };
    expect(fromOther.data).toEqual(saved);
  });

  it('resumes a form submitted to both instances at once exactly once', async () => {
    const asked = await readEvents(
      await callOn(0)(
        'kim',
        { type: 'threads.create', params: { input: userInput('book me a trip') } },
        'travel',
      ),
    );
    const [form] = widgets(asked);
    expect(form).toBeDefined();
    const interactionId = /"interaction_id":"(form_[0-9a-f]+)"/.exec(
      JSON.stringify(form!.widget),
    )![1]!;
    const threadId = threadIdOf(asked);
    const answersBefore = fake.requests.filter(isFormAnswer).length;

    const submit = {
      type: 'threads.custom_action',
      params: {
        thread_id: threadId,
        item_id: form!.id,
        action: {
          type: 'human.form_submit',
          payload: { interaction_id: interactionId, destination: 'Lisbon' },
        },
      },
    };
    const responses = await Promise.all([
      callOn(0)('kim', submit, 'travel'),
      callOn(1)('kim', submit, 'travel'),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const events = await readEvents(responses.find((r) => r.status === 200)!);
    await responses.find((r) => r.status === 409)!.body?.cancel();
    const replaced = events.flatMap((e) => (e.type === 'thread.item.replaced' ? [e.item] : []));
    expect(replaced.map((item) => item.id)).toEqual([form!.id]);
    expect(JSON.stringify(replaced[0])).toContain('"label":"Submitted"');
    expect(streamedText(events)).toBe('Booked your trip to Lisbon.');
    expect(fake.requests.filter(isFormAnswer).length).toBe(answersBefore + 1);

    // A late second submit (the form is no longer pending) does not resume the agent again.
    const late = await callOn(1)('kim', submit, 'travel');
    expect(late.status).toBe(200);
    const lateEvents = await readEvents(late);
    expect(lateEvents.filter((e) => e.type !== 'stream_options')).toEqual([]);
    expect(fake.requests.filter(isFormAnswer).length).toBe(answersBefore + 1);

    const saved = await items(threadId, 'travel');
    expect(saved.find((item) => item.id === form!.id)).toEqual(replaced[0]);
    expect(saved.filter((item) => item.type === 'assistant_message')).toHaveLength(1);
    expect(saved.filter((item) => item.type === 'user_message')).toHaveLength(1);
  });
});
