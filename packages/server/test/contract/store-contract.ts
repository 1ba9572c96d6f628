import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../../src/stores/store.js';
import { describeConcurrency } from './cases/concurrency.js';
import { describeCrud } from './cases/crud.js';
import { describeIds } from './cases/ids.js';
import { describeIsolation } from './cases/isolation.js';
import { describePagination } from './cases/pagination.js';
import type { TestContext } from './fixtures.js';

/** A fresh, empty store and how to dispose of it. */
export interface StoreFixture {
  store: Store<TestContext>;
  cleanup: () => Promise<void>;
}

/** Gives the running test its store (a fresh one per test). */
export type CurrentStore = () => Store<TestContext>;

/**
 * The `Store` contract (docs/protocol.md §7, every case of §11.2 plus isolation, pagination ties,
 * idempotency and concurrency). `makeStore` is called before every test and must return an empty
 * store; `cleanup` runs after it.
 */
export function describeStoreContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`${name} satisfies the Store contract (docs/protocol.md §7)`, () => {
    let fixture: StoreFixture | undefined;
    beforeEach(async () => {
      fixture = await makeStore();
    });
    afterEach(async () => {
      await fixture?.cleanup();
      fixture = undefined;
    });
    const current: CurrentStore = () => {
      if (!fixture) throw new Error('no store: makeStore() failed');
      return fixture.store;
    };
    describeCrud(current);
    describePagination(current);
    describeIsolation(current);
    describeConcurrency(current);
    describeIds(current);
  });
}
