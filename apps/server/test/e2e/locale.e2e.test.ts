import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startFakeModelServer,
  type FakeModelServer,
  type FakeRequest,
  type FakeTurn,
} from '@threadline/server/testing';
import type { ThreadStreamEvent, WidgetItem } from '@threadline/server/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { readEvents, streamedText, threadIdOf, userInput } from '../helpers/sse.js';
import { JWT_SECRET, jwtFor } from '../helpers/tokens.js';

const FORM = {
  title: 'Trip',
  description: null,
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

const lastUserText = (request: FakeRequest): string =>
  JSON.stringify(
    ((request.body.input ?? []) as { role?: string; content?: unknown }[])
      .filter((item) => item.role === 'user')
      .at(-1)?.content ?? '',
  );

function script(request: FakeRequest): FakeTurn {
  const text = lastUserText(request);
  if (JSON.stringify(request.body).includes('function_call_output')) return { text: 'Done.' };
  if (text.includes('compute'))
    return { toolCalls: [{ name: 'calculate', arguments: { expression: '6 * 7' } }] };
  if (text.includes('trip')) return { toolCalls: [{ name: 'ask_user_form', arguments: FORM }] };
  if (text.includes('fail')) return { error: { status: 401, message: 'Incorrect API key' } };
  return { text: 'Hello.' };
}

const progress = (events: ThreadStreamEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'progress_update' ? [e.text] : []));
const widgets = (events: ThreadStreamEvent[]): WidgetItem[] =>
  events.flatMap((e) =>
    e.type === 'thread.item.done' && e.item.type === 'widget' ? [e.item] : [],
  );

/** The app's own texts in the client's locale, with the fake model server (docs/protocol.md §1.1). */
describe('server texts in the user locale (built app, fake model)', () => {
  let fake: FakeModelServer;
  let server: ChildServer;
  const post = async (
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<ThreadStreamEvent[]> => {
    const res = await fetch(`${server.url}/chatkit`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await jwtFor('lea')}`,
        ...headers,
      },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return readEvents(res);
  };
  const instructions = () => JSON.stringify(fake.requests.at(-1)!.body.instructions ?? '');

  beforeAll(async () => {
    fake = await startFakeModelServer(script);
    await ensureBuilt();
    const file = join(mkdtempSync(join(tmpdir(), 'threadline-locale-')), 'agents.json');
    writeFileSync(
      file,
      JSON.stringify({
        agents: [
          {
            id: 'helper',
            name: 'Helper',
            instructions: 'Help.',
            model: 'fake',
            tools: ['calculate'],
            forms: true,
          },
        ],
      }),
    );
    server = await startChildServer(
      {
        THREADLINE_AUTH: 'jwt',
        JWT_SECRET,
        OPENAI_API_KEY: 'sk-fake',
        OPENAI_BASE_URL: fake.baseURL,
        THREADLINE_MODEL_PROVIDER: 'openai-responses',
        THREADLINE_CONFIG: file,
        CHATKIT_UPLOAD_STRATEGY: 'disabled',
        OPENAI_AGENTS_DISABLE_TRACING: '1',
      },
      [],
      { timeoutMs: 60_000 },
    );
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    await fake?.close();
  });

  it('Accept-Language fr: French progress lines, and the model is told the locale', async () => {
    const events = await post(
      { type: 'threads.create', params: { input: userInput('please compute this') } },
      { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' },
    );
    expect(progress(events)).toEqual([
      'Analyse de votre demande…',
      'Calcul en cours…',
      'Préparation de la réponse…',
    ]);
    expect(streamedText(events)).toBe('Done.');
    expect(instructions()).toContain("The user's locale is fr-FR (French (France)).");
  });

  it('metadata locale fr: French form texts, reminder and validation errors', async () => {
    const fr = { locale: 'fr' };
    const asked = await post({
      type: 'threads.create',
      params: { input: userInput('book a trip') },
      metadata: fr,
    });
    expect(progress(asked)[0]).toBe('Analyse de votre demande…');
    const [form] = widgets(asked);
    const json = JSON.stringify(form!.widget);
    for (const label of ['"Envoyer"', '"Faites au mieux"', '"Annuler"'])
      expect(json).toContain(label);
    expect(json).not.toContain('"Submit"');
    const threadId = threadIdOf(asked);

    const reminder = await post({
      type: 'threads.add_user_message',
      params: { thread_id: threadId, input: userInput('anything') },
      metadata: fr,
    });
    expect(JSON.stringify(reminder)).toContain('Remplissez d’abord le formulaire ci-dessus');

    const interactionId = /"interaction_id":"(form_[0-9a-f]+)"/.exec(json)![1]!;
    const invalid = await post({
      type: 'threads.custom_action',
      params: {
        thread_id: threadId,
        item_id: form!.id,
        action: { type: 'human.form_submit', payload: { interaction_id: interactionId } },
      },
      metadata: fr,
    });
    expect(JSON.stringify(invalid)).toContain('Ce champ est obligatoire.');
  });

  it('friendly errors in the locale; an unknown locale gets English everywhere', async () => {
    const failed = await post(
      { type: 'threads.create', params: { input: userInput('please fail') } },
      { 'accept-language': 'de' },
    );
    expect(failed.filter((e) => e.type === 'error').map((e) => e.message)).toEqual([
      'Der Assistent ist falsch konfiguriert: Der KI-Dienst hat seine Zugangsdaten abgelehnt. Bitte wenden Sie sich an den Administrator der Website.',
    ]);

    const english = await post(
      { type: 'threads.create', params: { input: userInput('compute and book a trip') } },
      { 'accept-language': 'tlh-Latn' },
    );
    expect(progress(english)).toEqual([
      'Analyzing your request…',
      'Calculating…',
      'Preparing a response…',
    ]);
    const metadataOnly = await post({
      type: 'threads.create',
      params: { input: userInput('book a trip') },
      metadata: { locale: 'sv-SE' },
    });
    expect(progress(metadataOnly)[0]).toBe('Analyzing your request…');
    expect(JSON.stringify(widgets(metadataOnly)[0]!.widget)).toContain('"Submit"');
    // The model still learns the user's language, even without a catalogue for it.
    expect(instructions()).toContain("The user's locale is sv-SE (Swedish (Sweden)).");
  });
});
