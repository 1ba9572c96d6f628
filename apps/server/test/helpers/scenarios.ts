import { expect } from 'vitest';
import { readEvents, streamedText, threadIdOf, userInput } from './sse.js';

/** Sends one ChatKit request as `user` (to `/chatkit?agent_id=agent` when given). */
export type Call = (user: string, body: unknown, agent?: string) => Promise<Response>;

const json = async (res: Response) => (await res.json()) as Record<string, unknown>;

/**
 * Every one of the 16 operations, driven end to end as one user: create and continue a thread,
 * read it back, page, rename, feedback, retry, delete. Returns the ids it created.
 */
export async function exerciseAllOperations(call: Call, user: string): Promise<void> {
  // threads.create (SSE)
  const createdEvents = await readEvents(
    await call(user, { type: 'threads.create', params: { input: userInput('First question') } }),
  );
  const threadId = threadIdOf(createdEvents);
  expect(createdEvents.map((e) => e.type).slice(0, 3)).toEqual([
    'thread.created',
    'thread.item.done',
    'stream_options',
  ]);
  expect(streamedText(createdEvents)).toContain('First question');

  // threads.add_user_message (SSE)
  const added = await readEvents(
    await call(user, {
      type: 'threads.add_user_message',
      params: { thread_id: threadId, input: userInput('Second question') },
    }),
  );
  expect(streamedText(added)).toContain('Second question');

  // threads.get_by_id
  const thread = await json(
    await call(user, { type: 'threads.get_by_id', params: { thread_id: threadId } }),
  );
  expect(thread.id).toBe(threadId);
  expect(thread.title).toBe('First question');
  expect(thread.metadata).toEqual({});
  const items = (thread.items as { data: { id: string; type: string }[] }).data;
  expect(items.filter((i) => i.type === 'user_message')).toHaveLength(2);

  // items.list (paged, both orders)
  const page1 = await json(
    await call(user, {
      type: 'items.list',
      params: { thread_id: threadId, limit: 2, order: 'asc' },
    }),
  );
  expect(page1.has_more).toBe(true);
  const page2 = await json(
    await call(user, {
      type: 'items.list',
      params: { thread_id: threadId, limit: 100, order: 'asc', after: page1.after },
    }),
  );
  const all = [...(page1.data as { id: string }[]), ...(page2.data as { id: string }[])].map(
    (i) => i.id,
  );
  expect(all).toEqual(items.map((i) => i.id));
  const desc = await json(
    await call(user, { type: 'items.list', params: { thread_id: threadId } }),
  );
  expect((desc.data as { id: string }[]).map((i) => i.id)).toEqual([...all].reverse());

  // items.feedback
  const assistant = items.find((i) => i.type === 'assistant_message')!;
  expect(
    await json(
      await call(user, {
        type: 'items.feedback',
        params: { thread_id: threadId, item_ids: [assistant.id], kind: 'positive' },
      }),
    ),
  ).toEqual({});

  // threads.update
  const renamed = await json(
    await call(user, { type: 'threads.update', params: { thread_id: threadId, title: 'Renamed' } }),
  );
  expect(renamed.title).toBe('Renamed');

  // threads.list
  const list = await json(await call(user, { type: 'threads.list', params: { limit: 10 } }));
  expect((list.data as { id: string; title: string }[]).find((t) => t.id === threadId)?.title).toBe(
    'Renamed',
  );

  // threads.retry_after_item (SSE): regenerates after the second user message
  const secondUser = items.filter((i) => i.type === 'user_message')[1]!;
  const retried = await readEvents(
    await call(user, {
      type: 'threads.retry_after_item',
      params: { thread_id: threadId, item_id: secondUser.id },
    }),
  );
  expect(streamedText(retried)).toContain('Second question');

  // threads.custom_action (SSE) on a widget: the app has no action handler → one error event
  const widget = items.find((i) => i.type === 'widget');
  // The demo model always answers with a card, so the action requests below always run.
  if (!widget) throw new Error('expected the demo reply to include a widget');
  const action = await call(user, {
    type: 'threads.custom_action',
    params: { thread_id: threadId, item_id: widget.id, action: { type: 'noop' } },
  });
  const events = await readEvents(action);
  expect(events.at(-1)?.type).toBe('error');
  // threads.sync_custom_action (JSON): not implemented by the app → 501
  const sync = await call(user, {
    type: 'threads.sync_custom_action',
    params: { thread_id: threadId, item_id: widget.id, action: { type: 'noop' } },
  });
  expect(sync.status).toBe(501);

  // threads.add_client_tool_output / add_structured_input: nothing pending → 409 / 400
  expect(
    (
      await call(user, {
        type: 'threads.add_client_tool_output',
        params: { thread_id: threadId, result: {} },
      })
    ).status,
  ).toBe(409);
  expect(
    (
      await call(user, {
        type: 'threads.add_structured_input',
        params: { thread_id: threadId, item_id: assistant.id, input: {} },
      })
    ).status,
  ).toBe(400);

  // input.transcribe: not offered → 501
  expect(
    (
      await call(user, {
        type: 'input.transcribe',
        params: { audio_base64: 'AAAA', mime_type: 'audio/webm' },
      })
    ).status,
  ).toBe(501);

  // threads.delete
  expect(
    await json(await call(user, { type: 'threads.delete', params: { thread_id: threadId } })),
  ).toEqual({});
  expect(
    (await call(user, { type: 'threads.get_by_id', params: { thread_id: threadId } })).status,
  ).toBe(404);
}

/**
 * Another user tries every operation on `owner`'s thread, items and attachment: all 404 (or an
 * empty page), and the owner's data is unchanged afterwards.
 */
export async function assertIsolation(
  call: Call,
  owner: string,
  intruder: string,
  attachmentId?: string,
): Promise<void> {
  const events = await readEvents(
    await call(owner, { type: 'threads.create', params: { input: userInput('Private matter') } }),
  );
  const threadId = threadIdOf(events);
  const before = await json(
    await call(owner, { type: 'threads.get_by_id', params: { thread_id: threadId } }),
  );
  const items = (before.items as { data: { id: string; type: string }[] }).data;
  const userItem = items.find((i) => i.type === 'user_message')!;
  const otherItem = items.find((i) => i.type !== 'user_message') ?? userItem;

  const attempts: [string, unknown][] = [
    ['threads.add_user_message', { thread_id: threadId, input: userInput('let me in') }],
    ['threads.add_client_tool_output', { thread_id: threadId, result: {} }],
    ['threads.add_structured_input', { thread_id: threadId, item_id: otherItem.id, input: {} }],
    ['threads.retry_after_item', { thread_id: threadId, item_id: userItem.id }],
    [
      'threads.custom_action',
      { thread_id: threadId, item_id: otherItem.id, action: { type: 'x' } },
    ],
    [
      'threads.sync_custom_action',
      { thread_id: threadId, item_id: otherItem.id, action: { type: 'x' } },
    ],
    ['threads.get_by_id', { thread_id: threadId }],
    ['threads.update', { thread_id: threadId, title: 'pwned' }],
    ['threads.delete', { thread_id: threadId }],
    ['items.feedback', { thread_id: threadId, item_ids: [userItem.id], kind: 'negative' }],
  ];
  if (attachmentId) attempts.push(['attachments.delete', { attachment_id: attachmentId }]);
  for (const [type, params] of attempts) {
    const res = await call(intruder, { type, params });
    expect(res.status, type).toBe(404);
    expect(await res.text(), type).not.toContain('Private matter');
  }
  // items.list: another user's thread does not exist for them (docs/protocol-deviations.md #10)
  const list = await call(intruder, { type: 'items.list', params: { thread_id: threadId } });
  expect(list.status).toBe(404);
  expect(await list.text()).not.toContain('Private matter');
  // threads.list: never the owner's thread
  const threads = await json(await call(intruder, { type: 'threads.list', params: {} }));
  expect((threads.data as { id: string }[]).map((t) => t.id)).not.toContain(threadId);
  // threads.create referencing the owner's attachment is refused
  if (attachmentId) {
    const res = await call(intruder, {
      type: 'threads.create',
      params: { input: { ...userInput('steal'), attachments: [attachmentId] } },
    });
    expect(res.status).toBe(404);
  }
  // Unchanged for the owner.
  const after = await json(
    await call(owner, { type: 'threads.get_by_id', params: { thread_id: threadId } }),
  );
  expect(after).toEqual(before);
}
