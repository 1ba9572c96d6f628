import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../src/errors.js';
import type { Page } from '../../../src/protocol/page.js';
import type { SortOrder, Store } from '../../../src/stores/store.js';
import {
  ALICE,
  assistantMessage,
  at,
  endOfTurn,
  ids,
  makeThread,
  SAME_INSTANT,
  type TestContext,
} from '../fixtures.js';
import type { CurrentStore } from '../store-contract.js';

/** Follows `after` cursors to the end, checking `has_more`/`after` on every page. */
async function collect(
  load: (after: string | undefined) => Promise<Page<{ id: string }>>,
): Promise<{ ids: string[]; pages: number }> {
  const seen: string[] = [];
  let after: string | undefined;
  for (let pages = 1; pages < 1000; pages++) {
    const page = await load(after);
    seen.push(...ids(page));
    if (!page.has_more) {
      expect(page.after ?? undefined).toBeUndefined();
      return { ids: seen, pages };
    }
    expect(page.after).toBe(page.data.at(-1)?.id);
    after = page.after ?? undefined;
  }
  throw new Error('pagination does not terminate');
}

async function addItems(
  store: Store<TestContext>,
  threadId: string,
  itemIds: string[],
): Promise<void> {
  for (const id of itemIds) await store.addThreadItem(threadId, endOfTurn(threadId, id), ALICE);
}

const range = (n: number, prefix: string): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

/** Keyset pagination semantics (docs/protocol.md §7.2, §11.2 8–10). */
export function describePagination(current: CurrentStore): void {
  describe('pagination (§7.2)', () => {
    it('pages threads ascending: [thread1, thread2] has_more after thread2, then [thread3]', async () => {
      for (const [i, id] of ['thread1', 'thread2', 'thread3'].entries()) {
        await current().saveThread(makeThread(id, at(i)), ALICE);
      }
      const first = await current().loadThreads(2, null, 'asc', ALICE);
      expect(ids(first)).toEqual(['thread1', 'thread2']);
      expect(first.has_more).toBe(true);
      expect(first.after).toBe('thread2');
      const second = await current().loadThreads(2, first.after, 'asc', ALICE);
      expect(second).toStrictEqual({ data: [makeThread('thread3', at(2))], has_more: false });
    });

    it('pages threads descending with the newest first', async () => {
      for (const [i, id] of ['thread1', 'thread2', 'thread3'].entries()) {
        await current().saveThread(makeThread(id, at(i)), ALICE);
      }
      const first = await current().loadThreads(2, undefined, 'desc', ALICE);
      expect(ids(first)).toEqual(['thread3', 'thread2']);
      expect(first.after).toBe('thread2');
      const second = await current().loadThreads(2, first.after, 'desc', ALICE);
      expect(ids(second)).toEqual(['thread1']);
      expect(second.has_more).toBe(false);
    });

    it('orders items by created_at in both directions, whatever the insertion order', async () => {
      await current().saveThread(makeThread('thr_1'), ALICE);
      for (const [id, seconds] of [
        ['msg2', 2],
        ['msg3', 3],
        ['msg1', 1],
      ] as const) {
        await current().addThreadItem('thr_1', assistantMessage('thr_1', id, at(seconds)), ALICE);
      }
      expect(ids(await current().loadThreadItems('thr_1', null, 10, 'asc', ALICE))).toEqual([
        'msg1',
        'msg2',
        'msg3',
      ]);
      expect(ids(await current().loadThreadItems('thr_1', null, 10, 'desc', ALICE))).toEqual([
        'msg3',
        'msg2',
        'msg1',
      ]);
    });

    it('pages items after a cursor (§11.2 case 10)', async () => {
      await current().saveThread(makeThread('thr_1'), ALICE);
      for (let i = 0; i < 5; i++) {
        await current().addThreadItem('thr_1', assistantMessage('thr_1', `msg${i}`, at(i)), ALICE);
      }
      const afterCursor = await current().loadThreadItems('thr_1', 'msg1', 3, 'asc', ALICE);
      expect(ids(afterCursor)).toEqual(['msg2', 'msg3', 'msg4']);
      expect(afterCursor.has_more).toBe(false);
      expect(afterCursor.after ?? undefined).toBeUndefined();
      const head = await current().loadThreadItems('thr_1', null, 2, 'asc', ALICE);
      expect(ids(head)).toEqual(['msg0', 'msg1']);
      expect(head.has_more).toBe(true);
      expect(head.after).toBe('msg1');
      const descending = await current().loadThreadItems('thr_1', 'msg3', 2, 'desc', ALICE);
      expect(ids(descending)).toEqual(['msg2', 'msg1']);
      expect(descending.has_more).toBe(true);
      expect(descending.after).toBe('msg1');
      const atEnd = await current().loadThreadItems('thr_1', 'msg0', 2, 'desc', ALICE);
      expect(atEnd).toEqual({ data: [], has_more: false });
    });

    it('keeps insertion order for many items created in the same millisecond, in both orders', async () => {
      await current().saveThread(makeThread('thr_1'), ALICE);
      const itemIds = range(40, 'same_');
      // Shuffled-looking ids, so ordering cannot come from the id.
      const inserted = itemIds.map(
        (id, i) => `${String((i * 7919) % 1000).padStart(3, '0')}_${id}`,
      );
      await addItems(current(), 'thr_1', inserted);
      for (const limit of [1, 7, 40, 100]) {
        const asc = await collect((after) =>
          current().loadThreadItems('thr_1', after, limit, 'asc', ALICE),
        );
        expect(asc.ids).toEqual(inserted);
        const desc = await collect((after) =>
          current().loadThreadItems('thr_1', after, limit, 'desc', ALICE),
        );
        expect(desc.ids).toEqual([...inserted].reverse());
        expect(desc.pages).toBe(Math.max(1, Math.ceil(40 / limit)));
      }
    });

    it('keeps insertion order for threads created in the same millisecond', async () => {
      const threadIds = range(15, 'thr_z').reverse();
      for (const id of threadIds) await current().saveThread(makeThread(id, SAME_INSTANT), ALICE);
      for (const order of ['asc', 'desc'] as SortOrder[]) {
        const all = await collect((after) => current().loadThreads(4, after, order, ALICE));
        expect(all.ids).toEqual(order === 'asc' ? threadIds : [...threadIds].reverse());
      }
    });

    it('orders equal instants written in different ISO forms by time, then insertion', async () => {
      await current().saveThread(makeThread('thr_1'), ALICE);
      const forms = [
        '2026-05-01T10:00:00+02:00',
        '2026-05-01T08:00:00.000Z',
        '2026-05-01T08:00:00',
      ];
      for (const [i, createdAt] of forms.entries()) {
        await current().addThreadItem('thr_1', endOfTurn('thr_1', `e${i}`, createdAt), ALICE);
      }
      await current().addThreadItem(
        'thr_1',
        endOfTurn('thr_1', 'early', '2026-05-01T07:59:59.999Z'),
        ALICE,
      );
      expect(ids(await current().loadThreadItems('thr_1', null, 10, 'asc', ALICE))).toEqual([
        'early',
        'e0',
        'e1',
        'e2',
      ]);
    });

    it('sets after only when has_more', async () => {
      await current().saveThread(makeThread('thr_1'), ALICE);
      await addItems(current(), 'thr_1', range(3, 'i'));
      const exact = await current().loadThreadItems('thr_1', null, 3, 'asc', ALICE);
      expect(exact.has_more).toBe(false);
      expect(exact.after ?? undefined).toBeUndefined();
      const short = await current().loadThreadItems('thr_1', null, 2, 'desc', ALICE);
      expect(short).toMatchObject({ has_more: true, after: 'i001' });
    });

    it('raises NotFoundError for an unknown cursor', async () => {
      await current().saveThread(makeThread('thr_1'), ALICE);
      await addItems(current(), 'thr_1', range(2, 'i'));
      for (const order of ['asc', 'desc'] as SortOrder[]) {
        await expect(
          current().loadThreadItems('thr_1', 'nope', 5, order, ALICE),
        ).rejects.toBeInstanceOf(NotFoundError);
        await expect(current().loadThreads(5, 'thr_nope', order, ALICE)).rejects.toBeInstanceOf(
          NotFoundError,
        );
      }
    });

    it('treats a deleted cursor as unknown', async () => {
      await current().saveThread(makeThread('thr_1'), ALICE);
      await addItems(current(), 'thr_1', range(3, 'i'));
      await current().deleteThreadItem('thr_1', 'i001', ALICE);
      await expect(
        current().loadThreadItems('thr_1', 'i001', 5, 'asc', ALICE),
      ).rejects.toBeInstanceOf(NotFoundError);
    });
  });
}
