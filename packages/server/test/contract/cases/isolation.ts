import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError, NotFoundError } from '../../../src/errors.js';
import type { Store } from '../../../src/stores/store.js';
import {
  ALICE,
  ALICE_AT_ACME,
  ALICE_AT_GLOBEX,
  assistantMessage,
  BOB,
  fileAttachment,
  ids,
  imageAttachment,
  makeThread,
  userMessage,
  type TestContext,
} from '../fixtures.js';
import type { CurrentStore } from '../store-contract.js';

/** `owner` has thread `thr_a` with items `msg_1`, `msg_2` and attachment `atc_a` (+ `atc_free`). */
async function seed(store: Store<TestContext>, owner: TestContext): Promise<void> {
  await store.saveThread(makeThread('thr_a'), owner);
  await store.addThreadItem('thr_a', userMessage('thr_a', 'msg_1'), owner);
  await store.addThreadItem('thr_a', assistantMessage('thr_a', 'msg_2'), owner);
  await store.saveAttachment(fileAttachment('atc_a', 'thr_a'), owner);
  await store.saveAttachment(imageAttachment('atc_free'), owner);
}

/** `owner`'s data is exactly as `seed` left it. */
async function expectUntouched(store: Store<TestContext>, owner: TestContext): Promise<void> {
  expect(await store.loadThread('thr_a', owner)).toStrictEqual(makeThread('thr_a'));
  expect(await store.loadThreadItems('thr_a', null, 10, 'asc', owner)).toStrictEqual({
    data: [userMessage('thr_a', 'msg_1'), assistantMessage('thr_a', 'msg_2')],
    has_more: false,
  });
  expect(await store.loadAttachment('atc_a', owner)).toStrictEqual(
    fileAttachment('atc_a', 'thr_a'),
  );
  expect(await store.loadAttachment('atc_free', owner)).toStrictEqual(imageAttachment('atc_free'));
}

/** Every method, called by `intruder` on `owner`'s data, behaves as if the data did not exist. */
function describeIsolatedPair(
  current: CurrentStore,
  label: string,
  owner: TestContext,
  intruder: TestContext,
): void {
  describe(label, () => {
    beforeEach(async () => {
      await seed(current(), owner);
    });

    it('loadThread, saveThread and deleteThread raise NotFoundError', async () => {
      const store = current();
      await expect(store.loadThread('thr_a', intruder)).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        store.saveThread({ ...makeThread('thr_a'), title: 'stolen' }, intruder),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.deleteThread('thr_a', intruder)).rejects.toBeInstanceOf(NotFoundError);
      await expectUntouched(store, owner);
    });

    it('addThreadItem, saveItem, loadItem and deleteThreadItem raise NotFoundError', async () => {
      const store = current();
      await expect(
        store.addThreadItem('thr_a', assistantMessage('thr_a', 'msg_3'), intruder),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        store.addThreadItem('thr_a', assistantMessage('thr_a', 'msg_1', undefined, 'x'), intruder),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        store.saveItem('thr_a', assistantMessage('thr_a', 'msg_2', undefined, 'x'), intruder),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.loadItem('thr_a', 'msg_1', intruder)).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(store.deleteThreadItem('thr_a', 'msg_1', intruder)).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(store.deleteThreadItem('thr_a', 'msg_absent', intruder)).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expectUntouched(store, owner);
    });

    it('loadThreadItems returns an empty page, with or without a cursor', async () => {
      const store = current();
      const empty = { data: [], has_more: false };
      expect(await store.loadThreadItems('thr_a', null, 10, 'asc', intruder)).toEqual(empty);
      expect(await store.loadThreadItems('thr_a', null, 10, 'desc', intruder)).toEqual(empty);
      expect(await store.loadThreadItems('thr_a', 'msg_1', 10, 'asc', intruder)).toEqual(empty);
    });

    it('loadThreads lists only the caller’s threads and rejects their cursors', async () => {
      const store = current();
      await store.saveThread(makeThread('thr_mine'), intruder);
      expect(ids(await store.loadThreads(10, null, 'desc', intruder))).toEqual(['thr_mine']);
      expect(ids(await store.loadThreads(10, null, 'asc', owner))).toEqual(['thr_a']);
      await expect(store.loadThreads(10, 'thr_a', 'asc', intruder)).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });

    it('loadAttachment, deleteAttachment and an overwriting saveAttachment raise NotFoundError', async () => {
      const store = current();
      await expect(store.loadAttachment('atc_a', intruder)).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.deleteAttachment('atc_a', intruder)).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        store.saveAttachment(fileAttachment('atc_a', 'thr_x'), intruder),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expectUntouched(store, owner);
    });

    it('keeps the intruder’s own thread with the same item ids separate', async () => {
      const store = current();
      await store.saveThread(makeThread('thr_b'), intruder);
      await store.addThreadItem(
        'thr_b',
        assistantMessage('thr_b', 'msg_1', undefined, 'mine'),
        intruder,
      );
      await store.deleteThread('thr_b', intruder);
      await expectUntouched(store, owner);
    });
  });
}

/** Per-user and per-tenant scoping of every method (docs/protocol.md §7.1, §11.2 13–14). */
export function describeIsolation(current: CurrentStore): void {
  describe('isolation (§7.1)', () => {
    describeIsolatedPair(current, 'between users', ALICE, BOB);
    describeIsolatedPair(current, 'between tenants of one user', ALICE_AT_ACME, ALICE_AT_GLOBEX);
    describeIsolatedPair(current, 'between a tenant and no tenant', ALICE_AT_ACME, ALICE);

    it('rejects a context without a user id with ConfigurationError', async () => {
      const store = current();
      const anonymous = {} as TestContext;
      // Existing data: a store must refuse to guess an owner, never fall back to "everyone".
      await seed(store, ALICE);
      await expect(store.loadThread('thr_a', anonymous)).rejects.toBeInstanceOf(ConfigurationError);
      await expect(store.saveThread(makeThread('thr_a'), anonymous)).rejects.toBeInstanceOf(
        ConfigurationError,
      );
      await expect(store.loadThreads(10, null, 'asc', anonymous)).rejects.toBeInstanceOf(
        ConfigurationError,
      );
      await expect(
        store.loadThreadItems('thr_a', null, 10, 'asc', anonymous),
      ).rejects.toBeInstanceOf(ConfigurationError);
      await expect(store.saveAttachment(fileAttachment('atc_1'), anonymous)).rejects.toBeInstanceOf(
        ConfigurationError,
      );
      await expect(store.deleteThread('thr_a', anonymous)).rejects.toBeInstanceOf(
        ConfigurationError,
      );
      await expect(store.loadAttachment('atc_a', anonymous)).rejects.toBeInstanceOf(
        ConfigurationError,
      );
      await expect(store.loadItem('thr_a', 'msg_1', anonymous)).rejects.toBeInstanceOf(
        ConfigurationError,
      );
      await expectUntouched(store, ALICE);
    });
  });
}
