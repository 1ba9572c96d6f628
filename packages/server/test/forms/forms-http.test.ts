import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from '@openai/agents';
import { afterEach, describe, expect, it } from 'vitest';
import { FormInteractions, guardPendingForm, handleFormAction } from '../../src/forms/index.js';
import { createFormTool } from '../../src/forms/agents/index.js';
import type { ThreadItem, ThreadStreamEvent, WidgetItem } from '../../src/protocol/index.js';
import { SqliteStore } from '../../src/stores/sqlite/index.js';
import type { Store } from '../../src/stores/store.js';
import type { FakeTurn } from '../../src/testing/index.js';
import {
  doneItems,
  modelInput,
  startHarness,
  textInput,
  threadIdOf,
  USER,
  type Harness,
  type HarnessContext,
  type HarnessHooks,
} from '../mcp/harness.js';
import { TRIP_REQUEST } from './trip-form.js';

let harness: Harness | undefined;
const stores: SqliteStore<HarnessContext>[] = [];
let tmp: string | undefined;
afterEach(async () => {
  await harness?.close();
  for (const store of stores.splice(0)) await store.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  harness = tmp = undefined;
});

/** The agents wiring of the forms: tool + stopAtToolNames, guard in respond, actions in action(). */
function formHooks(
  interactions = new FormInteractions<HarnessContext>({
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  }),
): HarnessHooks {
  const forms = createFormTool<HarnessContext>({ interactions });
  return {
    agent: (_context, model) =>
      new Agent({
        name: 'Travel agent',
        instructions: 'Book trips.',
        model,
        tools: [forms.tool],
        toolUseBehavior: { stopAtToolNames: [forms.name] },
      }),
    guard: (server, thread, input, context) =>
      guardPendingForm(server, thread, input, context, { interactions }),
    action: (server, thread, action, sender, context, { signal }) =>
      handleFormAction(server, thread, action, sender, context, { signal, interactions }),
  };
}

const ASK: FakeTurn = {
  text: 'I need a few details.',
  toolCalls: [{ name: 'ask_user_form', arguments: TRIP_REQUEST }],
};

const formOf = (events: ThreadStreamEvent[]): WidgetItem => {
  const item = doneItems(events).find((candidate) => candidate.type === 'widget');
  if (item?.type !== 'widget') throw new Error('expected the form widget');
  return item;
};
const interactionIdOf = (form: WidgetItem): string => {
  const match = /"interaction_id":"(form_[0-9a-f]+)"/.exec(JSON.stringify(form.widget));
  if (!match) throw new Error('no interaction id in the form');
  return match[1]!;
};
const replaced = (events: ThreadStreamEvent[]) =>
  events.flatMap((event) => (event.type === 'thread.item.replaced' ? [event.item] : []));
const assistantTexts = (events: ThreadStreamEvent[]) =>
  doneItems(events).flatMap((item) =>
    item.type === 'assistant_message' ? [item.content.map((part) => part.text).join('')] : [],
  );
const lastUserText = (h: Harness, request: number) => {
  const texts = modelInput(h.fake, request)
    .filter((item) => item.role === 'user')
    .map((item) => (item.content as { text: string }[]).map((part) => part.text).join(''));
  return texts.at(-1) ?? '';
};
const action = (
  threadId: string,
  itemId: string,
  type: string,
  payload: Record<string, unknown>,
) => ({
  type: 'threads.custom_action',
  params: { thread_id: threadId, item_id: itemId, action: { type, payload } },
});

async function ask(h: Harness) {
  const events = await h.stream({
    type: 'threads.create',
    params: { input: textInput('Book me a trip') },
  });
  const form = formOf(events);
  return { events, threadId: threadIdOf(events), form, interactionId: interactionIdOf(form) };
}

describe('form-based human-in-the-loop over real HTTP (docs/seeds.md §A.5)', () => {
  it('asks, rejects a missing answer, accepts a valid one, shows the summary and continues the agent', async () => {
    const h = (harness = await startHarness(
      [ASK, { text: 'Booked economy to Lisbon on 1 May.' }],
      formHooks(),
    ));
    const { events, threadId, form, interactionId } = await ask(h);
    // The turn ends on the form: the model's text, then the form; no second model call.
    expect(doneItems(events).map((item) => item.type)).toEqual([
      'user_message',
      'assistant_message',
      'widget',
    ]);
    expect(h.fake.requests).toHaveLength(1);
    expect(form.copy_text).toContain('Trip details');

    // A missing required field: the form comes back with the error, the model is not called.
    const invalid = await h.stream(
      action(threadId, form.id, 'human.form_submit', {
        interaction_id: interactionId,
        destination: '',
        travel_class: 'business',
      }),
    );
    expect(invalid.map((event) => event.type)).toEqual(['stream_options', 'thread.item.replaced']);
    const again = replaced(invalid)[0] as WidgetItem;
    expect(again.id).toBe(form.id);
    expect(JSON.stringify(again.widget)).toContain('"value":"This field is required."');
    expect(JSON.stringify(again.widget)).toContain('"defaultValue":"business"');
    expect(h.fake.requests).toHaveLength(1);

    // Valid answers (named controls at the top level, plus payload.answers).
    const done = await h.stream(
      action(threadId, form.id, 'human.form_submit', {
        interaction_id: interactionId,
        answers: { destination: 'Lisbon' },
        travel_class: 'economy',
        date: '2030-05-01T00:00:00.000Z',
        newsletter: true,
      }),
    );
    expect(done[0]!.type).toBe('stream_options');
    expect(done[1]!.type).toBe('thread.item.replaced');
    const summary = replaced(done)[0] as WidgetItem;
    expect(summary.id).toBe(form.id);
    expect(JSON.stringify(summary.widget)).toContain('"label":"Submitted"');
    expect(JSON.stringify(summary.widget)).not.toContain('Action');
    expect(summary.copy_text).toContain('- Destination: Lisbon');
    expect(assistantTexts(done)).toEqual(['Booked economy to Lisbon on 1 May.']);
    expect(JSON.stringify(done)).not.toContain('hidden_context');

    // The model got the answers as hidden context after the summary widget.
    expect(h.fake.requests).toHaveLength(2);
    const hidden = lastUserText(h, 1);
    expect(hidden).toContain(
      'The user answered the form "Trip details" (shown by the ask_user_form tool):',
    );
    expect(hidden).toContain('- Destination [destination]: Lisbon');
    expect(hidden).toContain('- Class [travel_class]: Economy (economy)');
    expect(hidden).toContain('- Departure [date]: 2030-05-01');
    expect(hidden).toContain('- Send me offers [newsletter]: yes');

    // Reloading shows the summary, not the form.
    const page = await h.json<{ data: ThreadItem[] }>({
      type: 'items.list',
      params: { thread_id: threadId, order: 'asc' },
    });
    expect(page.data.map((item) => item.type)).toEqual([
      'user_message',
      'assistant_message',
      'widget',
      'assistant_message',
    ]);
    expect(page.data[2]).toEqual(summary);
  });

  it('ignores a second submit of the same form', async () => {
    const h = (harness = await startHarness([ASK, { text: 'Thanks!' }], formHooks()));
    const { threadId, form, interactionId } = await ask(h);
    const submit = action(threadId, form.id, 'human.form_submit', {
      interaction_id: interactionId,
      destination: 'Oslo',
      travel_class: 'economy',
    });
    // A submit racing the first one is refused with 409 while the thread's turn runs
    // (docs/crash-safety.md); one arriving later is ignored (the form is answered).
    const refused = (error: unknown) => {
      expect(String(error)).toContain('got 409');
      return 'refused' as const;
    };
    const [first, second] = await Promise.all([
      h.stream(submit).catch(refused),
      new Promise((r) => setTimeout(r, 5)).then(() => h.stream(submit).catch(refused)),
    ]);
    const third = await h.stream(submit);
    const streams = [first, second, third].filter((events) => events !== 'refused');
    expect(streams.filter((events) => assistantTexts(events).length === 1)).toHaveLength(1);
    for (const events of streams.filter((events) => assistantTexts(events).length === 0)) {
      expect(events.map((event) => event.type)).toEqual(['stream_options']);
    }
    expect(h.fake.requests).toHaveLength(2);
  });

  it('uses the agent’s best judgement', async () => {
    const h = (harness = await startHarness(
      [ASK, { text: 'I picked economy to Paris.' }],
      formHooks(),
    ));
    const { threadId, form, interactionId } = await ask(h);
    const events = await h.stream(
      action(threadId, form.id, 'human.best_judgement', {
        interaction_id: interactionId,
        destination: 'ignored',
      }),
    );
    expect(JSON.stringify(replaced(events)[0])).toContain('"label":"Best judgement"');
    expect(assistantTexts(events)).toEqual(['I picked economy to Paris.']);
    expect(lastUserText(h, 1)).toContain('asked you to use your best judgement instead');
  });

  it('cancels, tells the agent, and the agent continues', async () => {
    const h = (harness = await startHarness(
      [ASK, { text: 'No problem, cancelled.' }],
      formHooks(),
    ));
    const { threadId, form, interactionId } = await ask(h);
    const events = await h.stream(
      action(threadId, form.id, 'human.cancel', { interaction_id: interactionId }),
    );
    expect(JSON.stringify(replaced(events)[0])).toContain('"label":"Cancelled"');
    expect(assistantTexts(events)).toEqual(['No problem, cancelled.']);
    expect(lastUserText(h, 1)).toContain('The user cancelled the form "Trip details"');
    // The form is resolved: a new message reaches the model again.
    h.fake.push({ text: 'Sure.' });
    const next = await h.stream({
      type: 'threads.add_user_message',
      params: { thread_id: threadId, input: textInput('Hi') },
    });
    expect(assistantTexts(next)).toEqual(['Sure.']);
  });

  it('answers a message sent while the form is pending without calling the model', async () => {
    const h = (harness = await startHarness([ASK, { text: 'Booked.' }], formHooks()));
    const { threadId, form, interactionId } = await ask(h);
    const events = await h.stream({
      type: 'threads.add_user_message',
      params: { thread_id: threadId, input: textInput('Just book anything') },
    });
    expect(doneItems(events).map((item) => item.type)).toEqual([
      'user_message',
      'assistant_message',
    ]);
    expect(assistantTexts(events)[0]).toMatch(/^Please complete the form above first/);
    expect(h.fake.requests).toHaveLength(1);
    // The form still works afterwards.
    const done = await h.stream(
      action(threadId, form.id, 'human.form_submit', {
        interaction_id: interactionId,
        destination: 'Rome',
        travel_class: 'economy',
      }),
    );
    expect(assistantTexts(done)).toEqual(['Booked.']);
  });

  it('ignores an action with another interaction id and rejects a payload without one', async () => {
    const h = (harness = await startHarness([ASK], formHooks()));
    const { threadId, form } = await ask(h);
    const stale = await h.stream(
      action(threadId, form.id, 'human.form_submit', {
        interaction_id: 'form_old',
        destination: 'X',
        travel_class: 'economy',
      }),
    );
    expect(stale.map((event) => event.type)).toEqual(['stream_options']);
    const bad = await h.stream(action(threadId, form.id, 'human.cancel', {}));
    expect(bad.at(-1)).toEqual({
      type: 'error',
      code: 'custom',
      message: 'Invalid payload for action "human.cancel": interaction_id is missing.',
      allow_retry: false,
    });
  });

  it('survives a server restart between the question and the answer (SqliteStore)', async () => {
    tmp = mkdtempSync(join(tmpdir(), 'forms-'));
    const path = join(tmp, 'chat.db');
    const open = () => {
      const store = new SqliteStore<HarnessContext>({ path });
      stores.push(store);
      return store;
    };
    const h = (harness = await startHarness(
      [ASK, { text: 'Booked after the restart.' }],
      formHooks(),
      open(),
    ));
    const { threadId, form, interactionId } = await ask(h);

    // A new server process: new store connection, new FormInteractions, nothing in memory.
    const reopened: Store<HarnessContext> = open();
    await h.restart(formHooks(), reopened);
    const pending = await reopened.loadThread(threadId, USER);
    expect(pending.metadata).toMatchObject({
      threadline_pending_form: { interaction_id: interactionId, item_id: form.id },
    });
    const blocked = await h.stream({
      type: 'threads.add_user_message',
      params: { thread_id: threadId, input: textInput('Hello?') },
    });
    expect(assistantTexts(blocked)[0]).toMatch(/^Please complete the form above first/);

    const done = await h.stream(
      action(threadId, form.id, 'human.form_submit', {
        interaction_id: interactionId,
        destination: 'Madrid',
        travel_class: 'business',
      }),
    );
    expect(assistantTexts(done)).toEqual(['Booked after the restart.']);
    expect(lastUserText(h, 1)).toContain('- Destination [destination]: Madrid');
    const after = await reopened.loadThread(threadId, USER);
    expect(after.metadata).not.toHaveProperty('threadline_pending_form');
  });

  it('shows one form when the model asks twice in one step', async () => {
    const twice: FakeTurn = {
      toolCalls: [
        { name: 'ask_user_form', arguments: TRIP_REQUEST },
        { name: 'ask_user_form', arguments: { ...TRIP_REQUEST, title: 'Again' } },
      ],
    };
    const h = (harness = await startHarness([twice], formHooks()));
    const events = await h.stream({
      type: 'threads.create',
      params: { input: textInput('Book me a trip') },
    });
    expect(doneItems(events).filter((item) => item.type === 'widget')).toHaveLength(1);
  });

  it('forgets a pending form whose widget was removed by a retry', async () => {
    const h = (harness = await startHarness([ASK, { text: 'Let me try again.' }], formHooks()));
    const { events, threadId } = await ask(h);
    const userMessage = doneItems(events)[0]!;
    const retried = await h.stream({
      type: 'threads.retry_after_item',
      params: { thread_id: threadId, item_id: userMessage.id },
    });
    expect(assistantTexts(retried)).toEqual(['Let me try again.']);
    expect(h.fake.requests).toHaveLength(2);
  });
});
