import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../src/errors.js';
import {
  ALICE,
  assistantMessage,
  at,
  endOfTurn,
  fileAttachment,
  ids,
  makeThread,
} from '../fixtures.js';
import type { CurrentStore } from '../store-contract.js';

/** Idempotent adds and concurrent writers (docs/protocol.md §12.2 item 1). */
export function describeConcurrency(current: CurrentStore): void {
  describe('idempotency and concurrency (§12.2 #1)', () => {
    it('addThreadItem twice with one id keeps one item, with the new data, in its first position', async () => {
      const store = current();
      await store.saveThread(makeThread('thr_1'), ALICE);
      await store.addThreadItem('thr_1', assistantMessage('thr_1', 'wf_1', at(1), 'first'), ALICE);
      await store.addThreadItem('thr_1', assistantMessage('thr_1', 'msg_2', at(2)), ALICE);
      // The continued workflow comes back later with a later created_at: position must not move.
      const again = assistantMessage('thr_1', 'wf_1', at(9), 'second');
      await store.addThreadItem('thr_1', again, ALICE);
      const page = await store.loadThreadItems('thr_1', null, 10, 'asc', ALICE);
      expect(ids(page)).toEqual(['wf_1', 'msg_2']);
      expect(page.data[0]).toStrictEqual(again);
    });

    it('loses no item when 50 addThreadItem calls on one thread run at once', async () => {
      const store = current();
      await store.saveThread(makeThread('thr_1'), ALICE);
      const itemIds = Array.from({ length: 50 }, (_, i) => `c${i}`);
      await Promise.all(
        itemIds.map((id) => store.addThreadItem('thr_1', endOfTurn('thr_1', id), ALICE)),
      );
      const page = await store.loadThreadItems('thr_1', null, 100, 'asc', ALICE);
      expect([...ids(page)].sort()).toEqual([...itemIds].sort());
      const desc = await store.loadThreadItems('thr_1', null, 100, 'desc', ALICE);
      expect(ids(desc)).toEqual([...ids(page)].reverse());
    });

    it('converges when the same item is added concurrently', async () => {
      const store = current();
      await store.saveThread(makeThread('thr_1'), ALICE);
      await Promise.all(
        Array.from({ length: 10 }, () =>
          store.addThreadItem('thr_1', endOfTurn('thr_1', 'same'), ALICE),
        ),
      );
      expect(ids(await store.loadThreadItems('thr_1', null, 100, 'asc', ALICE))).toEqual(['same']);
    });

    it('leaves nothing of a thread deleted while items are being added', async () => {
      const store = current();
      await store.saveThread(makeThread('thr_1'), ALICE);
      await store.saveAttachment(fileAttachment('atc_1', 'thr_1'), ALICE);
      const adds = Array.from({ length: 50 }, (_, i) =>
        store.addThreadItem('thr_1', endOfTurn('thr_1', `d${i}`), ALICE).then(
          () => 'added',
          (error: unknown) => {
            expect(error).toBeInstanceOf(NotFoundError);
            return 'rejected';
          },
        ),
      );
      const deletion = store.deleteThread('thr_1', ALICE);
      const outcomes = await Promise.all([...adds, deletion]);
      expect(outcomes.length).toBe(51);
      await expect(store.loadThread('thr_1', ALICE)).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.loadAttachment('atc_1', ALICE)).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        store.addThreadItem('thr_1', endOfTurn('thr_1', 'late'), ALICE),
      ).rejects.toBeInstanceOf(NotFoundError);
      // Same id again: an orphan item of the old thread would show up here.
      await store.saveThread(makeThread('thr_1'), ALICE);
      expect((await store.loadThreadItems('thr_1', null, 100, 'asc', ALICE)).data).toEqual([]);
    });
  });
}
